// B4: a coordinator's triage queue for one hub and specialty, and the practitioner directory search, through the real
// API on the national data set (bench/national/), each request timed by the client, against the EXPLAIN ANALYZE time
// of the statements the same request sends, with every plan checked for sequential scans of large tables.
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import type { PractitionerQuery } from '@vuonxa/core';
import type { Queryable } from '../../packages/server/src/db/db.js';
import { consultListsRepo } from '../../packages/server/src/features/consults/consult-lists.repo.js';
import { practitionersRepo } from '../../packages/server/src/features/practitioners/practitioners.repo.js';
import { openBenchDb } from '../lib/bench-db.js';
import { createRng } from '../lib/prng.js';
import { directoryInputs, loadPools } from '../lookups/inputs.js';
import { stats, summarisePlan, type PlanSummary, type Stats, type Statement } from '../lookups/measure.js';
import { generateNational, type NationalResult } from '../national/generate.js';
import { insertSession } from './api.js';
import { createDatabase, dropDatabase, freePort, postgresGone, redact, startAppServer } from './app-server.js';
import { int } from './report.js';
import type { Scenario, SuiteContext, SummaryRow } from './types.js';

const BAR_MS = 20;
const QUEUE_STATES = `('submitted', 'forwarded', 'in_triage')`;
/** A table this large read by a Seq Scan is a finding (the national set's small tables, e.g. province, are not). */
const LARGE_ROWS = 10_000;

interface Input {
  label: string;
  path: string;
  cookie: string;
  /** The repository call the route makes, to record its statements for EXPLAIN. */
  call: (q: Queryable) => Promise<unknown>;
}
interface Measured {
  key: string;
  title: string;
  http: Stats;
  explain: Stats;
  rows: Stats;
  seqScans: Record<string, number>;
  slowest: { label: string; ms: number; plan: string[] }[];
  /** The first input planned with a Seq Scan of a large table, with its plan. */
  seqExample: { label: string; plan: string[] } | null;
  /** Every input with its API and EXPLAIN times (ms), for the JSON. */
  inputs: { label: string; ms: number; explainMs: number }[];
}

