import type { ConsultDraft, ConsultListItem, ConsultState, ConsultUpdate } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import { visibleSql, type ConsultScope } from './consult-access.js';

export interface ConsultRow {
  id: string;
  ref: string;
  state: ConsultState;
  type: ConsultDraft['type'];
  urgency: ConsultDraft['urgency'];
  specialty: ConsultDraft['specialty'];
  requesting_facility_id: string;
  requesting_facility_name: string;
  requesting_site_id: string | null;
  requester_user_id: string;
  requester_name: string;
  target_hub_id: string | null;
  target_hub_name: string | null;
  patient_id: string | null;
  clinical: ConsultDraft['clinical'];
  question: string;
  diagnoses: ConsultDraft['diagnoses'];
  open_question: string | null;
  decline_reason: string | null;
  submitted_at: Date | null;
  response_due_at: Date | null;
  decided_at: Date | null;
  concluded_at: Date | null;
  outcome_due_at: Date | null;
  retain_until: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT c.*, rf.name AS requesting_facility_name, th.name AS target_hub_name, u.display_name AS requester_name
  FROM consult_request c
  JOIN facility rf ON rf.id = c.requesting_facility_id
  LEFT JOIN facility th ON th.id = c.target_hub_id
  JOIN app_user u ON u.id = c.requester_user_id`;

const draftValues = (d: Omit<ConsultDraft, 'facilityId'>) => [
  d.siteId,
  d.type,
  d.urgency,
  d.specialty,
  d.targetHubId,
  d.patientId,
  JSON.stringify(d.clinical),
  d.question,
  JSON.stringify(d.diagnoses),
];

interface ListRow {
  id: string;
  ref: string;
  state: ConsultState;
  type: ConsultListItem['type'];
  urgency: ConsultListItem['urgency'];
  specialty: ConsultListItem['specialty'];
  requesting_facility_id: string;
  requesting_facility_name: string;
  target_hub_id: string | null;
  target_hub_name: string | null;
  patient_name: string | null;
  submitted_at: Date | null;
  response_due_at: Date | null;
  outcome_due_at: Date | null;
  assignees: string[];
  updated_at: Date;
  /** `updated_at` to the microsecond, for the keyset cursor (a JS Date keeps only milliseconds). */
  cursor_at: string;
  unread: string;
}

const LIST_SELECT = (
  me: string,
) => `SELECT c.id, c.ref, c.state, c.type, c.urgency, c.specialty, c.requesting_facility_id, rf.name AS requesting_facility_name,
    c.target_hub_id, th.name AS target_hub_name, p.full_name AS patient_name, c.submitted_at, c.response_due_at, c.outcome_due_at, c.updated_at, c.updated_at::text AS cursor_at,
    coalesce((SELECT array_agg(au.display_name ORDER BY au.display_name) FROM consult_assignment a JOIN app_user au ON au.id = a.user_id
              WHERE a.consult_id = c.id), '{}') AS assignees,
    (SELECT count(*) FROM consult_message m WHERE m.consult_id = c.id AND m.author_user_id <> ${me}
        AND m.created_at > coalesce((SELECT r.read_at FROM consult_read r WHERE r.consult_id = c.id AND r.user_id = ${me}), '-infinity')) AS unread
  FROM consult_request c
  JOIN facility rf ON rf.id = c.requesting_facility_id
  LEFT JOIN facility th ON th.id = c.target_hub_id
  LEFT JOIN patient p ON p.id = c.patient_id`;

export function listItemView(r: ListRow): ConsultListItem {
  return {
    id: r.id,
    ref: r.ref,
    state: r.state,
    type: r.type,
    urgency: r.urgency,
    specialty: r.specialty,
    requestingFacility: { id: r.requesting_facility_id, name: r.requesting_facility_name },
    targetHub: r.target_hub_id ? { id: r.target_hub_id, name: r.target_hub_name ?? '' } : null,
    patientName: r.patient_name,
    submittedAt: r.submitted_at?.toISOString() ?? null,
    responseDueAt: r.response_due_at?.toISOString() ?? null,
    outcomeDueAt: r.outcome_due_at?.toISOString() ?? null,
    assignees: r.assignees,
    updatedAt: r.updated_at.toISOString(),
    unread: Number(r.unread),
  };
}

export const consultsRepo = {
  async insert(q: Queryable, d: ConsultDraft, requesterId: string, year: number): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO consult_request (ref, requesting_facility_id, requester_user_id, requesting_site_id, type, urgency, specialty,
         target_hub_id, patient_id, clinical, question, diagnoses)
       VALUES ('HC-' || $1::text || '-' || lpad(nextval('consult_ref_seq')::text, 6, '0'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       RETURNING id`,
      [year, d.facilityId, requesterId, ...draftValues(d)],
    );
    return rows[0]!.id;
  },
  /** Saves the draft when `version` still matches; returns false when someone else saved in between. */
  async updateDraft(q: Queryable, id: string, d: ConsultUpdate): Promise<boolean> {
    const { rowCount } = await q.query(
      `UPDATE consult_request SET requesting_site_id = $3, type = $4, urgency = $5, specialty = $6, target_hub_id = $7, patient_id = $8,
         clinical = $9, question = $10, diagnoses = $11, version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2`,
      [id, d.version, ...draftValues(d)],
    );
    return (rowCount ?? 0) > 0;
  },
  async get(q: Queryable, id: string, forUpdate = false): Promise<ConsultRow | null> {
    const { rows } = await q.query<ConsultRow>(`${SELECT} WHERE c.id = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`, [id]);
    return rows[0] ?? null;
  },
  /** Moves the state and stamps the columns that go with it, and records the event, in the caller's transaction. */
  async transition(
    q: Queryable,
    c: { id: string; state: ConsultState },
    to: ConsultState,
    actorId: string | null,
    action: string,
    set: Record<string, unknown> = {},
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const cols = Object.keys(set);
    const assignments = cols.map((col, i) => `${col} = $${i + 3}`).join(', ');
    await q.query(
      `UPDATE consult_request SET state = $2, version = version + 1, updated_at = now()${assignments ? `, ${assignments}` : ''} WHERE id = $1`,
      [c.id, to, ...cols.map((k) => set[k])],
    );
    await q.query(
      `INSERT INTO consult_event (consult_id, actor_user_id, action, from_state, to_state, details) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.id, actorId, action, c.state, to, JSON.stringify(details)],
    );
  },
  async event(q: Queryable, consultId: string, actorId: string, action: string, state: ConsultState, details: Record<string, unknown>) {
    await q.query(
      `INSERT INTO consult_event (consult_id, actor_user_id, action, from_state, to_state, details) VALUES ($1, $2, $3, $4, $4, $5)`,
      [consultId, actorId, action, state, JSON.stringify(details)],
    );
  },
  async setAssignments(q: Queryable, consultId: string, userIds: string[], by: string) {
    await q.query('DELETE FROM consult_assignment WHERE consult_id = $1 AND NOT (user_id = ANY($2::uuid[]))', [consultId, userIds]);
    await q.query(
      `INSERT INTO consult_assignment (consult_id, user_id, assigned_by) SELECT $1, u, $3 FROM unnest($2::uuid[]) AS u ON CONFLICT DO NOTHING`,
      [consultId, userIds, by],
    );
  },
  async assignments(q: Queryable, consultId: string) {
    const { rows } = await q.query<{ id: string; name: string }>(
      `SELECT u.id, u.display_name AS name FROM consult_assignment a JOIN app_user u ON u.id = a.user_id WHERE a.consult_id = $1 ORDER BY u.display_name`,
      [consultId],
    );
    return rows;
  },
  /** Users who may be assigned at a hub: those holding the specialist role there. */
  async specialistsAt(q: Queryable, hubId: string, ids: string[]): Promise<string[]> {
    const { rows } = await q.query<{ user_id: string }>(
      `SELECT DISTINCT m.user_id FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.facility_id = $1 AND m.role = 'specialist' AND u.active AND m.user_id = ANY($2::uuid[])`,
      [hubId, ids],
    );
    return rows.map((r) => r.user_id);
  },
  async diagnosisNames(q: Queryable, codes: string[]): Promise<Map<string, { nameVi: string; nameEn: string | null }>> {
    const { rows } = await q.query<{ code: string; name_vi: string; name_en: string | null }>(
      'SELECT code, name_vi, name_en FROM icd10 WHERE code = ANY($1::text[])',
      [codes],
    );
    return new Map(rows.map((r) => [r.code, { nameVi: r.name_vi, nameEn: r.name_en }]));
  },
  async sessionsOf(q: Queryable, consultId: string) {
    const { rows } = await q.query<{ id: string; title: string; starts_at: Date; state: string }>(
      `SELECT s.id, s.title, s.starts_at, s.state FROM session_agenda sa JOIN consult_session s ON s.id = sa.session_id
        WHERE sa.consult_id = $1 ORDER BY s.starts_at`,
      [consultId],
    );
    return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.starts_at.toISOString(), state: r.state }));
  },
  async latestReport(q: Queryable, consultId: string) {
    const { rows } = await q.query<{ id: string; version: number; state: string }>(
      'SELECT id, version, state FROM consult_report WHERE consult_id = $1 ORDER BY version DESC LIMIT 1',
      [consultId],
    );
    return rows[0] ?? null;
  },
  async events(q: Queryable, consultId: string) {
    const { rows } = await q.query<{
      id: string;
      at: Date;
      actor_id: string | null;
      actor_name: string | null;
      action: string;
      from_state: ConsultState | null;
      to_state: ConsultState;
      details: Record<string, unknown>;
    }>(
      `SELECT e.id, e.at, e.actor_user_id AS actor_id, u.display_name AS actor_name, e.action, e.from_state, e.to_state, e.details
         FROM consult_event e LEFT JOIN app_user u ON u.id = e.actor_user_id WHERE e.consult_id = $1 ORDER BY e.id`,
      [consultId],
    );
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? '' } : null,
      action: r.action,
      fromState: r.from_state,
      toState: r.to_state,
      details: r.details,
    }));
  },
  async list(
    q: Queryable,
    scope: ConsultScope,
    o: {
      view: string;
      facilityId?: string | undefined;
      state?: ConsultState | undefined;
      cursor?: { at: string; id: string };
      limit: number;
      now: Date;
    },
  ): Promise<ListRow[]> {
    const params: unknown[] = [scope.userId];
    const me = '$1::uuid';
    const where: string[] = [visibleSql('c', scope, params)];
    const add = (sql: (n: string) => string, v: unknown) => {
      params.push(v);
      where.push(sql(`$${params.length}`));
    };
    // One facility (the usual case) as a plain equality: the planner then walks the (facility, updated_at) index in
    // order and stops at the page, where `= ANY(array)` reads and sorts every row of the facility (bench/consult).
    const inScope = (col: string, s: 'all' | string[]) =>
      s === 'all'
        ? 'TRUE'
        : s.length === 1
          ? (params.push(s[0]), `${col} = $${params.length}::uuid`)
          : (params.push(s), `${col} = ANY($${params.length}::uuid[])`);
    switch (o.view) {
      case 'requested':
        where.push(inScope('c.requesting_facility_id', scope.requester));
        break;
      case 'assigned':
        where.push(`EXISTS (SELECT 1 FROM consult_assignment a WHERE a.consult_id = c.id AND a.user_id = ${me})`);
        break;
      case 'hub':
        where.push(`c.state <> 'draft'`, inScope('c.target_hub_id', scope.hub));
        break;
      case 'outcome_overdue':
      case 'outcome_due':
        where.push(`c.state = 'concluded'`);
        add((n) => (o.view === 'outcome_overdue' ? `c.outcome_due_at < ${n}` : `c.outcome_due_at >= ${n}`), o.now);
        break;
    }
    if (o.facilityId) add((n) => `(c.requesting_facility_id = ${n}::uuid OR c.target_hub_id = ${n}::uuid)`, o.facilityId);
    if (o.state) add((n) => `c.state = ${n}`, o.state);
    if (o.cursor) {
      params.push(o.cursor.at, o.cursor.id);
      where.push(`(c.updated_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(o.limit + 1);
    const order = o.view.startsWith('outcome') ? 'c.outcome_due_at, c.id' : 'c.updated_at DESC, c.id DESC';
    const { rows } = await q.query<ListRow>(
      `${LIST_SELECT(me)} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length}`,
      params,
    );
    return rows;
  },
  /** The triage queue of one hub: emergency first, then the longest waiting. */
  async queue(q: Queryable, userId: string, hubId: string, specialty: string | undefined): Promise<ListRow[]> {
    const { rows } = await q.query<ListRow>(
      `${LIST_SELECT('$1::uuid')} WHERE c.target_hub_id = $2 AND c.state IN ('submitted', 'forwarded', 'in_triage')
         AND ($3::text IS NULL OR c.specialty = $3)
       ORDER BY CASE c.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, c.submitted_at, c.id LIMIT 500`,
      [userId, hubId, specialty ?? null],
    );
    return rows;
  },
  async outcome(q: Queryable, consultId: string) {
    const { rows } = await q.query<{
      outcome: string;
      occurred_on: string;
      note: string | null;
      referred_id: string | null;
      referred_name: string | null;
      reporter_id: string;
      reporter_name: string;
      reported_at: Date;
    }>(
      `SELECT o.outcome, to_char(o.occurred_on, 'YYYY-MM-DD') AS occurred_on, o.note, f.id AS referred_id, f.name AS referred_name,
              u.id AS reporter_id, u.display_name AS reporter_name, o.reported_at
         FROM consult_outcome o JOIN app_user u ON u.id = o.reported_by LEFT JOIN facility f ON f.id = o.referred_to_facility_id
        WHERE o.consult_id = $1`,
      [consultId],
    );
    return rows[0] ?? null;
  },
  async insertOutcome(
    q: Queryable,
    consultId: string,
    o: { outcome: string; occurredOn: string; note: string | null; referredToFacilityId: string | null },
    by: string,
  ) {
    await q.query(
      `INSERT INTO consult_outcome (consult_id, outcome, occurred_on, note, referred_to_facility_id, reported_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [consultId, o.outcome, o.occurredOn, o.note, o.referredToFacilityId, by],
    );
  },
  /** Specialists of a hub with a user account, on call first; those without a directory entry match any specialty. */
  async specialistsOf(q: Queryable, hubId: string, specialty: string | undefined) {
    const { rows } = await q.query<{ id: string; name: string; specialties: string[] | null; on_call: boolean }>(
      `SELECT u.id, u.display_name AS name, p.specialties,
              EXISTS (SELECT 1 FROM on_call_shift s WHERE s.practitioner_id = p.id AND s.facility_id = m.facility_id
                        AND now() >= s.starts_at AND now() < s.ends_at) AS on_call
         FROM membership m JOIN app_user u ON u.id = m.user_id LEFT JOIN practitioner p ON p.user_id = u.id
        WHERE m.facility_id = $1 AND m.role = 'specialist' AND u.active
          AND ($2::text IS NULL OR p.id IS NULL OR $2 = ANY(p.specialties))
        ORDER BY on_call DESC, u.display_name LIMIT 200`,
      [hubId, specialty ?? null],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, specialties: r.specialties ?? [], onCallNow: r.on_call }));
  },
  async userNames(q: Queryable, ids: string[]): Promise<string[]> {
    const { rows } = await q.query<{ display_name: string }>('SELECT display_name FROM app_user WHERE id = ANY($1::uuid[])', [ids]);
    return rows.map((r) => r.display_name);
  },
};
