import { SPECIALTY_CODES } from '@vuonxa/core';
import type { Db, Queryable } from '../../packages/server/src/db/db.js';
import { since } from '../lib/log.js';
import { CLINICAL, DIAGNOSES, FAMILY, GIVEN, MESSAGES, MIDDLE, QUESTIONS } from './texts.js';

export interface ConsultShape {
  hubs: number;
  spokes: number;
  requests: number;
  seed: number;
}
export interface TableTiming {
  table: string;
  rows: number;
  ms: number;
}

export const CLINICIANS_PER_SPOKE = 3;
export const COORDINATORS_PER_HUB = 3;
export const SPECIALISTS_PER_HUB = 20;
export const QUEUE_STATES = ['submitted', 'forwarded', 'in_triage'] as const;

/** The state mix of a network that has run for two years: most requests are long closed, a few % wait in a queue. */
export const STATE_MIX: readonly (readonly [string, number])[] = [
  ['draft', 2],
  ['submitted', 1.5],
  ['forwarded', 0.3],
  ['in_triage', 1.2],
  ['needs_info', 1],
  ['accepted', 4],
  ['scheduled', 2],
  ['in_session', 0.1],
  ['declined', 3],
  ['cancelled', 3],
  ['concluded', 6],
  ['outcome_reported', 17],
  ['closed', 58.9],
];
// How many days ago each state's requests were created (lower + r × span).
export const AGE: Record<string, [number, number]> = {
  draft: [0, 14],
  submitted: [0, 3],
  forwarded: [0, 3],
  in_triage: [0, 2],
  needs_info: [1, 9],
  accepted: [1, 20],
  scheduled: [1, 20],
  in_session: [0, 1],
  concluded: [2, 68],
  outcome_reported: [30, 200],
};
export const DECIDED = ['needs_info', 'accepted', 'scheduled', 'in_session', 'declined', 'concluded', 'outcome_reported', 'closed'];
export const CONCLUDED = ['concluded', 'outcome_reported', 'closed'];
export const ASSIGNED = ['accepted', 'scheduled', 'in_session', 'concluded', 'outcome_reported', 'closed'];
// Common specialties first: the draw is skewed towards the start of the list.
const COMMON = ['general_internal', 'cardiology', 'neurology', 'paediatrics', 'obstetrics_gynaecology', 'respiratory', 'general_surgery'];
export const SPECIALTY_ORDER = [...COMMON, ...SPECIALTY_CODES.filter((c) => !COMMON.includes(c))];

/** Deterministic, random-looking ids: `md5('vxb-<kind>-<n>')` as a uuid, computable in SQL and in JS alike. */
export const idSql = (kind: string, n: string) => `md5('vxb-${kind}-' || (${n}))::uuid`;
export const list = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;
export const pick = (xs: readonly string[], n: string) => `(${list(xs)})[1 + ((${n}) % ${xs.length})]`;
export const name = (n: string) => `${pick(FAMILY, n)} || ' ' || ${pick(MIDDLE, `(${n}) / 7`)} || ' ' || ${pick(GIVEN, `(${n}) / 3`)}`;
export const inList = (xs: readonly string[]) => `(${xs.map((s) => `'${s}'`).join(',')})`;

export function stateCase(r: string, mix: readonly (readonly [string, number])[] = STATE_MIX): string {
  const total = mix.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  const arms = mix.slice(0, -1).map(([s, w]) => `WHEN ${r} < ${((acc += w) / total).toFixed(6)} THEN '${s}'`);
  return `CASE ${arms.join(' ')} ELSE '${mix.at(-1)![0]}' END`;
}

