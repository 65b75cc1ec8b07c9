// The national-scale data set of issue 7: the registry (14,000 facilities, 20,000 bridge sites, 200,000
// practitioners, from bench/registry/), then on top of it accounts for the practitioners, 2,000,000 patients and
// 5,000,000 consultation requests with their events, assignments, threads and read receipts, all at `scale`.
// Requests follow the support links (a spoke asks one of its hubs), patients belong to the facility that asks for
// them, and the state of each request follows its age, so a queue holds what two years of arrivals leave waiting.
import type { PoolClient } from 'pg';
import { SPECIALTY_CODES } from '@vuonxa/core';
import type { Db } from '../../packages/server/src/db/db.js';
import { AGE, CONCLUDED, DECIDED, idSql, inList, list, name, pick, stateCase } from '../consult/generate.js';
import { CLINICAL, DIAGNOSES, MESSAGES, QUESTIONS } from '../consult/texts.js';
import { since } from '../lib/log.js';
import { generateRegistry } from '../registry/generate.js';

export const NATIONAL = { patients: 2_000_000, requests: 5_000_000 } as const;

/**
 * Share of each final state. The waiting states are as large as the arrivals of the days they last (a request
 * waits in `submitted` ~1.5 days of 730): a national queue of ~0.4% of two years, not the 4% of a busy pilot.
 */
export const NATIONAL_MIX: readonly (readonly [string, number])[] = [
  ['draft', 0.5],
  ['submitted', 0.2],
  ['forwarded', 0.05],
  ['in_triage', 0.15],
  ['needs_info', 0.6],
  ['accepted', 1.4],
  ['scheduled', 1.4],
  ['in_session', 0.02],
  ['declined', 3],
  ['cancelled', 3],
  ['concluded', 4.8],
  ['outcome_reported', 15.7],
  ['closed', 69.18],
];

/** The actions that led to each final state, in order (the timeline a request shows). */
const PATHS: Record<string, string[]> = {
  draft: ['create'],
  submitted: ['create', 'submit'],
  forwarded: ['create', 'submit', 'start_triage', 'forward'],
  in_triage: ['create', 'submit', 'start_triage'],
  needs_info: ['create', 'submit', 'start_triage', 'request_info'],
  accepted: ['create', 'submit', 'start_triage', 'accept'],
  scheduled: ['create', 'submit', 'start_triage', 'accept', 'schedule'],
  in_session: ['create', 'submit', 'start_triage', 'accept', 'schedule', 'start_session'],
  declined: ['create', 'submit', 'start_triage', 'decline'],
  cancelled: ['create', 'submit', 'cancel'],
  concluded: ['create', 'submit', 'start_triage', 'accept', 'conclude'],
  outcome_reported: ['create', 'submit', 'start_triage', 'accept', 'conclude', 'report_outcome'],
  closed: ['create', 'submit', 'start_triage', 'accept', 'conclude', 'report_outcome', 'close'],
};
const TO: Record<string, string> = {
  create: 'draft',
  submit: 'submitted',
  start_triage: 'in_triage',
  forward: 'forwarded',
  request_info: 'needs_info',
  accept: 'accepted',
  schedule: 'scheduled',
  start_session: 'in_session',
  decline: 'declined',
  cancel: 'cancelled',
  conclude: 'concluded',
  report_outcome: 'outcome_reported',
  close: 'closed',
};
const BY_REQUESTER = ['create', 'submit', 'cancel', 'report_outcome'];
const BY_SYSTEM = ['start_session', 'conclude'];

/** The tables this step fills (the registry's are vacuumed by the registry generator). */
const TABLES = ['app_user', 'membership', 'practitioner', 'patient', 'patient_facility', 'consult_request', 'consult_event'];
const BULK_TABLES = [
  'patient',
  'patient_facility',
  'consult_request',
  'consult_event',
  'consult_assignment',
  'consult_message',
  'consult_read',
];
const SPECIALTY_ORDER = [
  'general_internal',
  'cardiology',
  'neurology',
  'paediatrics',
  'obstetrics_gynaecology',
  'respiratory',
  'general_surgery',
  ...SPECIALTY_CODES.filter(
    (c) =>
      !['general_internal', 'cardiology', 'neurology', 'paediatrics', 'obstetrics_gynaecology', 'respiratory', 'general_surgery'].includes(
        c,
      ),
  ),
];

