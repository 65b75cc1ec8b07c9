// `npm run bench:consult -- [--requests 100000] [--hubs 60] [--spokes 3000] [--samples 300] [--warmup 50]`: generates a
// consultation network and times the triage queue, the lists and the report's signing and PDF against baselines
// measured in the same run (see bench/README.md).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { numberOption } from './lib/args.js';
import { openBenchDb } from './lib/bench-db.js';
import { log, since } from './lib/log.js';
import { stats } from './lookups/measure.js';
import { measureCpu } from './consult/cpu.js';
import { assertEmpty, GENERATED_TABLES, generateConsults, type ConsultShape, type TableTiming } from './consult/generate.js';
import { isFlagged, writeReport, type ConsultReport, type DbResult } from './consult/report.js';
import { explainSlowest, measureBaseline, measureScenario, rebase } from './consult/run.js';
import { buildScenarios, PAGE, PK_SQL } from './consult/scenarios.js';

const P99_LIMIT_MS = 50;
const { values } = parseArgs({
  options: {
    requests: { type: 'string' },
    hubs: { type: 'string' },
    spokes: { type: 'string' },
    seed: { type: 'string' },
    samples: { type: 'string' },
    warmup: { type: 'string' },
    reuse: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const shape: ConsultShape = {
  requests: Math.floor(numberOption(values.requests, 'requests', 100_000)),
  hubs: Math.floor(numberOption(values.hubs, 'hubs', 60)),
  spokes: Math.floor(numberOption(values.spokes, 'spokes', 3000)),
  seed: Math.floor(numberOption(values.seed, 'seed', 42)),
};
const n = Math.floor(numberOption(values.samples, 'samples', 300));
const warm = Math.floor(numberOption(values.warmup, 'warmup', 50));
const outDir = values.out ?? path.join(import.meta.dirname, 'results');
const databaseUrl = process.env.DATABASE_URL || undefined;

// Without DATABASE_URL or --reuse: a throwaway cluster under bench/results/tmp (git-ignored), removed at the end.
let throwaway: string | undefined;
if (!databaseUrl && !values.reuse) {
  const tmpRoot = path.join(import.meta.dirname, 'results', 'tmp');
  await mkdir(tmpRoot, { recursive: true });
  throwaway = await mkdtemp(path.join(tmpRoot, 'consult-'));
}
const loadAtStart = os.loadavg()[0] ?? 0;
const t0 = performance.now();
const bench = await openBenchDb({
  databaseUrl,
  dataDir: values.reuse ?? throwaway ?? os.tmpdir(),
  // Not the registry bench's port: both can run side by side.
  port: Number(process.env.EMBEDDED_PG_PORT || 54341),
  poolSize: 2,
});
log(`Database: ${bench.where} (ready in ${since(t0)})`);
try {
  const { db } = bench;
  // A database this bench generated before (`--reuse`, `--keep`): measure it as it is.
  const existing = (
    await db.query<{ consults: string; bench: boolean }>(
      `SELECT (SELECT count(*) FROM consult_request) AS consults,
              NOT EXISTS (SELECT 1 FROM app_user WHERE email NOT LIKE '%@bench.invalid') AS bench`,
    )
  ).rows[0]!;
  let generation: TableTiming[] = [];
  let generationMs = 0;
  if (Number(existing.consults) > 0 && existing.bench) {
    log(
      `Using the ${Number(existing.consults).toLocaleString('en-US')} requests already there (no generation; --requests/--hubs/--spokes ignored).`,
    );
    const c = await db.query<{ hubs: string; spokes: string }>(
      `SELECT count(*) FILTER (WHERE code LIKE 'VXB-H%') AS hubs, count(*) FILTER (WHERE code LIKE 'VXB-S%') AS spokes FROM facility`,
    );
    Object.assign(shape, { requests: Number(existing.consults), hubs: Number(c.rows[0]!.hubs), spokes: Number(c.rows[0]!.spokes) });
  } else {
    await assertEmpty(db);
    log(`Generating ${shape.hubs} hubs, ${shape.spokes} spokes, ${shape.requests.toLocaleString('en-US')} requests (seed ${shape.seed})…`);
    const tg = performance.now();
    generation = await generateConsults(db, shape, log);
    generationMs = Math.round(performance.now() - tg);
    log(`Generated in ${since(tg)}`);
  }
  const rows: Record<string, number> = {};
  for (const t of GENERATED_TABLES) rows[t] = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n);
  const states = Object.fromEntries(
    (await db.query<{ state: string; n: string }>('SELECT state, count(*) AS n FROM consult_request GROUP BY 1 ORDER BY 2 DESC')).rows.map(
      (r) => [r.state, Number(r.n)],
    ),
  );

  const t1 = performance.now();
  const { scenarios, baseline, busy } = await buildScenarios(db, shape.seed, n, warm, new Date());
  log(`Inputs ready in ${since(t1)}; measuring ${scenarios.length} DB scenarios × ${n} inputs (+${warm} warm-up)`);
  const before = await measureBaseline(db, baseline.before);
  log(`  baseline (before)     p50 ${stats(before).p50} ms  p99 ${stats(before).p99}`);
  const results: DbResult[] = [];
  for (const def of scenarios) {
    const r = await measureScenario(db, def, stats(before));
    results.push(r);
    log(`  ${def.key.padEnd(20)}  p50 ${r.stats.p50} ms  p95 ${r.stats.p95}  p99 ${r.stats.p99}  rows ${r.meanRows.toFixed(0)}`);
  }
  const after = await measureBaseline(db, baseline.after);
  const pk = stats([...before, ...after]);
  rebase(results, pk);
  log(`  baseline (all)        p50 ${pk.p50} ms  p95 ${pk.p95}  p99 ${pk.p99}`);

  // The plan of the slowest scenario's slowest input, and of every flagged scenario's.
  const slowest = results.reduce((a, b) => (b.stats.p99 > a.stats.p99 ? b : a));
  for (const r of results)
    if (r === slowest || isFlagged(r, P99_LIMIT_MS))
      r.plan = await explainSlowest(
        db,
        scenarios.find((s) => s.key === r.key)!,
        r,
      );

  log(`Measuring CPU-only operations (${n} samples each, +${warm} warm-up)…`);
  const cpu = await measureCpu(n, warm);
  for (const c of cpu.results)
    log(`  ${c.key.padEnd(20)}  p50 ${c.stats.p50} ms  p99 ${c.stats.p99}  ×${c.ratio.p50} p50 / ×${c.ratio.p99} p99 vs ${c.baseline}`);

  const version = (await db.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
  const report: ConsultReport = {
    date: new Date().toISOString().slice(0, 10),
    environment: {
      database: bench.where,
      postgres: version.split(' on ')[0] ?? version,
      node: process.versions.node,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    },
    dataset: { shape, generated: generation.length > 0, generationMs, rows, generation, states },
    busyHubs: busy,
    protocol: { inputsPerScenario: n, warmupInputs: warm, p99LimitMs: P99_LIMIT_MS, pageSize: PAGE },
    baseline: { sql: PK_SQL, stats: pk, before: stats(before), after: stats(after) },
    db: results,
    cpu,
    totalSeconds: (performance.now() - t0) / 1000,
  };
  for (const f of await writeReport(outDir, report)) log(`Wrote ${path.relative(process.cwd(), f)}`);

  log(`\nSummary (× = ratio to the baseline's percentile; DB baseline: primary-key lookup p50 ${pk.p50} ms, p99 ${pk.p99} ms)`);
  for (const r of results)
    log(
      `  ${r.title.padEnd(58)} p50 ${String(r.stats.p50).padStart(7)} ms ×${String(r.ratio.p50).padEnd(6)} p99 ${String(r.stats.p99).padStart(7)} ms ×${r.ratio.p99}` +
        (isFlagged(r, P99_LIMIT_MS) ? `  ⚠ p99 > ${P99_LIMIT_MS} ms` : ''),
    );
  for (const c of cpu.results)
    log(
      `  ${c.title.padEnd(58)} p50 ${String(c.stats.p50).padStart(7)} ms ×${String(c.ratio.p50).padEnd(6)} p99 ${String(c.stats.p99).padStart(7)} ms ×${c.ratio.p99}`,
    );
  const flagged = results.filter((r) => isFlagged(r, P99_LIMIT_MS));
  log(
    flagged.length
      ? `Flagged (p99 > ${P99_LIMIT_MS} ms): ${flagged.map((r) => r.key).join(', ')}; plans in the .md report.`
      : `No DB scenario over ${P99_LIMIT_MS} ms at p99; slowest: ${slowest.key} (plan in the .md report).`,
  );
} finally {
  await bench.close();
  if (throwaway && !values.keep) await rm(throwaway, { recursive: true, force: true });
  else if (throwaway) log(`Kept the data in ${throwaway} (reuse it with --reuse ${path.relative(process.cwd(), throwaway)})`);
}
