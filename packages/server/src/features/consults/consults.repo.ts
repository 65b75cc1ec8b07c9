import type { Attachment, ConsultDraft, ConsultState, ConsultUpdate, Patient } from '@vuonxa/core';
import { prepared, type Queryable } from '../../db/db.js';
import type { RequestMeta } from '../../http/context.js';
import { auditInsertFrom, auditValues, type AuditEntry } from '../audit/audit.repo.js';
import { PATIENT_COLS, patientView, type PatientRow } from '../patients/patients.repo.js';
import { partSql } from './consult-access.js';
import { ATTACHMENTS_OF, attachmentView, type AttachmentRow } from './thread.repo.js';

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

// The columns of ConsultRow, named (not `c.*`): the statements that use them are prepared, and a prepared statement
// whose result gains a column (a migration run by another instance) fails until the connection is gone.
const CONSULT_COLUMNS = `id, ref, state, type, urgency, specialty, requesting_facility_id, requesting_site_id, requester_user_id,
  target_hub_id, patient_id, clinical, question, diagnoses, open_question, decline_reason, submitted_at, response_due_at,
  decided_at, concluded_at, outcome_due_at, retain_until, version, created_at, updated_at`;
const CONSULT_COLS = (table: string) =>
  CONSULT_COLUMNS.split(',')
    .map((col) => `${table}.${col.trim()}`)
    .join(', ');
const SELECT_LIST = `${CONSULT_COLS('c')}, rf.name AS requesting_facility_name, th.name AS target_hub_name, u.display_name AS requester_name`;
const FROM = `FROM consult_request c
  JOIN facility rf ON rf.id = c.requesting_facility_id
  LEFT JOIN facility th ON th.id = c.target_hub_id
  JOIN app_user u ON u.id = c.requester_user_id`;
const SELECT = `SELECT ${SELECT_LIST}
  ${FROM}`;

// The parts of a request's detail, each a query on the request `consult` (an SQL expression): run alone by the
// functions below, and all together, as JSON, by `detailParts`.
const ASSIGNMENTS_OF = (consult: string) =>
  `SELECT u.id, u.display_name AS name FROM consult_assignment a JOIN app_user u ON u.id = a.user_id WHERE a.consult_id = ${consult} ORDER BY u.display_name`;
const SESSIONS_OF = (consult: string) =>
  `SELECT s.id, s.title, s.starts_at, s.state FROM session_agenda sa JOIN consult_session s ON s.id = sa.session_id
        WHERE sa.consult_id = ${consult} ORDER BY s.starts_at`;
const LATEST_REPORT_OF = (consult: string) =>
  `SELECT id, version, state FROM consult_report WHERE consult_id = ${consult} ORDER BY version DESC LIMIT 1`;
const OUTCOME_OF = (consult: string) =>
  `SELECT o.outcome, to_char(o.occurred_on, 'YYYY-MM-DD') AS occurred_on, o.note, f.id AS referred_id, f.name AS referred_name,
              u.id AS reporter_id, u.display_name AS reporter_name, o.reported_at
         FROM consult_outcome o JOIN app_user u ON u.id = o.reported_by LEFT JOIN facility f ON f.id = o.referred_to_facility_id
        WHERE o.consult_id = ${consult}`;
const DIAGNOSIS_NAMES = (codes: string) => `SELECT code, name_vi, name_en FROM icd10 WHERE code = ANY(${codes})`;

interface SessionOfRow {
  id: string;
  title: string;
  starts_at: Date;
  state: string;
}
interface OutcomeRow {
  outcome: string;
  occurred_on: string;
  note: string | null;
  referred_id: string | null;
  referred_name: string | null;
  reporter_id: string;
  reporter_name: string;
  reported_at: Date;
}
type NameRow = { code: string; name_vi: string; name_en: string | null };

const sessionView = (r: SessionOfRow) => ({ id: r.id, title: r.title, startsAt: r.starts_at.toISOString(), state: r.state });
const namesMap = (rows: NameRow[]) => new Map(rows.map((r) => [r.code, { nameVi: r.name_vi, nameEn: r.name_en }]));
/** A timestamp from JSON (`2026-11-27T22:04:35.123456+00:00`) as `pg` gives it: a Date, to the millisecond. */
const date = (v: Date | string): Date => (typeof v === 'string' ? new Date(v) : v);