export interface NationalOptions {
  scale: number;
  seed: number;
  log: (line: string) => void;
}
export interface StepTiming {
  step: string;
  rows: number;
  ms: number;
}
export interface NationalResult {
  timings: StepTiming[];
  counts: Record<string, number>;
  /** Whether foreign-key triggers were skipped while loading (superuser: `session_replication_role = replica`). */
  fkChecksSkipped: boolean;
  totalMs: number;
}

/** Secondary indexes of `table` (not backing a constraint): dropped for the load, built again after it. */
async function secondaryIndexes(c: PoolClient, table: string) {
  const { rows } = await c.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
      WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table],
  );
  return rows;
}

function steps(o: { patients: number; requests: number }): { step: string; sql: string; after?: string[] }[] {
  const { patients: P, requests: N } = o;
  const ageCase = Object.entries(AGE)
    .map(([st, [lo, span]]) => `WHEN '${st}' THEN ${lo} + r_age * ${span}`)
    .join(' ');
  const pathCase = `CASE state ${Object.entries(PATHS)
    .map(([st, p]) => `WHEN '${st}' THEN ${list(p)}`)
    .join(' ')} END`;
  const toCase = `CASE e.action ${Object.entries(TO)
    .map(([a, t]) => `WHEN '${a}' THEN '${t}'`)
    .join(' ')} END`;
  const user = (practitioner: string) => `md5('vxn-user-' || ${practitioner})::uuid`;
  return [
    {
      step: 'app_user',
      sql: `INSERT INTO app_user (id, display_name, email, password_hash, created_at)
        SELECT ${user('p.id')}, p.full_name, 'p-' || p.id || '@bench.invalid', 'bench-no-login', p.created_at FROM practitioner p WHERE p.user_id IS NULL`,
    },
    { step: 'practitioner.user_id', sql: `UPDATE practitioner SET user_id = ${user('id')} WHERE user_id IS NULL` },
    {
      step: 'tmp_hub',
      sql: `CREATE TEMP TABLE vxn_hubfac AS SELECT DISTINCT hub_facility_id AS id FROM support_link`,
      after: ['ANALYZE vxn_hubfac'],
    },
    {
      // Every doctor, nurse, midwife and assistant works at their sites as a clinician; doctors of a hub also answer
      // as specialists, and the first two of a hub's doctors and nurses triage as coordinators.
      step: 'membership',
      sql: `INSERT INTO membership (user_id, facility_id, role)
        SELECT p.user_id, pm.facility_id, 'clinician' FROM practitioner_membership pm JOIN practitioner p ON p.id = pm.practitioner_id
         WHERE p.profession IN ('doctor', 'physician_assistant', 'nurse', 'midwife')
        UNION ALL
        SELECT p.user_id, pm.facility_id, 'specialist' FROM practitioner_membership pm JOIN practitioner p ON p.id = pm.practitioner_id
          JOIN vxn_hubfac h ON h.id = pm.facility_id
         WHERE p.profession = 'doctor'
        UNION ALL
        SELECT user_id, facility_id, 'coordinator' FROM (
          SELECT p.user_id, pm.facility_id, row_number() OVER (PARTITION BY pm.facility_id ORDER BY pm.practitioner_id) AS n
            FROM practitioner_membership pm JOIN practitioner p ON p.id = pm.practitioner_id JOIN vxn_hubfac h ON h.id = pm.facility_id
           WHERE p.profession IN ('doctor', 'nurse')) c
         WHERE n <= 2`,
    },
    {
      // The hubs' triage staff and specialists, by hub.
      step: 'tmp_hub_staff',
      sql: `CREATE TEMP TABLE vxn_hub AS
        SELECT h.id,
               coalesce((SELECT array_agg(m.user_id ORDER BY m.user_id) FROM membership m WHERE m.facility_id = h.id AND m.role = 'coordinator'), '{}') AS coords,
               coalesce((SELECT array_agg(m.user_id ORDER BY m.user_id) FROM membership m WHERE m.facility_id = h.id AND m.role = 'specialist'), '{}') AS specs
          FROM vxn_hubfac h`,
    },
    {
      // Spokes that can ask (an active support link and a clinician), weighted by their clinicians (capped: a
      // provincial hospital asks more than a commune station, not 200 times more), with a range of patient numbers.
      step: 'tmp_spoke',
      sql: `CREATE TEMP TABLE vxn_spoke AS
        WITH l AS (SELECT spoke_facility_id AS id, array_agg(hub_facility_id ORDER BY hub_facility_id) AS hubs FROM support_link
                    WHERE valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date) GROUP BY 1),
             c AS (SELECT facility_id AS id, array_agg(user_id ORDER BY user_id) AS clinicians FROM membership WHERE role = 'clinician' GROUP BY 1),
             w AS (SELECT l.id, l.hubs, c.clinicians, f.province_code, least(cardinality(c.clinicians), 60) AS w
                     FROM l JOIN c USING (id) JOIN facility f USING (id) WHERE cardinality(c.clinicians) > 0),
             n AS (SELECT w.*, (row_number() OVER (ORDER BY id) - 1)::int AS i, (sum(w) OVER (ORDER BY id) - w)::int AS cum,
                          sum(w) OVER () AS total FROM w)
        SELECT n.*, greatest(1, round(${P}::float8 * w / total))::int AS pcount FROM n`,
    },
    {
      step: 'tmp_spoke_ranges',
      sql: `CREATE TEMP TABLE vxn_spoke2 AS SELECT s.*, (sum(pcount) OVER (ORDER BY i) - pcount)::int AS pstart FROM vxn_spoke s`,
      after: [
        'CREATE UNIQUE INDEX ON vxn_spoke2 (i)',
        'CREATE TEMP TABLE vxn_slot AS SELECT generate_series(cum, cum + w - 1) AS k, i FROM vxn_spoke2',
        'CREATE UNIQUE INDEX ON vxn_slot (k)',
        'ANALYZE vxn_spoke2',
        'ANALYZE vxn_slot',
        'ANALYZE vxn_hub',
      ],
    },
    {
      step: 'patient',
      sql: `INSERT INTO patient (id, full_name, birth_date, sex, citizen_id, insurance_number, insurance_key, province_code, phone,
                                 created_by_facility_id, created_at, updated_at)
        SELECT ${idSql('natpat', 'p')}, ${name('p * 31 + 7')}, date '1935-01-01' + (random() * 32000)::int,
               CASE WHEN random() < 0.5 THEN 'male' ELSE 'female' END, lpad(p::text, 12, '0'),
               CASE WHEN p % 10 <> 0 THEN 'GD4' || coalesce(s.province_code, '01') || lpad(p::text, 10, '0') END,
               CASE WHEN p % 10 <> 0 THEN lpad(p::text, 10, '0') END, s.province_code,
               '09' || lpad((p % 100000000)::text, 8, '0'), s.id, t, t
          FROM vxn_spoke2 s, generate_series(s.pstart, s.pstart + s.pcount - 1) p, LATERAL (SELECT now() - random() * interval '800 days' AS t) x`,
    },
    {
      step: 'patient_facility',
      sql: `INSERT INTO patient_facility (patient_id, facility_id, linked_at)
        SELECT ${idSql('natpat', 'p')}, s.id, now() - interval '800 days' FROM vxn_spoke2 s, generate_series(s.pstart, s.pstart + s.pcount - 1) p`,
    },
    {
      // One row per request: its draws, spoke, hub, people and the times of its life.
      step: 'tmp_plan',
      sql: `CREATE TEMP TABLE vxn_plan AS
        WITH d AS MATERIALIZED (
          SELECT i, floor(random() * (SELECT max(k) + 1 FROM vxn_slot))::int AS k, random() AS r_state, random() AS r_age, random() AS r_hub,
                 random() AS r_pat, random() AS r_urg, random() AS r_spec, random() AS r_k, random() AS r_dec, random() AS r_conc,
                 random() AS r_msg, random() AS r_read
            FROM generate_series(0, ${N - 1}) i),
        j AS (SELECT d.*, s.id AS spoke, s.hubs[1 + floor(power(d.r_hub, 1.6) * cardinality(s.hubs))::int] AS hub,
                     s.clinicians[1 + floor(d.r_k * cardinality(s.clinicians))::int] AS requester,
                     s.pstart + floor(d.r_pat * s.pcount)::int AS pat
                FROM d JOIN vxn_slot sl ON sl.k = d.k JOIN vxn_spoke2 s ON s.i = sl.i),
        s AS (SELECT j.*, ${stateCase('r_state', NATIONAL_MIX)} AS state,
                     CASE WHEN r_urg < 0.1 THEN 'emergency' WHEN r_urg < 0.45 THEN 'urgent' ELSE 'routine' END AS urgency,
                     floor(power(r_spec, 2.2) * ${SPECIALTY_ORDER.length})::int AS spec_i FROM j),
        t AS (SELECT s.*, now() - (CASE state ${ageCase} ELSE 1 + r_age * 729 END) * interval '1 day' AS created FROM s),
        u AS (SELECT t.*, CASE WHEN state <> 'draft' THEN created + interval '15 min' END AS submitted,
                     CASE WHEN state IN ${inList(DECIDED)} THEN least(now() - interval '5 min', created + interval '15 min'
                       + CASE urgency WHEN 'emergency' THEN r_dec * interval '50 min' WHEN 'urgent' THEN r_dec * interval '20 h' ELSE r_dec * interval '60 h' END) END AS decided
                FROM t),
        v AS (SELECT u.*, CASE WHEN state IN ${inList(CONCLUDED)} THEN least(now() - interval '3 min', decided + (1 + r_conc * 4) * interval '1 day') END AS concluded FROM u),
        w AS (SELECT v.*, CASE WHEN state IN ('outcome_reported', 'closed') THEN least(now() - interval '2 min', concluded + (3 + r_conc * 20) * interval '1 day') END AS reported,
                     CASE WHEN state = 'closed' THEN least(now() - interval '1 min', concluded + (5 + r_conc * 25) * interval '1 day') END AS closed
                FROM v)
        SELECT w.*, h.coords[1 + i % greatest(1, cardinality(h.coords))] AS coord, ${pathCase} AS path,
               greatest(created, submitted, decided, concluded, reported, closed) AS last_at
          FROM w JOIN vxn_hub h ON h.id = w.hub`,
    },
    {
      step: 'consult_request',
      sql: `INSERT INTO consult_request (id, ref, state, type, urgency, specialty, requesting_facility_id, requester_user_id, target_hub_id, patient_id,
          clinical, question, diagnoses, triaged_by, submitted_at, response_due_at, decided_at, concluded_at, outcome_due_at, closed_at, retain_until,
          version, created_at, updated_at)
        SELECT ${idSql('natconsult', 'i')}, 'HC-' || to_char(created, 'YYYY') || '-' || lpad((i + 1)::text, 7, '0'), state,
               CASE WHEN r_k < 0.7 THEN 'remote_consultation' WHEN r_k < 0.85 THEN 'remote_advice' WHEN r_k < 0.95 THEN 'teleradiology' ELSE 'telepathology' END,
               urgency, (${list(SPECIALTY_ORDER)})[1 + spec_i], spoke, requester,
               CASE WHEN state = 'draft' AND r_hub > 0.5 THEN NULL ELSE hub END, ${idSql('natpat', 'pat')},
               (ARRAY[${CLINICAL.map((t) => `'${t.replace(/'/g, "''")}'::jsonb`).join(',')}])[1 + i % ${CLINICAL.length}]
                 || jsonb_build_object('vitals', jsonb_build_object('pulse', 60 + i % 60, 'systolic', 95 + i % 80, 'diastolic', 55 + i % 40,
                      'temperature', 36.5 + (i % 30) / 10.0, 'respiratoryRate', 14 + i % 16, 'spo2', 86 + i % 14)),
               ${pick(QUESTIONS, 'i')},
               jsonb_build_array(jsonb_build_object('code', ${pick(DIAGNOSES, 'i')}, 'kind', 'working', 'note', NULL)),
               CASE WHEN decided IS NOT NULL THEN coord END,
               submitted, submitted + CASE urgency WHEN 'emergency' THEN interval '1 hour' WHEN 'urgent' THEN interval '1 day' ELSE interval '3 days' END,
               decided, concluded, concluded + interval '30 days', closed, CASE WHEN state <> 'draft' THEN created + interval '10 years' END,
               cardinality(path), created, last_at
          FROM vxn_plan`,
    },
    {
      // The timeline: one event per action of the request's path, in order (ids ascend along it), at its time.
      step: 'consult_event',
      sql: `INSERT INTO consult_event (consult_id, at, actor_user_id, action, from_state, to_state, details)
        SELECT ${idSql('natconsult', 'i')},
               CASE e.action WHEN 'create' THEN created WHEN 'submit' THEN submitted WHEN 'cancel' THEN coalesce(submitted, created) + interval '2 h'
                 WHEN 'start_triage' THEN submitted + (coalesce(decided, now()) - submitted) * 0.3
                 WHEN 'schedule' THEN decided + interval '10 min' WHEN 'start_session' THEN decided + interval '1 day'
                 WHEN 'conclude' THEN concluded WHEN 'report_outcome' THEN reported WHEN 'close' THEN closed
                 ELSE coalesce(decided, submitted + interval '1 hour') END,
               CASE WHEN e.action IN ${inList(BY_REQUESTER)} THEN requester WHEN e.action IN ${inList(BY_SYSTEM)} THEN NULL ELSE coord END,
               e.action, CASE WHEN e.n > 1 THEN ${toCase.replace('e.action', 'path[e.n - 1]')} END, ${toCase},
               CASE e.action WHEN 'decline' THEN '{"reason":"Ngoài phạm vi chuyên môn của đơn vị; đề nghị gửi tuyến phù hợp."}'::jsonb ELSE '{}'::jsonb END
          FROM vxn_plan, LATERAL unnest(path) WITH ORDINALITY AS e(action, n)`,
    },
    {
      step: 'consult_assignment',
      sql: `INSERT INTO consult_assignment (consult_id, user_id, assigned_by, assigned_at)
        SELECT ${idSql('natconsult', 'i')}, h.specs[1 + (spec_i * 3 + j * 7 + floor(r_dec * 3)::int) % cardinality(h.specs)], coord, decided
          FROM vxn_plan p JOIN vxn_hub h ON h.id = p.hub, generate_series(0, 1) j
         WHERE state IN ('accepted', 'scheduled', 'in_session', 'concluded', 'outcome_reported', 'closed') AND cardinality(h.specs) > 0
           AND (j = 0 OR (r_msg < 0.33 AND cardinality(h.specs) NOT IN (1, 7)))`,
    },
    {
      step: 'consult_message',
      sql: `INSERT INTO consult_message (consult_id, kind, author_user_id, author_facility_id, body, created_at)
        SELECT ${idSql('natconsult', 'i')}, CASE j WHEN 1 THEN 'info_request' WHEN 2 THEN 'info_response' ELSE 'message' END,
               CASE WHEN j % 2 = 1 THEN coord ELSE requester END, CASE WHEN j % 2 = 1 THEN hub ELSE spoke END,
               ${pick(MESSAGES, 'i + j')}, submitted + (last_at - submitted) * j / (floor(r_read * 4) + 2)
          FROM vxn_plan, generate_series(1, 4) j
         WHERE state <> 'draft' AND r_msg < 0.35 AND j <= floor(r_read * 4) + 1 AND coord IS NOT NULL`,
    },
    {
      step: 'consult_read',
      sql: `INSERT INTO consult_read (consult_id, user_id, read_at)
        SELECT ${idSql('natconsult', 'i')}, requester, submitted + (last_at - submitted) * (0.5 + r_conc / 2)
          FROM vxn_plan WHERE state <> 'draft' AND r_msg < 0.35 AND r_read > 0.2`,
    },
  ];
}

/**
 * Fills an empty database (migrated, with the reference geography) with the national data set. Loads with the
 * secondary indexes of the big tables dropped and built again afterwards, without WAL flushes per commit, and,
 * when the role may, without per-row foreign-key triggers (the generator's ids are consistent by construction).
 */
export async function generateNational(db: Db, opts: NationalOptions): Promise<NationalResult> {
  const t0 = performance.now();
  const timings: StepTiming[] = [];
  opts.log(`Registry at scale ${opts.scale}:`);
  const reg = await generateRegistry(db, { scale: opts.scale, seed: opts.seed, log: opts.log });
  for (const t of reg) timings.push({ step: t.table, rows: t.rows, ms: Math.round(t.generateMs + t.insertMs) });

  const shape = { patients: Math.round(NATIONAL.patients * opts.scale), requests: Math.round(NATIONAL.requests * opts.scale) };
  opts.log(
    `People, patients and requests (${shape.patients.toLocaleString('en-US')} patients, ${shape.requests.toLocaleString('en-US')} requests):`,
  );
  const c = await db.pool.connect();
  let fkChecksSkipped = false;
  try {
    await c.query(`SET synchronous_commit = off; SET maintenance_work_mem = '512MB'; SET work_mem = '256MB'; SET temp_buffers = '256MB'`);
    try {
      await c.query(`SET session_replication_role = replica`);
      fkChecksSkipped = true;
    } catch {
      opts.log('  (not a superuser: foreign keys are checked row by row, which is slower)');
    }
    await c.query('SELECT setseed($1)', [((opts.seed % 1000) + 1) / 1001]);
    const dropped: { name: string; def: string }[] = [];
    for (const table of BULK_TABLES) {
      for (const ix of await secondaryIndexes(c, table)) {
        await c.query(`DROP INDEX ${ix.name}`);
        dropped.push(ix);
      }
    }
    for (const s of steps(shape)) {
      const ts = performance.now();
      const rows = (await c.query(s.sql)).rowCount ?? 0;
      for (const sql of s.after ?? []) await c.query(sql);
      timings.push({ step: s.step, rows, ms: Math.round(performance.now() - ts) });
      opts.log(`  ${s.step.padEnd(24)} ${rows.toLocaleString('en-US').padStart(11)} rows  ${since(ts)}`);
    }
    await c.query(`SELECT setval('consult_ref_seq', greatest((SELECT count(*) FROM consult_request), 1))`);
    const ti = performance.now();
    for (const ix of dropped) await c.query(ix.def);
    timings.push({ step: `(${dropped.length} indexes rebuilt)`, rows: 0, ms: Math.round(performance.now() - ti) });
    opts.log(`  ${dropped.length} secondary indexes built again in ${since(ti)}`);
    await c.query('SET session_replication_role = DEFAULT').catch(() => undefined);
    const tv = performance.now();
    await c.query(`VACUUM (ANALYZE) app_user, membership, practitioner, ${BULK_TABLES.join(', ')}`);
    timings.push({ step: '(vacuum analyze)', rows: 0, ms: Math.round(performance.now() - tv) });
    opts.log(`  vacuum (analyze) in ${since(tv)}`);
  } finally {
    await c.query('DISCARD ALL').catch(() => undefined);
    c.release();
  }
  const counts: Record<string, number> = {};
  for (const t of [
    'facility',
    'bridge_site',
    'support_link',
    'practitioner',
    ...TABLES.filter((x) => x !== 'practitioner'),
    'consult_assignment',
    'consult_message',
  ]) {
    const { rows } = await db.query<{ n: string }>(`SELECT reltuples::bigint AS n FROM pg_class WHERE oid = $1::regclass`, [t]);
    counts[t] = Number(rows[0]?.n ?? 0);
  }
  return { timings, counts, fkChecksSkipped, totalMs: performance.now() - t0 };
}
