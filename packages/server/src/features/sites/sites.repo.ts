import type { Site, SiteInput } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

interface Row {
  id: string;
  facility_id: string;
  facility_name: string;
  name: string;
  room: string | null;
  equipment: Site['equipment'];
  bandwidth_kbps: number | null;
  link_kind: Site['linkKind'];
  operator_user_id: string | null;
  operator_name: string | null;
  status: Site['status'];
}

const SELECT = `SELECT s.id, s.facility_id, f.name AS facility_name, s.name, s.room, s.equipment, s.bandwidth_kbps, s.link_kind,
  s.operator_user_id, u.display_name AS operator_name, s.status
  FROM bridge_site s JOIN facility f ON f.id = s.facility_id LEFT JOIN app_user u ON u.id = s.operator_user_id`;

const toSite = (r: Row): Site => ({
  id: r.id,
  facilityId: r.facility_id,
  facilityName: r.facility_name,
  name: r.name,
  room: r.room,
  equipment: r.equipment,
  bandwidthKbps: r.bandwidth_kbps,
  linkKind: r.link_kind,
  operatorUserId: r.operator_user_id,
  operatorName: r.operator_name,
  status: r.status,
});

const values = (s: SiteInput) => [
  s.name,
  s.room ?? null,
  s.equipment,
  s.bandwidthKbps ?? null,
  s.linkKind,
  s.operatorUserId ?? null,
  s.status,
];

/** A facility has a handful of bridge sites; the per-facility list is capped rather than paginated. */
export const SITES_PER_FACILITY_MAX = 500;

export const sitesRepo = {
  async listByFacility(q: Queryable, facilityId: string): Promise<Site[]> {
    const { rows } = await q.query<Row>(`${SELECT} WHERE s.facility_id = $1 ORDER BY s.name LIMIT ${SITES_PER_FACILITY_MAX}`, [facilityId]);
    return rows.map(toSite);
  },

  async get(q: Queryable, id: string): Promise<Site | null> {
    const { rows } = await q.query<Row>(`${SELECT} WHERE s.id = $1`, [id]);
    return rows[0] ? toSite(rows[0]) : null;
  },

  async insert(q: Queryable, facilityId: string, s: SiteInput): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO bridge_site (facility_id, name, room, equipment, bandwidth_kbps, link_kind, operator_user_id, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [facilityId, ...values(s)],
    );
    return rows[0]!.id;
  },

  async update(q: Queryable, id: string, s: SiteInput): Promise<void> {
    await q.query(
      `UPDATE bridge_site SET name = $2, room = $3, equipment = $4, bandwidth_kbps = $5, link_kind = $6, operator_user_id = $7,
         status = $8, updated_at = now() WHERE id = $1`,
      [id, ...values(s)],
    );
  },

  /** Whether the user holds any role at the facility (an operator on duty must belong to it). */
  async isMember(q: Queryable, userId: string, facilityId: string): Promise<boolean> {
    const { rowCount } = await q.query('SELECT 1 FROM membership WHERE user_id = $1 AND facility_id = $2 LIMIT 1', [userId, facilityId]);
    return rowCount === 1;
  },
};
