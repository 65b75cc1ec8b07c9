import type { FacilitySummary, HubSuggestion, SpecialtyCode, SupportLink, SupportLinkInput } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import { toSummary } from '../facilities/facilities.repo.js';

interface LinkRow {
  id: string;
  specialties: SpecialtyCode[];
  valid_from: string;
  valid_to: string | null;
  active: boolean;
  hub: Pick<FacilitySummary, 'id' | 'code' | 'name' | 'type' | 'provinceName'>;
  spoke: Pick<FacilitySummary, 'id' | 'code' | 'name' | 'type' | 'provinceName'>;
}

const side = (alias: string, p: string) =>
  `json_build_object('id', ${alias}.id, 'code', ${alias}.code, 'name', ${alias}.name, 'type', ${alias}.type,
     'provinceName', coalesce(${p}.name, ${alias}.province_text))`;

const SELECT = `SELECT l.id, l.specialties, l.valid_from::text, l.valid_to::text,
  (l.valid_from <= current_date AND (l.valid_to IS NULL OR l.valid_to >= current_date)) AS active,
  ${side('h', 'hp')} AS hub, ${side('s', 'sp')} AS spoke
  FROM support_link l
  JOIN facility h ON h.id = l.hub_facility_id LEFT JOIN province hp ON hp.code = h.province_code
  JOIN facility s ON s.id = l.spoke_facility_id LEFT JOIN province sp ON sp.code = s.province_code`;

const toLink = (r: LinkRow): SupportLink => ({
  id: r.id,
  hub: r.hub,
  spoke: r.spoke,
  specialties: r.specialties,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  active: r.active,
});

/** Links per facility are few (a provincial hospital supports tens to a few hundred stations); capped, not paged. */
export const LINKS_PER_SIDE_MAX = 1000;

/** Where a facility is, for distances: its own coordinates, else its province's administrative centre. */
const LAT = (f: string, p: string) => `coalesce(${f}.latitude, ${p}.latitude)`;
const LON = (f: string, p: string) => `coalesce(${f}.longitude, ${p}.longitude)`;

export const supportLinksRepo = {
  async ofFacility(q: Queryable, facilityId: string): Promise<{ supports: SupportLink[]; supportedBy: SupportLink[] }> {
    const [supports, supportedBy] = await Promise.all([
      q.query<LinkRow>(`${SELECT} WHERE l.hub_facility_id = $1 ORDER BY active DESC, s.name LIMIT ${LINKS_PER_SIDE_MAX}`, [facilityId]),
      q.query<LinkRow>(`${SELECT} WHERE l.spoke_facility_id = $1 ORDER BY active DESC, h.name LIMIT ${LINKS_PER_SIDE_MAX}`, [facilityId]),
    ]);
    return { supports: supports.rows.map(toLink), supportedBy: supportedBy.rows.map(toLink) };
  },

  async get(q: Queryable, id: string): Promise<SupportLink | null> {
    const { rows } = await q.query<LinkRow>(`${SELECT} WHERE l.id = $1`, [id]);
    return rows[0] ? toLink(rows[0]) : null;
  },

  /** An active link between the same pair that overlaps the new one's dates, if any. */
  async overlapping(q: Queryable, l: SupportLinkInput): Promise<string | null> {
    const { rows } = await q.query<{ id: string }>(
      `SELECT id FROM support_link WHERE hub_facility_id = $1 AND spoke_facility_id = $2
          AND daterange(valid_from, valid_to, '[]') && daterange($3::date, $4::date, '[]') LIMIT 1`,
      [l.hubFacilityId, l.spokeFacilityId, l.validFrom, l.validTo ?? null],
    );
    return rows[0]?.id ?? null;
  },

  async insert(q: Queryable, l: SupportLinkInput, createdBy: string): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO support_link (hub_facility_id, spoke_facility_id, specialties, valid_from, valid_to, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [l.hubFacilityId, l.spokeFacilityId, l.specialties, l.validFrom, l.validTo ?? null, createdBy],
    );
    return rows[0]!.id;
  },

  async end(q: Queryable, id: string, validTo: string): Promise<void> {
    await q.query('UPDATE support_link SET valid_to = $2 WHERE id = $1', [id, validTo]);
  },

  /**
   * Hubs to ask for a spoke and a specialty: active links from the spoke whose specialties are empty (all) or
   * include it, to hubs that offer it, nearest first by great-circle distance.
   */
  async hubsFor(q: Queryable, spokeId: string, specialty: SpecialtyCode, limit = 20): Promise<HubSuggestion[]> {
    const { rows } = await q.query<Parameters<typeof toSummary>[0] & { link_id: string; distance_km: number | null; on_call: number }>(
      `SELECT h.id, h.code, h.name, h.name_en, h.type, h.technical_level, h.country, h.province_code,
              coalesce(hp.name, h.province_text) AS province_name, h.address, l.id AS link_id,
              round(vx_distance_km(${LAT('s', 'sp')}, ${LON('s', 'sp')}, ${LAT('h', 'hp')}, ${LON('h', 'hp')})::numeric, 1)::float8 AS distance_km,
              (SELECT count(*)::int FROM on_call_shift o WHERE o.facility_id = h.id AND o.specialty = $2
                  AND o.ends_at > now() AND o.starts_at <= now()) AS on_call
         FROM support_link l
         JOIN facility s ON s.id = l.spoke_facility_id LEFT JOIN province sp ON sp.code = s.province_code
         JOIN facility h ON h.id = l.hub_facility_id LEFT JOIN province hp ON hp.code = h.province_code
        WHERE l.spoke_facility_id = $1 AND h.active
          AND l.valid_from <= current_date AND (l.valid_to IS NULL OR l.valid_to >= current_date)
          AND (cardinality(l.specialties) = 0 OR $2 = ANY (l.specialties))
          AND $2 = ANY (h.specialties)
        ORDER BY distance_km NULLS LAST, h.name
        LIMIT $3`,
      [spokeId, specialty, limit],
    );
    return rows.map((r) => ({ facility: toSummary(r), distanceKm: r.distance_km, linkId: r.link_id, onCallCount: r.on_call }));
  },
};
