import type { Queryable } from '../../packages/server/src/db/db.js';
import { explainStatement, stats, timeCases, type Case, type PlanSummary, type Stats } from './measure.js';
import type { ScenarioDef } from './scenarios.js';

export interface ScenarioResult {
  key: string;
  title: string;
  source: string;
  stats: Stats;
  /** This scenario's percentiles over the primary-key lookup's, measured in the same run. */
  ratioToPk: { p50: number; p95: number; p99: number };
  slowest: { label: string; ms: number; plans: PlanSummary[] };
  /** Inputs whose plan (plain EXPLAIN) reads a large table sequentially, which tables, and a few such inputs. */
  seqScan: { cases: number; tables: string[]; examples: string[] };
  /** Every input with its time, slowest first: which kinds of input are slow. */
  samples: { label: string; ms: number }[];
}

const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 1e-6)) * 10) / 10;

/** Warms up, then times the baseline (primary-key lookups); returns each lookup's time in ms. */
export async function measureBaseline(q: Queryable, baseline: { cases: Case[]; warmup: Case[] }): Promise<number[]> {
  await timeCases(q, baseline.warmup);
  return timeCases(q, baseline.cases);
}

/** Which large tables each distinct statement of the cases scans sequentially (plans only, nothing executed). */
async function seqScans(q: Queryable, cases: Case[]): Promise<ScenarioResult['seqScan']> {
  const memo = new Map<string, string[]>();
  const tables = new Set<string>();
  const examples: string[] = [];
  for (const c of cases) {
    let found = false;
    for (const s of c.statements) {
      const key = JSON.stringify([s.sql, s.params]);
      let seq = memo.get(key);
      if (!seq) memo.set(key, (seq = (await explainStatement(q, s, false)).seqScans));
      seq.forEach((t) => tables.add(t));
      found ||= seq.length > 0;
    }
    if (found) examples.push(c.label);
  }
  return { cases: examples.length, tables: [...tables].sort(), examples: examples.slice(0, 5) };
}

/**
 * Measures one scenario: its warm-up inputs once, then each measured input once in order; EXPLAIN (ANALYZE,
 * BUFFERS) of the slowest input's statements, and a plan-only check of every input for sequential scans.
 */
export async function measureScenario(q: Queryable, def: ScenarioDef, pk: Stats): Promise<ScenarioResult> {
  await timeCases(q, def.warmup);
  const times = await timeCases(q, def.cases);
  const s = stats(times);
  const worst = times.indexOf(Math.max(...times));
  const slowCase = def.cases[worst]!;
  const plans: PlanSummary[] = [];
  for (const st of slowCase.statements) plans.push(await explainStatement(q, st, true));
  return {
    key: def.key,
    title: def.title,
    source: def.source,
    stats: s,
    ratioToPk: { p50: ratio(s.p50, pk.p50), p95: ratio(s.p95, pk.p95), p99: ratio(s.p99, pk.p99) },
    slowest: { label: slowCase.label, ms: Math.round(times[worst]! * 1000) / 1000, plans },
    seqScan: await seqScans(q, def.cases),
    samples: def.cases.map((c, i) => ({ label: c.label, ms: Math.round(times[i]! * 1000) / 1000 })).sort((a, b) => b.ms - a.ms),
  };
}