/** One keep-alive connection, one request at a time: the latency a user sees, without the load of other users. */
function getter(base: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(base);
  return (p: string, cookie: string) =>
    new Promise<{ ms: number; status: number; body: string }>((resolve, reject) => {
      const t0 = performance.now();
      const req = http.get({ host: url.hostname, port: url.port, path: p, agent, headers: { cookie } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.on('error', reject);
    });
}

/** Runs `call` on the real database and records what it sent (the statements EXPLAIN then analyses). */
async function recordStatements(c: pg.Client, call: (q: Queryable) => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const q: Queryable = {
    query: (sql: string, params?: unknown[]) => {
      seen.push({ sql, params: params ?? [] });
      return c.query(sql, params) as never;
    },
  };
  await call(q);
  return seen;
}

async function explainAll(c: pg.Client, statements: Statement[], large: Set<string>) {
  let ms = 0;
  const lines: string[] = [];
  const seq = new Set<string>();
  for (const s of statements) {
    const { rows } = await c.query<{ 'QUERY PLAN': Parameters<typeof summarisePlan>[0][] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.sql}`,
      s.params,
    );
    const plan: PlanSummary = summarisePlan(rows[0]!['QUERY PLAN'][0]!);
    ms += (plan.planningMs ?? 0) + (plan.executionMs ?? 0);
    lines.push(...plan.lines, `Planning ${plan.planningMs?.toFixed(2)} ms, execution ${plan.executionMs?.toFixed(2)} ms`);
    for (const line of plan.lines) {
      const m = /Seq Scan\s+on (\w+)/.exec(line);
      if (m && large.has(m[1]!)) seq.add(m[1]!);
    }
  }
  return { ms, lines, seq: [...seq] };
}

async function measure(
  ctx: SuiteContext,
  c: pg.Client,
  get: ReturnType<typeof getter>,
  key: string,
  title: string,
  inputs: Input[],
  warmup: Input[],
  large: Set<string>,
  count: (body: string) => number,
): Promise<Measured> {
  for (const i of warmup) await get(i.path, i.cookie);
  const httpMs: number[] = [];
  const explainMs: number[] = [];
  const rowCounts: number[] = [];
  const seqScans: Record<string, number> = {};
  const all: { label: string; ms: number; explainMs: number; plan: string[] }[] = [];
  let seqExample: { label: string; plan: string[] } | null = null;
  // First every input's API request, one after the other (nothing else in this process between them: the bench's own
  // work on the EXPLAIN output would show up as the API's latency), then every input's EXPLAIN ANALYZE of the
  // statements the same repository call sends (same data, warm).
  const answers: { ms: number; body: string }[] = [];
  for (const i of inputs) {
    const r = await get(i.path, i.cookie);
    if (r.status !== 200) throw new Error(`${key}: GET ${i.path} answered ${r.status}: ${r.body.slice(0, 300)}`);
    answers.push({ ms: r.ms, body: r.body });
  }
  for (const [k, i] of inputs.entries()) {
    const r = answers[k]!;
    httpMs.push(r.ms);
    rowCounts.push(count(r.body));
    const e = await explainAll(c, await recordStatements(c, i.call), large);
    explainMs.push(e.ms);
    for (const t of e.seq) seqScans[t] = (seqScans[t] ?? 0) + 1;
    if (e.seq.length && !seqExample) seqExample = { label: i.label, plan: e.lines };
    all.push({ label: i.label, ms: r.ms, explainMs: e.ms, plan: e.lines });
  }
  ctx.log(
    `  ${key}: ${inputs.length} inputs, http p99 ${stats(httpMs).p99.toFixed(1)} ms, EXPLAIN p99 ${stats(explainMs).p99.toFixed(1)} ms`,
  );
  return {
    key,
    title,
    http: stats(httpMs),
    explain: stats(explainMs),
    rows: stats(rowCounts),
    seqScans,
    inputs: all.map(({ label, ms, explainMs }) => ({
      label,
      ms: Math.round(ms * 100) / 100,
      explainMs: Math.round(explainMs * 100) / 100,
    })),
    slowest: [...all].sort((a, b) => b.ms - a.ms).slice(0, 3),
    seqExample,
  };
}

/** The national data set: reused from `--national <dir>` when it holds one, else generated (and kept there if named). */
async function nationalData(ctx: SuiteContext) {
  const o = ctx.options;
  const t0 = performance.now();
  if (ctx.databaseUrl) {
    const name = `vx_bench_national_${Date.now()}`;
    const url = await createDatabase(ctx.databaseUrl, name);
    const b = await openBenchDb({ databaseUrl: url, dataDir: '', port: 0, poolSize: 2 });
    try {
      const generated = await generateNational(b.db, { scale: o.scale, seed: 42, log: ctx.log });
      return {
        databaseUrl: url,
        dataDir: path.join(ctx.tmpRoot, 'national-app'),
        generated,
        seconds: (performance.now() - t0) / 1000,
        drop: name,
      };
    } finally {
      await b.close();
    }
  }
  const dataDir = path.resolve(o.national ?? path.join(ctx.tmpRoot, 'national'));
  if (existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    ctx.log(`  reusing the national data set in ${path.relative(ctx.root, dataDir)}`);
    return { databaseUrl: undefined, dataDir, generated: null, seconds: 0, drop: null };
  }
  const b = await openBenchDb({ dataDir, port: await freePort(), poolSize: 2 });
  let generated: NationalResult;
  try {
    generated = await generateNational(b.db, { scale: o.scale, seed: 42, log: ctx.log });
  } finally {
    await b.close();
  }
  await postgresGone(dataDir);
  return { databaseUrl: undefined, dataDir, generated, seconds: (performance.now() - t0) / 1000, drop: null };
}

export const b4: Scenario = {
  id: 'B4',
  title: 'coordinator queue for one hub and specialty, and directory search, at national scale',
  bar: `p99 ≤ ${BAR_MS} ms (against the same statements' EXPLAIN ANALYZE time); no sequential scan of a large table`,
  needsServer: false,
  async run(ctx) {
    const data = await nationalData(ctx);
    const app = await startAppServer({
      root: ctx.root,
      dataDir: data.dataDir,
      databaseUrl: data.databaseUrl,
      env: { DEMO_SEED: '0' },
      timeoutMs: 600_000,
      onWarn: (l) => ctx.log(`  server: ${l}`),
    });
    ctx.log(`  app server on the national data ready in ${(app.readyMs / 1000).toFixed(1)} s`);
    const c = new pg.Client({ connectionString: app.databaseUrl });
    await c.connect();
    try {
      const counts = Object.fromEntries(
        (
          await c.query<{ t: string; n: string }>(
            `SELECT relname AS t, reltuples::bigint AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
          )
        ).rows.map((r) => [r.t, Number(r.n)]),
      );
      const large = new Set(
        Object.entries(counts)
          .filter(([, n]) => n >= LARGE_ROWS)
          .map(([t]) => t),
      );
      if ((counts.consult_request ?? 0) < 1000)
        throw new Error('the national data set has no requests: generate it (npm run generate:national)');
      const rng = createRng(42, 'b4');
      const n = Math.max(100, Math.round(300 * Math.min(1, ctx.options.rounds / 2)));

      // Queue inputs: the 20 busiest (hub, specialty) queues and random others, each read by one of the hub's coordinators.
      const { rows: queues } = await c.query<{ hub: string; specialty: string; n: number; coord: string }>(
        `SELECT q.hub, q.specialty, q.n, (SELECT m.user_id FROM membership m WHERE m.facility_id = q.hub AND m.role = 'coordinator'
                 ORDER BY m.user_id LIMIT 1) AS coord
           FROM (SELECT target_hub_id AS hub, specialty, count(*)::int AS n FROM consult_request
                  WHERE state IN ${QUEUE_STATES} AND target_hub_id IS NOT NULL GROUP BY 1, 2) q ORDER BY q.n DESC, q.hub, q.specialty`,
      );
      const withCoord = queues.filter((q) => q.coord);
      const cookies = new Map<string, string>();
      const cookieOf = async (user: string, facility: string) => {
        const k = `${user}/${facility}`;
        if (!cookies.has(k)) cookies.set(k, await insertSession(c, user, facility));
        return cookies.get(k)!;
      };
      const queueInput = async (q: (typeof withCoord)[number]): Promise<Input> => ({
        label: `hub ${q.hub.slice(0, 8)} · ${q.specialty} (${q.n} waiting)`,
        path: `/api/consults/queue?hubId=${q.hub}&specialty=${q.specialty}`,
        cookie: await cookieOf(q.coord, q.hub),
        call: (db) =>
          Promise.all([
            consultListsRepo.queue(db, q.coord, { hubId: q.hub, specialty: q.specialty, limit: 50 }),
            consultListsRepo.queueCounts(db, q.hub, q.specialty, new Date()),
          ]),
      });
      const busiest = withCoord.slice(0, 20);
      const picked = [...busiest, ...Array.from({ length: n - busiest.length }, () => rng.pick(withCoord))];
      const queueInputs = await Promise.all(picked.map(queueInput));
      const queueWarm = await Promise.all(Array.from({ length: 30 }, () => queueInput(rng.pick(withCoord))));

      // Directory inputs: names as people type them, with specialty/province/language filters (bench/lookups/inputs.ts).
      const pools = await loadPools(c, 42);
      const someone = withCoord[0]!;
      const dirCookie = await cookieOf(someone.coord, someone.hub);
      const qs = (i: PractitionerQuery) =>
        new URLSearchParams(Object.entries(i).map(([k, v]) => [k, String(v)] as [string, string])).toString();
      const dirInput = (i: PractitionerQuery): Input => ({
        label: JSON.stringify(i),
        path: `/api/practitioners?${qs(i)}`,
        cookie: dirCookie,
        call: (db) => practitionersRepo.search(db, i),
      });
      const dirInputs = directoryInputs(createRng(42, 'b4-dir'), pools, n).map(dirInput);
      const dirWarm = directoryInputs(createRng(42, 'b4-dir-warm'), pools, 30).map(dirInput);

      const get = getter(app.url);
      const results = [
        await measure(
          ctx,
          c,
          get,
          'queue',
          'Triage queue of one hub and specialty (first page of 50, with the counts)',
          queueInputs,
          queueWarm,
          large,
          (b) => (JSON.parse(b) as { items: unknown[] }).items.length,
        ),
        await measure(
          ctx,
          c,
          get,
          'directory',
          'Directory search (name fragment + specialty/province/language, page of 50)',
          dirInputs,
          dirWarm,
          large,
          (b) => (JSON.parse(b) as { items: unknown[] }).items.length,
        ),
      ];

      const rows: SummaryRow[] = results.map((r) => {
        const seq = Object.entries(r.seqScans);
        const pass = r.http.p99 <= BAR_MS && seq.length === 0;
        const why = [
          r.http.p99 > BAR_MS ? `p99 ${r.http.p99.toFixed(1)} ms; slowest ${r.slowest[0]?.label}` : '',
          seq.length ? `Seq Scan on ${seq.map(([t, k]) => `${t} (${k} inputs)`).join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ');
        return {
          scenario: 'B4',
          measure: `${r.title}: p99 over ${r.http.n} inputs`,
          measured: `${r.http.p99.toFixed(1)} ms (p50 ${r.http.p50.toFixed(1)})`,
          baseline: `EXPLAIN ${r.explain.p99.toFixed(1)} ms (p50 ${r.explain.p50.toFixed(1)})`,
          value: `${r.http.p99.toFixed(1)} ms, ×${(r.http.p99 / Math.max(0.01, r.explain.p99)).toFixed(1)} of EXPLAIN; seq scans: ${seq.length ? seq.map(([t]) => t).join(', ') : 'none'}`,
          bar: `≤ ${BAR_MS} ms; no Seq Scan`,
          verdict: pass ? 'PASS' : 'MISS',
          ...(why ? { why } : {}),
        };
      });

      const big = ['facility', 'bridge_site', 'practitioner', 'patient', 'consult_request', 'consult_event', 'consult_message']
        .map((t) => `${t} ${int(counts[t] ?? 0)}`)
        .join(', ');
      const md: string[] = [
        `Data: ${big} (row estimates from \`pg_class\`)${data.generated ? `, generated in this run in ${data.seconds.toFixed(0)} s at scale ${ctx.options.scale}${data.generated.fkChecksSkipped ? '' : ' (foreign keys checked row by row: not a superuser)'}` : `, reused from \`${path.relative(ctx.root, data.dataDir)}\``}${data.databaseUrl ? ` on ${redact(data.databaseUrl)}` : ''}. ` +
          `The app server runs on it (\`DEMO_SEED=0\`); sessions of the hubs' coordinators are written as sign-in would.`,
        '',
        'Each input: the API request (one keep-alive connection, one request at a time, all inputs in a row, client wall time: session, rights, ' +
          'the query, the audit row, serialisation), then, once all have run, `EXPLAIN (ANALYZE, BUFFERS)` of the statements the same repository ' +
          'call sends (recorded on the same data; planning + execution, summed over the statements). A Seq Scan on a table of ' +
          `≥ ${int(LARGE_ROWS)} rows in any plan is reported. Queue inputs: the 20 busiest (hub, specialty) queues, then random ` +
          "ones, each read by one of that hub's coordinators. Directory inputs: names or parts of names as typed (with or without " +
          'diacritics, licence numbers), 35% with a specialty, 35% with a province, 12% with a language (`bench/lookups/inputs.ts`).',
        '',
        '| scenario | inputs | rows p50 / max | API p50 ms | p95 | p99 | max | EXPLAIN p50 ms | p99 | API − EXPLAIN p50 | seq scans |',
        '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
        ...results.map(
          (r) =>
            `| ${r.title} | ${r.http.n} | ${r.rows.p50} / ${r.rows.max} | ${r.http.p50.toFixed(2)} | ${r.http.p95.toFixed(2)} | ${r.http.p99.toFixed(2)} | ${r.http.max.toFixed(2)} | ` +
            `${r.explain.p50.toFixed(2)} | ${r.explain.p99.toFixed(2)} | ${(r.http.p50 - r.explain.p50).toFixed(2)} | ${
              Object.entries(r.seqScans)
                .map(([t, k]) => `${t} (${k})`)
                .join(', ') || 'none'
            } |`,
        ),
      ];
      for (const r of results) {
        md.push('', `Slowest input of "${r.title}": ${r.slowest[0]?.label} (${r.slowest[0]?.ms.toFixed(1)} ms); its plan:`, '', '```');
        md.push(...(r.slowest[0]?.plan ?? []), '```');
        if (r.seqExample) md.push('', `Planned with a Seq Scan, e.g. ${r.seqExample.label}:`, '', '```', ...r.seqExample.plan, '```');
      }
      if (data.generated) {
        md.push(
          '',
          'Generation (`bench/national/generate.ts`, one set-based statement a step):',
          '',
          '| step | rows | s |',
          '|---|--:|--:|',
        );
        md.push(...data.generated.timings.map((t) => `| ${t.step} | ${int(t.rows)} | ${(t.ms / 1000).toFixed(1)} |`));
      }
      return { rows, markdown: md, details: { results, counts, generated: data.generated, dataSeconds: data.seconds } };
    } finally {
      await c.end();
      await app.stop();
      if (!data.databaseUrl) await postgresGone(data.dataDir);
      if (data.drop && !ctx.options.keep && ctx.databaseUrl) await dropDatabase(ctx.databaseUrl, data.drop);
    }
  },
};