/** Steps of the generation, each one set-based statement (generate_series), run on one connection in one transaction. */
function steps(s: ConsultShape): { table: string; sql: string }[] {
  const { hubs: H, spokes: S, requests: N } = s;
  const P = Math.max(1, Math.ceil(N / 2));
  // Spoke → its usual hub: a power law over the hubs, so a few national hubs are much busier than the rest.
  const home = (sp: string) => `floor(${H} * power(((${sp})::bigint * 7919 % ${S})::float8 / ${S}, 1.8))::int`;
  const provinces = `(SELECT array_agg(code ORDER BY code) FROM province)`;
  const ageCase = Object.entries(AGE)
    .map(([st, [lo, span]]) => `WHEN '${st}' THEN ${lo} + r_age * ${span}`)
    .join(' ');
  return [
    {
      table: 'facility',
      sql: `WITH pr AS (SELECT ${provinces} AS p)
        INSERT INTO facility (id, code, name, type, technical_level, province_code, specialties)
        SELECT ${idSql('hub', 'h')}, 'VXB-H' || lpad(h::text, 4, '0'), 'Bệnh viện Trung ương số ' || (h + 1), 'central_hospital', 'specialised',
               pr.p[1 + h % cardinality(pr.p)], ${list(SPECIALTY_CODES)}
          FROM generate_series(0, ${H - 1}) h, pr
        UNION ALL
        SELECT ${idSql('spoke', 'sp')}, 'VXB-S' || lpad(sp::text, 5, '0'),
               CASE WHEN sp % 6 = 0 THEN 'Trung tâm Y tế khu vực số ' ELSE 'Trạm Y tế xã số ' END || (sp + 1),
               CASE WHEN sp % 6 = 0 THEN 'regional_health_centre' ELSE 'commune_health_station' END, 'initial',
               pr.p[1 + sp % cardinality(pr.p)], '{}'
          FROM generate_series(0, ${S - 1}) sp, pr`,
    },
    {
      table: 'app_user',
      sql: `INSERT INTO app_user (id, display_name, email, password_hash)
        SELECT ${idSql('clin', `sp || '-' || k`)}, ${name(`sp * ${CLINICIANS_PER_SPOKE} + k`)}, 'clin-' || sp || '-' || k || '@bench.invalid', 'bench'
          FROM generate_series(0, ${S - 1}) sp, generate_series(0, ${CLINICIANS_PER_SPOKE - 1}) k
        UNION ALL
        SELECT ${idSql('coord', `h || '-' || k`)}, ${name(`h * 11 + k + 5`)}, 'coord-' || h || '-' || k || '@bench.invalid', 'bench'
          FROM generate_series(0, ${H - 1}) h, generate_series(0, ${COORDINATORS_PER_HUB - 1}) k
        UNION ALL
        SELECT ${idSql('spec', `h || '-' || k`)}, 'BS. ' || ${name(`h * 13 + k * 17 + 3`)}, 'spec-' || h || '-' || k || '@bench.invalid', 'bench'
          FROM generate_series(0, ${H - 1}) h, generate_series(0, ${SPECIALISTS_PER_HUB - 1}) k`,
    },
    {
      table: 'membership',
      sql: `INSERT INTO membership (user_id, facility_id, role)
        SELECT ${idSql('clin', `sp || '-' || k`)}, ${idSql('spoke', 'sp')}, 'clinician'
          FROM generate_series(0, ${S - 1}) sp, generate_series(0, ${CLINICIANS_PER_SPOKE - 1}) k
        UNION ALL
        SELECT ${idSql('coord', `h || '-' || k`)}, ${idSql('hub', 'h')}, 'coordinator'
          FROM generate_series(0, ${H - 1}) h, generate_series(0, ${COORDINATORS_PER_HUB - 1}) k
        UNION ALL
        SELECT ${idSql('spec', `h || '-' || k`)}, ${idSql('hub', 'h')}, 'specialist'
          FROM generate_series(0, ${H - 1}) h, generate_series(0, ${SPECIALISTS_PER_HUB - 1}) k`,
    },
    {
      table: 'patient',
      sql: `INSERT INTO patient (id, full_name, birth_date, sex, citizen_id, created_by_facility_id, created_at)
        SELECT ${idSql('pat', 'p')}, ${name(`p * 31 + 7`)}, date '1935-01-01' + (random() * 32000)::int,
               CASE WHEN random() < 0.5 THEN 'male' ELSE 'female' END, lpad(p::text, 12, '0'), ${idSql('spoke', `p % ${S}`)},
               now() - random() * interval '800 days'
          FROM generate_series(0, ${P - 1}) p`,
    },
    {
      table: 'patient_facility',
      sql: `INSERT INTO patient_facility (patient_id, facility_id) SELECT ${idSql('pat', 'p')}, ${idSql('spoke', `p % ${S}`)} FROM generate_series(0, ${P - 1}) p`,
    },
    {
      // One row per request with its draws and derived times, kept for the assignments and messages.
      table: 'tmp_consult_plan',
      sql: `CREATE TEMP TABLE vxb_plan ON COMMIT DROP AS
        WITH d AS MATERIALIZED (
          SELECT i, floor(random() * ${S})::int AS sp, random() AS r_state, random() AS r_age, random() AS r_hub, random() AS r_pat,
                 random() AS r_urg, random() AS r_spec, random() AS r_k, random() AS r_dec, random() AS r_conc, random() AS r_msg, random() AS r_read
            FROM generate_series(0, ${N - 1}) i),
        s AS (SELECT d.*, ${stateCase('r_state')} AS state,
                     CASE WHEN r_hub < 0.85 THEN ${home('sp')} ELSE floor((r_hub - 0.85) / 0.15 * ${H})::int END AS hub,
                     CASE WHEN r_urg < 0.1 THEN 'emergency' WHEN r_urg < 0.45 THEN 'urgent' ELSE 'routine' END AS urgency,
                     floor(power(r_spec, 2.2) * ${SPECIALTY_ORDER.length})::int AS spec_i FROM d),
        t AS (SELECT s.*, now() - (CASE state ${ageCase} ELSE 1 + r_age * 729 END) * interval '1 day' AS created FROM s),
        u AS (SELECT t.*, CASE WHEN state <> 'draft' THEN created + interval '15 min' END AS submitted,
                     CASE WHEN state IN ${inList(DECIDED)} THEN least(now() - interval '5 min', created + interval '15 min'
                       + CASE urgency WHEN 'emergency' THEN r_dec * interval '50 min' WHEN 'urgent' THEN r_dec * interval '20 h' ELSE r_dec * interval '60 h' END) END AS decided
                FROM t),
        v AS (SELECT u.*, CASE WHEN state IN ${inList(CONCLUDED)} THEN least(now() - interval '2 min', decided + (1 + r_conc * 4) * interval '1 day') END AS concluded FROM u)
        SELECT v.*, concluded + interval '30 days' AS outcome_due,
               CASE WHEN state = 'closed' THEN least(now() - interval '1 min', concluded + (5 + r_conc * 25) * interval '1 day') END AS closed,
               greatest(created, submitted, decided, concluded,
                 CASE WHEN state IN ('outcome_reported', 'closed') THEN least(now() - interval '1 min', concluded + (3 + r_conc * 20) * interval '1 day') END,
                 CASE WHEN state = 'closed' THEN least(now() - interval '1 min', concluded + (5 + r_conc * 25) * interval '1 day') END) AS last_at
          FROM v`,
    },
    {
      table: 'consult_request',
      sql: `INSERT INTO consult_request (id, ref, state, type, urgency, specialty, requesting_facility_id, requester_user_id, target_hub_id, patient_id,
          clinical, question, diagnoses, triaged_by, submitted_at, response_due_at, decided_at, concluded_at, outcome_due_at, closed_at, retain_until,
          version, created_at, updated_at)
        SELECT ${idSql('consult', 'i')}, 'HC-' || to_char(created, 'YYYY') || '-' || lpad((i + 1)::text, 6, '0'), state,
               CASE WHEN r_k < 0.7 THEN 'remote_consultation' WHEN r_k < 0.85 THEN 'remote_advice' WHEN r_k < 0.95 THEN 'teleradiology' ELSE 'telepathology' END,
               urgency, (${list(SPECIALTY_ORDER)})[1 + spec_i], ${idSql('spoke', 'sp')},
               ${idSql('clin', `sp || '-' || floor(r_k * ${CLINICIANS_PER_SPOKE})::int`)},
               CASE WHEN state = 'draft' AND r_hub > 0.5 THEN NULL ELSE ${idSql('hub', 'hub')} END,
               CASE WHEN sp < ${P} THEN ${idSql('pat', `sp + ${S} * floor(r_pat * (floor((${P} - 1 - sp) / ${S}) + 1))::int`)} END,
               (${list(CLINICAL)})[1 + i % ${CLINICAL.length}]::jsonb
                 || jsonb_build_object('vitals', jsonb_build_object('pulse', 60 + i % 60, 'systolic', 95 + i % 80, 'diastolic', 55 + i % 40,
                      'temperature', 36.5 + (i % 30) / 10.0, 'respiratoryRate', 14 + i % 16, 'spo2', 86 + i % 14, 'weightKg', 40 + i % 45,
                      'heightCm', 145 + i % 40, 'glucoseMmol', 4 + (i % 90) / 10.0)),
               ${pick(QUESTIONS, 'i')},
               jsonb_build_array(jsonb_build_object('code', ${pick(DIAGNOSES, 'i')}, 'kind', 'working', 'note', NULL)),
               CASE WHEN decided IS NOT NULL THEN ${idSql('coord', `hub || '-' || (i % ${COORDINATORS_PER_HUB})`)} END,
               submitted, submitted + CASE urgency WHEN 'emergency' THEN interval '1 hour' WHEN 'urgent' THEN interval '1 day' ELSE interval '3 days' END,
               decided, concluded, outcome_due, closed, CASE WHEN state <> 'draft' THEN created + interval '10 years' END,
               1 + (state <> 'draft')::int + (decided IS NOT NULL)::int * 2 + (concluded IS NOT NULL)::int + (closed IS NOT NULL)::int, created, last_at
          FROM vxb_plan`,
    },
    {
      // Specialists: one (a third of the time two) of the hub, mostly by specialty, so some carry more than others.
      table: 'consult_assignment',
      sql: `INSERT INTO consult_assignment (consult_id, user_id, assigned_by, assigned_at)
        SELECT ${idSql('consult', 'i')}, ${idSql('spec', `hub || '-' || ((spec_i * 3 + j * 7 + floor(r_dec * 3)::int) % ${SPECIALISTS_PER_HUB})`)},
               ${idSql('coord', `hub || '-' || (i % ${COORDINATORS_PER_HUB})`)}, decided
          FROM vxb_plan, generate_series(0, 1) j
         WHERE state IN ${inList(ASSIGNED)} AND (j = 0 OR r_msg < 0.33)`,
    },
    {
      // A third of the submitted requests have a thread of 1–4 messages, alternating site and hub, spread over its life.
      table: 'consult_message',
      sql: `INSERT INTO consult_message (consult_id, kind, author_user_id, author_facility_id, body, created_at)
        SELECT ${idSql('consult', 'i')},
               CASE j WHEN 1 THEN 'info_request' WHEN 2 THEN 'info_response' ELSE 'message' END,
               CASE WHEN j % 2 = 1 THEN ${idSql('coord', `hub || '-' || (i % ${COORDINATORS_PER_HUB})`)}
                    ELSE ${idSql('clin', `sp || '-' || floor(r_k * ${CLINICIANS_PER_SPOKE})::int`)} END,
               CASE WHEN j % 2 = 1 THEN ${idSql('hub', 'hub')} ELSE ${idSql('spoke', 'sp')} END,
               ${pick(MESSAGES, 'i + j')}, submitted + (last_at - submitted) * j / (floor(r_read * 4) + 2)
          FROM vxb_plan, generate_series(1, 4) j
         WHERE state <> 'draft' AND r_msg < 0.35 AND j <= floor(r_read * 4) + 1`,
    },
    {
      // The requester has read most threads, some only partly: "unread" counts are not all zero.
      table: 'consult_read',
      sql: `INSERT INTO consult_read (consult_id, user_id, read_at)
        SELECT ${idSql('consult', 'i')}, ${idSql('clin', `sp || '-' || floor(r_k * ${CLINICIANS_PER_SPOKE})::int`)},
               submitted + (last_at - submitted) * (0.5 + r_conc / 2)
          FROM vxb_plan WHERE state <> 'draft' AND r_msg < 0.35 AND r_read > 0.2`,
    },
  ];
}

