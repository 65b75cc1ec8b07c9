import type { Queryable } from '../../packages/server/src/db/db.js';
import { explainStatement, stats, timeCases, type Case, type Stats } from '../lookups/measure.js';
import type { DbResult } from './report.js';
import type { DbScenario } from './scenarios.js';

/** Tables whose sequential scan in a list query means it grows with the network's history. */
const BIG_TABLES = new Set([
  'consult_request',
  'consult_assignment',
  'consult_message',
  'consult_read',
  'patient',
  'patient_facility',
  'app_user',
  'membership',
  'facility',
]);

const round = (x: number) => Math.round(x * 1000) / 1000;
const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 1e-6)) * 10) / 10;

/** Warms up, then times the baseline's inputs; returns each one's time in ms. */
export async function measureBaseline(q: Queryable, b: { cases: Case[]; warmup: Case[] }): Promise<number[]> {
  await timeCases(q, b.warmup);
  return timeCases(q, b.cases);
}

/** Large tables a statement list reads with a Seq Scan (plain EXPLAIN: planned, not run). */
async function seqScanned(q: Queryable, c: Case, memo: Map<string, string[]>): Promise<string[]> {
  const found: string[] = [];
  for (const s of c.statements) {
    const key = JSON.stringify([s.sql, s.params]);
    let tables = memo.get(key);
    if (!tables) {
      const plan = await explainStatement(q, s, false);
      tables = plan.lines.flatMap((l) => [...l.matchAll(/Seq Scan\s+on (\w+)/g)].map((m) => m[1]!)).filter((t) => BIG_TABLES.has(t));
      memo.set(key, tables);
    }
    found.push(...tables);
  }
  return found;
}

/**
 * One scenario: its warm-up inputs, then each measured input once in order, through the pool as the server calls
 * its repositories; then a plan-only check of every input for sequential scans of the large tables.
 */
export async function measureScenario(q: Queryable, def: DbScenario, pk: Stats): Promise<DbResult> {
  for (const c of def.warmup) await c.run(q);
  const times: number[] = [];
  let rows = 0;
  for (const c of def.cases) {
    const t0 = performance.now();
    const r = await c.run(q);
    times.push(performance.now() - t0);
    rows += Array.isArray(r) ? r.length : 0;
  }
  const s = stats(times);
  const memo = new Map<string, string[]>();
  const tables = new Set<string>();
  let cases = 0;
  for (const c of def.cases) {
    const t = await seqScanned(q, c, memo);
    t.forEach((x) => tables.add(x));
    if (t.length) cases++;
  }
  const slowest = def.cases
    .map((c, i) => ({ label: c.label, ms: round(times[i]!) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  return {
    key: def.key,
    title: def.title,
    source: def.source,
    stats: s,
    ratio: { p50: ratio(s.p50, pk.p50), p95: ratio(s.p95, pk.p95), p99: ratio(s.p99, pk.p99) },
    meanRows: rows / Math.max(1, def.cases.length),
    slowest,
    seqScan: { tables: [...tables].sort(), cases },
    samplesMs: times.map(round),
  };
}

/** Sets the ratios against the baseline of the whole run (before and after the scenarios). */
export function rebase(results: DbResult[], pk: Stats): void {
  for (const r of results) r.ratio = { p50: ratio(r.stats.p50, pk.p50), p95: ratio(r.stats.p95, pk.p95), p99: ratio(r.stats.p99, pk.p99) };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the scenario's slowest measured input. */
export async function explainSlowest(q: Queryable, def: DbScenario, r: DbResult): Promise<NonNullable<DbResult['plan']>> {
  const worst = r.samplesMs.indexOf(Math.max(...r.samplesMs));
  const c = def.cases[worst]!;
  const summaries = [];
  for (const st of c.statements) summaries.push(await explainStatement(q, st, true));
  return { label: c.label, ms: r.samplesMs[worst]!, sql: c.statements.map((st) => st.sql).join(';\n'), summaries };
}
