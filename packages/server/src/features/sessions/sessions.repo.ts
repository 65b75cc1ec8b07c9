import type { ConsultSession } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

export interface SessionRow {
  id: string;
  hub_facility_id: string;
  hub_name: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  state: ConsultSession['state'];
  chair_user_id: string;
  chair_name: string;
  secretary_user_id: string;
  secretary_name: string;
  room_id: string;
  minutes: string;
  started_at: Date | null;
  ended_at: Date | null;
}

const SELECT = `SELECT s.*, f.name AS hub_name, cu.display_name AS chair_name, su.display_name AS secretary_name
  FROM consult_session s JOIN facility f ON f.id = s.hub_facility_id
  JOIN app_user cu ON cu.id = s.chair_user_id JOIN app_user su ON su.id = s.secretary_user_id`;

/** SQL predicate: the session `s` is visible to the caller (hub coordinators, chair, secretary, invited people and sites). */
export function sessionVisibleSql(params: unknown[], userId: string, hubs: 'all' | string[], sites: 'all' | string[]): string {
  params.push(userId, hubs === 'all' ? [] : hubs, sites === 'all' ? [] : sites);
  const [u, h, f] = [params.length - 2, params.length - 1, params.length];
  return `(s.chair_user_id = $${u} OR s.secretary_user_id = $${u} OR ${hubs === 'all' ? 'TRUE' : `s.hub_facility_id = ANY($${h}::uuid[])`}
    OR EXISTS (SELECT 1 FROM session_invite i WHERE i.session_id = s.id AND (i.user_id = $${u} OR i.facility_id = ANY($${f}::uuid[]))))`;
}

export const sessionsRepo = {
  async insert(
    q: Queryable,
    s: {
      hubId: string;
      title: string;
      startsAt: Date;
      endsAt: Date;
      chairId: string;
      secretaryId: string;
      roomId: string;
      createdBy: string;
    },
  ): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO consult_session (hub_facility_id, title, starts_at, ends_at, chair_user_id, secretary_user_id, room_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [s.hubId, s.title, s.startsAt, s.endsAt, s.chairId, s.secretaryId, s.roomId, s.createdBy],
    );
    return rows[0]!.id;
  },
  async get(q: Queryable, id: string, forUpdate = false): Promise<SessionRow | null> {
    const { rows } = await q.query<SessionRow>(`${SELECT} WHERE s.id = $1${forUpdate ? ' FOR UPDATE OF s' : ''}`, [id]);
    return rows[0] ?? null;
  },
  async list(q: Queryable, where: string, params: unknown[], limit: number): Promise<(SessionRow & { agenda_count: string })[]> {
    params.push(limit);
    const { rows } = await q.query<SessionRow & { agenda_count: string }>(
      `${SELECT.replace('SELECT s.*', 'SELECT s.*, (SELECT count(*) FROM session_agenda a WHERE a.session_id = s.id) AS agenda_count')}
        WHERE ${where} ORDER BY s.starts_at DESC, s.id LIMIT $${params.length}`,
      params,
    );
    return rows;
  },
  async addAgenda(q: Queryable, sessionId: string, consultIds: string[]) {
    await q.query(
      `INSERT INTO session_agenda (session_id, consult_id, ordinal) SELECT $1, c, o FROM unnest($2::uuid[]) WITH ORDINALITY AS t(c, o)`,
      [sessionId, consultIds],
    );
  },
  async agenda(q: Queryable, sessionId: string) {
    const { rows } = await q.query<{
      consult_id: string;
      ref: string;
      ordinal: number;
      state: string;
      urgency: string | null;
      specialty: string | null;
      facility: string;
      discussed_at: Date | null;
      requesting_facility_id: string;
      consent_method: 'written' | 'verbal' | null;
      consent_by: string | null;
      consent_by_name: string | null;
      consent_at: Date | null;
    }>(
      `SELECT a.consult_id, c.ref, a.ordinal, c.state, c.urgency, c.specialty, f.name AS facility, a.discussed_at, c.requesting_facility_id,
              rc.method AS consent_method, rc.recorded_by AS consent_by, u.display_name AS consent_by_name, rc.recorded_at AS consent_at
         FROM session_agenda a JOIN consult_request c ON c.id = a.consult_id JOIN facility f ON f.id = c.requesting_facility_id
         LEFT JOIN session_recording_consent rc ON rc.session_id = a.session_id AND rc.consult_id = a.consult_id
         LEFT JOIN app_user u ON u.id = rc.recorded_by
        WHERE a.session_id = $1 ORDER BY a.ordinal`,
      [sessionId],
    );
    return rows;
  },
  async invite(q: Queryable, sessionId: string, kind: 'specialist' | 'site', ids: string[]) {
    const col = kind === 'specialist' ? 'user_id' : 'facility_id';
    await q.query(
      `INSERT INTO session_invite (session_id, kind, ${col}) SELECT $1, $2, x FROM unnest($3::uuid[]) AS x ON CONFLICT DO NOTHING`,
      [sessionId, kind, ids],
    );
  },
  async invites(q: Queryable, sessionId: string) {
    const { rows } = await q.query<{
      id: string;
      kind: 'specialist' | 'site';
      user_id: string | null;
      user_name: string | null;
      facility_id: string | null;
      facility_name: string | null;
      response: 'pending' | 'accepted' | 'declined';
    }>(
      `SELECT i.id, i.kind, i.user_id, u.display_name AS user_name, i.facility_id, f.name AS facility_name, i.response
         FROM session_invite i LEFT JOIN app_user u ON u.id = i.user_id LEFT JOIN facility f ON f.id = i.facility_id
        WHERE i.session_id = $1 ORDER BY i.kind, coalesce(u.display_name, f.name)`,
      [sessionId],
    );
    return rows;
  },
  async attendance(q: Queryable, sessionId: string) {
    const { rows } = await q.query<{ user_id: string; name: string; facility_name: string | null; joined_at: Date; left_at: Date | null }>(
      `SELECT a.user_id, u.display_name AS name, f.name AS facility_name, a.joined_at, a.left_at
         FROM session_attendance a JOIN app_user u ON u.id = a.user_id LEFT JOIN facility f ON f.id = a.facility_id
        WHERE a.session_id = $1 ORDER BY a.joined_at`,
      [sessionId],
    );
    return rows;
  },
  /** Users who may take part as specialists: active, holding the specialist or coordinator role somewhere. */
  async staffUsers(q: Queryable, ids: string[]): Promise<Set<string>> {
    const { rows } = await q.query<{ id: string }>(
      `SELECT DISTINCT u.id FROM app_user u JOIN membership m ON m.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) AND u.active AND m.role IN ('specialist', 'coordinator')`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  },
};