// The statements of the hot paths (every read and every new draft), prepared (see `prepared`).
const GET = prepared(`${SELECT} WHERE c.id = $1`);
const GET_FOR_UPDATE = prepared(`${SELECT} WHERE c.id = $1 FOR UPDATE OF c`);
const GET_WITH_PART = prepared(`SELECT ${SELECT_LIST}, ${partSql('c.id', '$2::uuid', '$3::uuid[]')} ${FROM} WHERE c.id = $1`);
const DETAIL_PARTS = prepared(`SELECT (SELECT coalesce(json_agg(t), '[]') FROM (${ASSIGNMENTS_OF('$1')}) t) AS assignments,
              (SELECT coalesce(json_agg(t), '[]') FROM (${ATTACHMENTS_OF('$1')}) t) AS attachments,
              (SELECT coalesce(json_agg(t), '[]') FROM (${SESSIONS_OF('$1')}) t) AS sessions,
              (SELECT to_json(t) FROM (${LATEST_REPORT_OF('$1')}) t) AS report,
              (SELECT to_json(t) FROM (${OUTCOME_OF('$1')}) t) AS outcome,
              (SELECT coalesce(json_agg(t), '[]') FROM (${DIAGNOSIS_NAMES('$2::text[]')}) t) AS names,
              (SELECT to_json(t) FROM (SELECT ${PATIENT_COLS} FROM patient p WHERE p.id = $3) t) AS patient`);
// $1 year, $2 facility, $3 requester, $4–$12 draftValues, $13 codes, $14 id, $15 retention years, $16–$25 audit row.
const INSERT_DRAFT = prepared(`WITH chk AS (
         SELECT ($9::uuid IS NULL OR EXISTS (SELECT 1 FROM patient_facility WHERE patient_id = $9 AND facility_id = $2::uuid)) AS patient_ok,
                ($8::uuid IS NULL OR ($8 <> $2 AND EXISTS (SELECT 1 FROM facility WHERE id = $8 AND active))) AS hub_ok,
                ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM bridge_site WHERE id = $4 AND facility_id = $2)) AS site_ok,
                (SELECT coalesce(json_agg(t), '[]') FROM (${DIAGNOSIS_NAMES('$13::text[]')}) t) AS names,
                NOT EXISTS (SELECT 1 FROM unnest($13) AS x(code) WHERE NOT EXISTS (SELECT 1 FROM icd10 i WHERE i.code = x.code)) AS codes_ok
       ), c AS (
         INSERT INTO consult_request (id, ref, requesting_facility_id, requester_user_id, requesting_site_id, type, urgency, specialty,
           target_hub_id, patient_id, clinical, question, diagnoses, retain_until)
         SELECT $14::uuid, 'HC-' || $1::text || '-' || lpad(nextval('consult_ref_seq')::text, 6, '0'), $2, $3::uuid, $4, $5::text, $6::text,
                $7::text, $8, $9, $10::jsonb, $11::text, $12::jsonb, now() + make_interval(years => $15::int)
           FROM chk WHERE patient_ok AND hub_ok AND site_ok AND codes_ok
         RETURNING ${CONSULT_COLS('consult_request')}
       ), ev AS (
         INSERT INTO consult_event (consult_id, actor_user_id, action, from_state, to_state) SELECT id, $3, 'create', NULL, 'draft' FROM c
       ), au AS (${auditInsertFrom(16, 'c')})
       SELECT chk.patient_ok, chk.hub_ok, chk.site_ok, chk.names, ${SELECT_LIST},
              (SELECT to_json(t) FROM (SELECT ${PATIENT_COLS} FROM patient p WHERE p.id = c.patient_id) t) AS patient
         FROM chk LEFT JOIN c ON true
         LEFT JOIN facility rf ON rf.id = c.requesting_facility_id
         LEFT JOIN facility th ON th.id = c.target_hub_id
         LEFT JOIN app_user u ON u.id = c.requester_user_id`);

