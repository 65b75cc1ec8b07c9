// `npm run bench:registry -- [--reuse <data dir>] [--scale 1] [--seed 42] [--inputs 300]`: times the registry
// lookups at national scale against a primary-key baseline measured in the same run (see bench/README.md).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { numberOption } from './lib/args.js';
import { openBenchDb } from './lib/bench-db.js';
import { log, since } from './lib/log.js';
import { EXPERIMENTS } from './lookups/experiments.js';
import { loadPools } from './lookups/inputs.js';
import { stats } from './lookups/measure.js';
import { writeReport, type BenchReport } from './lookups/report.js';
import { runExperiment, type ExperimentResult } from './lookups/run-experiment.js';
import { measureBaseline, measureScenario, type ScenarioResult } from './lookups/run.js';
import { buildScenarios } from './lookups/scenarios.js';
import { generateRegistry } from './registry/generate.js';
import { REGISTRY_TABLES } from './registry/registry.writer.js';

const P99_LIMIT_MS = 20;
const { values } = parseArgs({
  options: {
    reuse: { type: 'string' },
    scale: { type: 'string' },
    seed: { type: 'string' },
    inputs: { type: 'string' },
    warmup: { type: 'string' },
    out: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'skip-experiments': { type: 'boolean', default: false },
  },
});
const seed = Math.floor(numberOption(values.seed, 'seed', 42));
const scale = numberOption(values.scale, 'scale', 1);
const n = Math.floor(numberOption(values.inputs, 'inputs', 300));
const warm = Math.floor(numberOption(values.warmup, 'warmup', 50));
const outDir = values.out ?? path.join(import.meta.dirname, 'results');
const databaseUrl = process.env.DATABASE_URL || undefined;

// Without DATABASE_URL or --reuse: a throwaway cluster under bench/results/tmp (git-ignored), removed at the end.
let throwaway: string | undefined;
if (!databaseUrl && !values.reuse) {
  const tmpRoot = path.join(import.meta.dirname, 'results', 'tmp');
  await mkdir(tmpRoot, { recursive: true });
  throwaway = await mkdtemp(path.join(tmpRoot, 'registry-'));
}
const loadAtStart = os.loadavg()[0] ?? 0;
const t0 = performance.now();
const bench = await openBenchDb({
  databaseUrl,
  dataDir: values.reuse ?? throwaway ?? os.tmpdir(),
  port: Number(process.env.EMBEDDED_PG_PORT || 54340),
  // As the server: repos get the pool, and the overview's statements run in parallel on their own connections.
  poolSize: 10,
});
log(`Database: ${bench.where} (ready in ${since(t0)})`);
try {
  const { db } = bench;
  const existing = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM facility')).rows[0]?.n ?? 0);
  const generation = existing === 0 ? await generateRegistry(db, { scale, seed, log }) : [];
  if (existing > 0) log(`Using the ${existing.toLocaleString('en-US')} facilities already there (no generation).`);

  const rows: Record<string, number> = {};
  for (const t of [...REGISTRY_TABLES].reverse())
    rows[t] = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t}`)).rows[0]?.n);
  // Measured through the pool, as the server calls its repos.
  {
    const t1 = performance.now();
    const pools = await loadPools(db, seed);
    const { scenarios, baseline } = await buildScenarios(db, pools, seed, n, warm);
    log(`Inputs ready in ${since(t1)}; measuring ${scenarios.length} scenarios × ${n} inputs`);
    const before = await measureBaseline(db, baseline);
    const results: ScenarioResult[] = [];
    const pkSoFar = stats(before);
    for (const def of scenarios) {
      const r = await measureScenario(db, def, pkSoFar);
      results.push(r);
      log(
        `  ${def.key.padEnd(18)} p50 ${r.stats.p50} ms  p95 ${r.stats.p95}  p99 ${r.stats.p99}  max ${r.stats.max}  seq scans: ${r.seqScan.tables.join(', ') || 'none'}`,
      );
    }
    const after = await measureBaseline(db, baseline);
    const pk = stats([...before, ...after]);
    // Ratios against the baseline of the whole run (before and after the scenarios), not just the first half.
    for (const r of results)
      r.ratioToPk = {
        p50: Math.round((r.stats.p50 / pk.p50) * 10) / 10,
        p95: Math.round((r.stats.p95 / pk.p95) * 10) / 10,
        p99: Math.round((r.stats.p99 / pk.p99) * 10) / 10,
      };
    log(`  primary-key baseline p50 ${pk.p50} ms  p95 ${pk.p95}  p99 ${pk.p99}`);

    const experiments: ExperimentResult[] = [];
    // Each experiment holds one connection: its DDL lives in a transaction that is rolled back.
    const client = await db.pool.connect();
    try {
      for (const e of values['skip-experiments'] ? [] : EXPERIMENTS) {
        const def = scenarios.find((s) => s.key === e.scenario);
        if (!def) continue;
        const r = await runExperiment(client, e, def).catch((err: Error) => {
          // A failed experiment (SQL that no longer fits the repo's) must not lose the measurements.
          log(`  experiment ${e.key} failed: ${err.message}`);
          return undefined;
        });
        if (r === undefined) continue;
        if (!r) {
          log(`  experiment ${e.key}: does not apply to the scenario's current SQL; skipped`);
          continue;
        }
        experiments.push(r);
        log(`  experiment ${e.key}: p99 ${r.before.p99} → ${r.after.p99} ms (p50 ${r.before.p50} → ${r.after.p50})`);
      }
    } finally {
      client.release();
    }

    const version = (await db.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
    const report: BenchReport = {
      date: new Date().toISOString().slice(0, 10),
      environment: {
        database: bench.where,
        postgres: version.split(' on ')[0] ?? version,
        node: process.versions.node,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
      },
      dataset: { seed, generated: existing === 0, scale: existing === 0 ? scale : null, rows, generation },
      protocol: { inputsPerScenario: n, warmupInputs: warm, p99LimitMs: P99_LIMIT_MS },
      baseline: { sql: baseline.cases[0]!.statements[0]!.sql, stats: pk, before: stats(before), after: stats(after) },
      scenarios: results,
      experiments,
    };
    for (const f of await writeReport(outDir, report)) log(`Wrote ${path.relative(process.cwd(), f)}`);
  }
} finally {
  await bench.close();
  if (throwaway && !values.keep) await rm(throwaway, { recursive: true, force: true });
  else if (throwaway) log(`Kept the data in ${throwaway} (reuse it with --reuse ${path.relative(process.cwd(), throwaway)})`);
}
