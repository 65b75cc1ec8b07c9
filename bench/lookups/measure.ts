import type { Queryable } from '../../packages/server/src/db/db.js';

/** One SQL statement with its parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * One input of a scenario: the server function called with it (what is timed) and the statements it sends
 * (recorded beforehand, for EXPLAIN and for experiments that rewrite them).
 */
export interface Case {
  label: string;
  run: (q: Queryable) => Promise<unknown>;
  statements: Statement[];
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of durations in ms. */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: s.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(s.at(-1) ?? 0),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
  };
}

/**
 * Runs each case once, in order, and returns its wall time in ms as the server sees it (round trips, execution,
 * parsing, mapping).
 */
export async function timeCases(q: Queryable, cases: readonly Case[]): Promise<number[]> {
  const out: number[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    await c.run(q);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Sends each list of statements once, in order (one list per input), and returns each list's wall time in ms. */
export async function timeStatements(q: Queryable, lists: readonly Statement[][]): Promise<number[]> {
  const out: number[] = [];
  for (const list of lists) {
    const t0 = performance.now();
    for (const s of list) await q.query(s.sql, s.params);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Tables whose sequential scan in a lookup means it will grow with the network. */
export const LARGE_TABLES = new Set([
  'facility',
  'practitioner',
  'bridge_site',
  'support_link',
  'practitioner_membership',
  'on_call_shift',
]);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Join Type'?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Sort Method'?: string;
  Filter?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Plans?: PlanNode[];
}
interface PlanRoot {
  Plan: PlanNode;
  'Planning Time'?: number;
  'Execution Time'?: number;
}

export interface PlanSummary {
  planningMs: number | null;
  executionMs: number | null;
  sharedHit: number;
  sharedRead: number;
  /** Large tables read by a Seq Scan anywhere in the plan. */
  seqScans: string[];
  /** One line per plan node, indented like EXPLAIN's text output, conditions shortened. */
  lines: string[];
}

const short = (s: string, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function walk(node: PlanNode, depth: number, lines: string[], seq: Set<string>) {
  const rel = node['Relation Name'];
  if (node['Node Type'] === 'Seq Scan' && rel && LARGE_TABLES.has(rel)) seq.add(rel);
  const parts = [node['Node Type'] + (node['Join Type'] ? ` (${node['Join Type']})` : '')];
  if (node['Subplan Name']) parts.unshift(`[${node['Subplan Name']}]`);
  if (node['Index Name']) parts.push(`using ${node['Index Name']}`);
  if (rel) parts.push(`on ${rel}`);
  if (node['Actual Rows'] !== undefined)
    parts.push(`rows=${node['Actual Rows']}${(node['Actual Loops'] ?? 1) > 1 ? ` loops=${node['Actual Loops']}` : ''}`);
  if (node['Actual Total Time'] !== undefined) parts.push(`${node['Actual Total Time'].toFixed(2)} ms`);
  const reads = node['Shared Read Blocks'] ?? 0;
  if (node['Shared Hit Blocks'] !== undefined) parts.push(`buffers hit=${node['Shared Hit Blocks']}${reads ? ` read=${reads}` : ''}`);
  if (node['Sort Method']) parts.push(`sort=${node['Sort Method']}`);
  const cond = node['Index Cond'] ?? node['Recheck Cond'];
  if (cond) parts.push(`cond ${short(cond, 80)}`);
  if (node.Filter) parts.push(`filter ${short(node.Filter, 80)}`);
  const removed = (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0);
  if (removed) parts.push(`removed=${removed}`);
  lines.push(`${'  '.repeat(depth)}${depth ? '-> ' : ''}${parts.join('  ')}`);
  for (const child of node.Plans ?? []) walk(child, depth + 1, lines, seq);
}

/** Summarises EXPLAIN (FORMAT JSON) output, with or without ANALYZE. */
export function summarisePlan(root: PlanRoot): PlanSummary {
  const lines: string[] = [];
  const seq = new Set<string>();
  walk(root.Plan, 0, lines, seq);
  return {
    planningMs: root['Planning Time'] ?? null,
    executionMs: root['Execution Time'] ?? null,
    sharedHit: root.Plan['Shared Hit Blocks'] ?? 0,
    sharedRead: root.Plan['Shared Read Blocks'] ?? 0,
    seqScans: [...seq].sort(),
    lines,
  };
}

/** EXPLAIN of one statement: `analyze` runs it (with BUFFERS), otherwise only plans it. */
export async function explainStatement(q: Queryable, s: Statement, analyze: boolean): Promise<PlanSummary> {
  const opts = analyze ? 'ANALYZE, BUFFERS, FORMAT JSON' : 'FORMAT JSON';
  const { rows } = await q.query<{ 'QUERY PLAN': PlanRoot[] }>(`EXPLAIN (${opts}) ${s.sql}`, s.params);
  const root = rows[0]?.['QUERY PLAN'][0];
  if (!root) throw new Error('EXPLAIN returned nothing');
  return summarisePlan(root);
}
