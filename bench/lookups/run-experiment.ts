import type { Queryable } from '../../packages/server/src/db/db.js';
import type { Experiment } from './experiments.js';
import { explainStatement, stats, timeStatements, type PlanSummary, type Statement, type Stats } from './measure.js';
import type { ScenarioDef } from './scenarios.js';

export interface ExperimentResult {
  key: string;
  title: string;
  scenario: string;
  why: string;
  /** In short: "2 DDL + variant page-first", "rewrite". */
  change: string;
  ddl: string[];
  before: Stats;
  after: Stats;
  /** Inputs for which the changed query returned exactly the rows of the original (same order), of all inputs. */
  sameResults: { same: number; of: number };
  /** The slowest inputs after the change, with their times before and after. */
  slowestInputsAfter: { label: string; beforeMs: number; afterMs: number }[];
  /** EXPLAIN (ANALYZE, BUFFERS) after the change, of the input that was slowest before it. */
  slowestAfter: PlanSummary[];
}

/** Runs both lists of statements and tells whether every statement returned the same rows in the same order. */
async function sameRows(q: Queryable, a: Statement[], b: Statement[], ordered: boolean): Promise<boolean> {
  if (a.length !== b.length) return false;
  const key = (rows: unknown[]) => {
    const each = rows.map((r) => JSON.stringify(r));
    return JSON.stringify(ordered ? each : each.sort());
  };
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [await q.query(a[i]!.sql, a[i]!.params), await q.query(b[i]!.sql, b[i]!.params)];
    if (key(x.rows) !== key(y.rows)) return false;
  }
  return true;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * Times the original and the changed statements of each input back to back, alternating which goes first, so
 * that load from elsewhere on the machine hits both sides alike.
 */
async function timeInterleaved(q: Queryable, a: Statement[][], b: Statement[][]): Promise<[number[], number[]]> {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < a.length; i++) {
    for (const side of i % 2 === 0 ? ['a', 'b'] : ['b', 'a']) {
      const [t] = await timeStatements(q, [side === 'a' ? a[i]! : b[i]!]);
      (side === 'a' ? ta : tb)[i] = t!;
    }
  }
  return [ta, tb];
}

/**
 * Runs one experiment on the scenario's inputs: the statements as recorded (before), then inside a transaction,
 * with the DDL applied, the variant or rewritten statements (after), then ROLLBACK: the database is left as it was.
 */
export async function runExperiment(q: Queryable, e: Experiment, def: ScenarioDef): Promise<ExperimentResult | null> {
  const recorded = { cases: def.cases.map((c) => c.statements), warmup: def.warmup.map((c) => c.statements) };
  const rewrite = (lists: Statement[][]) => lists.map((l) => l.map((s) => ({ sql: e.rewrite!(s.sql), params: s.params })));
  const after = e.variant
    ? def.variant?.(e.variant)
    : e.rewrite
      ? { cases: rewrite(recorded.cases), warmup: rewrite(recorded.warmup) }
      : recorded;
  if (!after) return null;
  if (e.rewrite && after.cases.every((l, i) => l.every((s, j) => s.sql === recorded.cases[i]![j]!.sql))) return null;
  await q.query('BEGIN');
  try {
    for (const ddl of e.ddl ?? []) await q.query(ddl);
    await timeInterleaved(q, recorded.warmup, after.warmup);
    const [beforeTimes, afterTimes] = await timeInterleaved(q, recorded.cases, after.cases);
    const worst = beforeTimes.indexOf(Math.max(...beforeTimes));
    let same = 0;
    for (let i = 0; i < after.cases.length; i++) if (await sameRows(q, recorded.cases[i]!, after.cases[i]!, e.ordered ?? true)) same++;
    const slowestAfter: PlanSummary[] = [];
    for (const st of after.cases[worst] ?? []) slowestAfter.push(await explainStatement(q, st, true));
    return {
      key: e.key,
      title: e.title,
      scenario: e.scenario,
      why: e.why,
      change: [e.ddl?.length ? `${e.ddl.length} DDL` : '', e.variant ? `variant ${e.variant}` : '', e.rewrite ? 'rewrite' : '']
        .filter(Boolean)
        .join(' + '),
      ddl: (e.ddl ?? []).map((d) => d.replace(/\s+/g, ' ')),
      before: stats(beforeTimes),
      after: stats(afterTimes),
      sameResults: { same, of: after.cases.length },
      slowestInputsAfter: afterTimes
        .map((ms, i) => ({ label: def.cases[i]!.label, beforeMs: round(beforeTimes[i]!), afterMs: round(ms) }))
        .sort((a, b) => b.afterMs - a.afterMs)
        .slice(0, 10),
      slowestAfter,
    };
  } finally {
    await q.query('ROLLBACK');
  }
}