/** Everything of a request's detail beyond its own row. */
export interface DetailParts {
  assignments: { id: string; name: string }[];
  attachments: Attachment[];
  sessions: ReturnType<typeof sessionView>[];
  report: { id: string; version: number; state: string } | null;
  outcome: OutcomeRow | null;
  names: Map<string, { nameVi: string; nameEn: string | null }>;
  patient: Patient | null;
}

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
  /**
   * Creates a draft in one statement (no transaction needed, a statement is atomic): checks its references (the
   * patient registered at the requesting facility; the hub active and not the facility itself; the bridge site one of
   * the facility's; every ICD-10 code in the catalogue), then, when all hold, inserts the request (`id` chosen by the
   * caller) with its retention date, its `create` event and the audit row `audit`, and returns the row as `get` would,
   * with the patient (as `patientsRepo.get`) and the names of the codes (as `diagnosisNames`). When a check fails
   * nothing is written and `row` is null: the flags say which (issue 7, B3: 1 statement where it took 8).
   */
  async insertDraft(
    q: Queryable,
    o: { id: string; draft: ConsultDraft; requesterId: string; year: number; retentionYears: number; meta: RequestMeta; audit: AuditEntry },
  ): Promise<{
    patientOk: boolean;
    hubOk: boolean;
    siteOk: boolean;
    names: Map<string, { nameVi: string; nameEn: string | null }>;
    row: ConsultRow | null;
    patient: Patient | null;
  }> {
    const d = o.draft;
    const params: unknown[] = [
      o.year,
      d.facilityId,
      o.requesterId,
      ...draftValues(d),
      d.diagnoses.map((x) => x.code),
      o.id,
      o.retentionYears,
      ...auditValues(o.meta, o.audit),
    ];
    const { rows } = await q.query<
      ConsultRow & {
        patient_ok: boolean;
        hub_ok: boolean;
        site_ok: boolean;
        names: NameRow[];
        patient: (Omit<PatientRow, 'created_at'> & { created_at: string }) | null;
      }
    >(INSERT_DRAFT, params);
    const { patient_ok, hub_ok, site_ok, names, patient, ...row } = rows[0]!;
    return {
      patientOk: patient_ok,
      hubOk: hub_ok,
      siteOk: site_ok,
      names: namesMap(names),
      row: row.id ? row : null,
      patient: patient ? patientView({ ...patient, created_at: date(patient.created_at) }) : null,
    };
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
    const { rows } = await q.query<ConsultRow>(forUpdate ? GET_FOR_UPDATE : GET, [id]);
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
    const { rows } = await q.query<{ id: string; name: string }>(ASSIGNMENTS_OF('$1'), [consultId]);
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
    const { rows } = await q.query<NameRow>(DIAGNOSIS_NAMES('$1::text[]'), [codes]);
    return namesMap(rows);
  },
  async sessionsOf(q: Queryable, consultId: string) {
    const { rows } = await q.query<SessionOfRow>(SESSIONS_OF('$1'), [consultId]);
    return rows.map(sessionView);
  },
  async latestReport(q: Queryable, consultId: string) {
    const { rows } = await q.query<{ id: string; version: number; state: string }>(LATEST_REPORT_OF('$1'), [consultId]);
    return rows[0] ?? null;
  },
  /**
   * The request with the caller's part in it (`partSql`'s flags), in one statement: `get` and `rolesOn` for a read.
   * `sites` as for `partSql` (`partSites`).
   */
  async getWithPart(
    q: Queryable,
    id: string,
    userId: string,
    sites: string[],
  ): Promise<{ c: ConsultRow; part: { specialist: boolean; participant: boolean } } | null> {
    const { rows } = await q.query<ConsultRow & { specialist: boolean; participant: boolean }>(GET_WITH_PART, [id, userId, sites]);
    const r = rows[0];
    if (!r) return null;
    const { specialist, participant, ...c } = r;
    return { c, part: { specialist, participant } };
  },
  /**
   * Everything of a request's detail beyond its own row (assignments, attachments, sessions, latest report, outcome,
   * the names of its ICD-10 codes, the patient) in one statement: the queries of `assignments`, `threadRepo.attachments`,
   * `sessionsOf`, `latestReport`, `outcome`, `diagnosisNames` and `patientsRepo.get` as JSON columns, one round trip
   * instead of seven (issue 7, B2).
   */
  async detailParts(q: Queryable, c: Pick<ConsultRow, 'id' | 'patient_id' | 'diagnoses'>): Promise<DetailParts> {
    const { rows } = await q.query<{
      assignments: { id: string; name: string }[];
      attachments: (Omit<AttachmentRow, 'added_at'> & { added_at: string })[];
      sessions: (Omit<SessionOfRow, 'starts_at'> & { starts_at: string })[];
      report: { id: string; version: number; state: string } | null;
      outcome: (Omit<OutcomeRow, 'reported_at'> & { reported_at: string }) | null;
      names: NameRow[];
      patient: (Omit<PatientRow, 'created_at'> & { created_at: string }) | null;
    }>(DETAIL_PARTS, [c.id, c.diagnoses.map((d) => d.code), c.patient_id]);
    const r = rows[0]!;
    return {
      assignments: r.assignments,
      attachments: r.attachments.map((a) => attachmentView({ ...a, added_at: date(a.added_at) })),
      sessions: r.sessions.map((x) => sessionView({ ...x, starts_at: date(x.starts_at) })),
      report: r.report,
      outcome: r.outcome ? { ...r.outcome, reported_at: date(r.outcome.reported_at) } : null,
      names: namesMap(r.names),
      patient: r.patient ? patientView({ ...r.patient, created_at: date(r.patient.created_at) }) : null,
    };
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
  async outcome(q: Queryable, consultId: string) {
    const { rows } = await q.query<OutcomeRow>(OUTCOME_OF('$1'), [consultId]);
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