export const GENERATED_TABLES = [
  'facility',
  'app_user',
  'membership',
  'patient',
  'patient_facility',
  'consult_request',
  'consult_assignment',
  'consult_message',
  'consult_read',
];

/** Refuses a database that holds users or requests already: the bench writes its own, and only into a bench database. */
export async function assertEmpty(q: Queryable): Promise<void> {
  const { rows } = await q.query<{ users: string; consults: string }>(
    'SELECT (SELECT count(*) FROM app_user) AS users, (SELECT count(*) FROM consult_request) AS consults',
  );
  const r = rows[0]!;
  if (Number(r.users) > 0 || Number(r.consults) > 0)
    throw new Error(`The database already has ${r.users} users and ${r.consults} requests: give the consult bench an empty database.`);
}

/**
 * Generates the network and its requests with set-based SQL in one transaction (seeded with `setseed`, so the same
 * shape and seed give the same data), then `VACUUM (ANALYZE)` as autovacuum would have done on a live database.
 */
export async function generateConsults(db: Db, shape: ConsultShape, log: (l: string) => void): Promise<TableTiming[]> {
  const timings: TableTiming[] = [];
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT setseed($1)', [((shape.seed % 1000) + 1) / 1001]);
    for (const step of steps(shape)) {
      const t0 = performance.now();
      const r = await client.query(step.sql);
      timings.push({ table: step.table, rows: r.rowCount ?? 0, ms: Math.round(performance.now() - t0) });
      log(`  ${step.table.padEnd(20)} ${String(r.rowCount ?? 0).padStart(8)} rows in ${since(t0)}`);
    }
    await client.query(`SELECT setval('consult_ref_seq', $1)`, [shape.requests]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  const t0 = performance.now();
  await db.query(`VACUUM (ANALYZE) ${GENERATED_TABLES.join(', ')}`);
  timings.push({ table: 'vacuum_analyze', rows: 0, ms: Math.round(performance.now() - t0) });
  log(`  vacuum (analyze)     in ${since(t0)}`);
  return timings;
}
