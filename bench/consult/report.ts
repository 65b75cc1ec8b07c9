import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { PlanSummary, Stats } from '../lookups/measure.js';
import type { CpuResult } from './cpu.js';
import type { ConsultShape, TableTiming } from './generate.js';

export interface DbResult {
  key: string;
  title: string;
  source: string;
  stats: Stats;
  /** Percentiles over the primary-key baseline's, measured in the same run. */
  ratio: { p50: number; p95: number; p99: number };
  /** Mean rows the function returned per input. */
  meanRows: number;
  slowest: { label: string; ms: number }[];
  /** Tables read by a Seq Scan in the plan (plain EXPLAIN) of some input, and how many inputs. */
  seqScan: { tables: string[]; cases: number };
  /** EXPLAIN (ANALYZE, BUFFERS) of the slowest input, for the slowest scenario and every flagged one. */
  plan?: { label: string; ms: number; sql: string; summaries: PlanSummary[] };
  samplesMs: number[];
}

export interface ConsultReport {
  date: string;
  environment: {
    database: string;
    postgres: string;
    node: string;
    cpus: number;
    cpuModel: string;
    loadAverage: { start: number; end: number };
  };
  dataset: {
    shape: ConsultShape;
    generated: boolean;
    generationMs: number;
    rows: Record<string, number>;
    generation: TableTiming[];
    states: Record<string, number>;
  };
  busyHubs: { hubId: string; queued: number }[];
  protocol: { inputsPerScenario: number; warmupInputs: number; p99LimitMs: number; pageSize: number };
  baseline: { sql: string; stats: Stats; before: Stats; after: Stats };
  db: DbResult[];
  cpu: { results: CpuResult[]; payloadBytes: number; pdfBytes: number };
  totalSeconds: number;
}

const ms = (x: number) => (x < 0.1 ? x.toFixed(3) : x < 10 ? x.toFixed(2) : x.toFixed(1));
const int = (n: number) => n.toLocaleString('en-US');

export function isFlagged(r: DbResult, limit: number): boolean {
  return r.stats.p99 > limit;
}

/** The Markdown version of a report: environment, data, both tables, flags and the plans. */
export function toMarkdown(r: ConsultReport): string {
  const out: string[] = [];
  const limit = r.protocol.p99LimitMs;
  const e = r.environment;
  const s = r.dataset.shape;
  out.push(`# Remote consultation operations — ${r.date}`, '');
  out.push(
    `${e.postgres}; Node ${e.node}; ${e.cpus} × ${e.cpuModel}; ${e.database}; 1-min load average ${e.loadAverage.start.toFixed(1)} at start, ` +
      `${e.loadAverage.end.toFixed(1)} at end (other work on the machine slows the baseline too: compare the ratios). Whole run ${r.totalSeconds.toFixed(0)} s.`,
    '',
  );
  out.push(
    `Data (${r.dataset.generated ? `generated in this run in ${(r.dataset.generationMs / 1000).toFixed(1)} s, ` : ''}seed ${s.seed}): ${int(s.hubs)} hubs, ` +
      `${int(s.spokes)} spokes, ${int(s.requests)} requests. Rows: ` +
      Object.entries(r.dataset.rows)
        .map(([t, n]) => `${t} ${int(n)}`)
        .join(', ') +
      '.',
    '',
    'States: ' +
      Object.entries(r.dataset.states)
        .map(([st, n]) => `${st} ${int(n)}`)
        .join(', ') +
      `. Busiest triage queues: ${r.busyHubs.map((b) => b.queued).join(', ')} requests.`,
    '',
  );
  if (r.dataset.generation.length) {
    out.push('Generation (one set-based `INSERT … SELECT … generate_series` per table, one transaction):', '');
    out.push('| step | rows | ms |', '|---|--:|--:|');
    for (const t of r.dataset.generation) out.push(`| ${t.table} | ${int(t.rows)} | ${int(t.ms)} |`);
    out.push('');
  }
  out.push(
    `Protocol: each DB scenario runs ${r.protocol.warmupInputs} warm-up inputs, then ${r.protocol.inputsPerScenario} inputs drawn from the data ` +
      `(seeded), one at a time through the pool, calling the server's repository function (client-side wall time; lists ask for a page of ` +
      `${r.protocol.pageSize}, as the web app). Baseline in the same run: \`${r.baseline.sql}\` with random ids, p50 ${ms(r.baseline.stats.p50)} ms / ` +
      `p95 ${ms(r.baseline.stats.p95)} / p99 ${ms(r.baseline.stats.p99)} (before the scenarios p50 ${ms(r.baseline.before.p50)}, after ` +
      `${ms(r.baseline.after.p50)}). A scenario is flagged when its p99 exceeds ${limit} ms.`,
    '',
  );
  out.push('| scenario | function | rows | p50 ms | p95 ms | p99 ms | max ms | × PK p50 | × PK p95 | × PK p99 | check |');
  out.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const d of r.db) {
    const f: string[] = [];
    if (isFlagged(d, limit)) f.push(`⚠ p99 > ${limit} ms`);
    if (d.seqScan.tables.length) f.push(`Seq Scan on ${d.seqScan.tables.join(', ')} (${d.seqScan.cases}/${d.stats.n} inputs)`);
    out.push(
      `| ${d.title} | \`${d.source}\` | ${d.meanRows.toFixed(0)} | ${ms(d.stats.p50)} | ${ms(d.stats.p95)} | ${ms(d.stats.p99)} | ${ms(d.stats.max)} | ` +
        `${d.ratio.p50} | ${d.ratio.p95} | ${d.ratio.p99} | ${f.join('; ') || 'ok'} |`,
    );
  }
  out.push('', 'CPU only (no database), each against its own baseline timed alternately with it in the same loop:', '');
  out.push('| operation | function | baseline | p50 ms | p95 ms | p99 ms | baseline p50 / p99 ms | × p50 | × p95 | × p99 | note |');
  out.push('|---|---|---|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const c of r.cpu.results)
    out.push(
      `| ${c.title} | \`${c.source}\` | ${c.baseline} | ${ms(c.stats.p50)} | ${ms(c.stats.p95)} | ${ms(c.stats.p99)} | ` +
        `${ms(c.baselineStats.p50)} / ${ms(c.baselineStats.p99)} | ${c.ratio.p50} | ${c.ratio.p95} | ${c.ratio.p99} | ${c.note} |`,
    );
  out.push('');
  for (const d of r.db.filter((x) => x.plan)) {
    const p = d.plan!;
    const why = d === r.db.reduce((a, b) => (b.stats.p99 > a.stats.p99 ? b : a)) ? 'slowest scenario' : `p99 > ${limit} ms`;
    out.push(`## ${d.title} (${why}): EXPLAIN (ANALYZE, BUFFERS) of its slowest input`, '', 'Slowest inputs:', '');
    for (const x of d.slowest) out.push(`- ${ms(x.ms)} ms \`${x.label}\``);
    out.push('', `Plan of \`${p.label}\` (${ms(p.ms)} ms when timed):`, '', '```');
    for (const sm of p.summaries)
      out.push(
        ...sm.lines,
        `Planning ${sm.planningMs?.toFixed(2)} ms, execution ${sm.executionMs?.toFixed(2)} ms, buffers hit ${sm.sharedHit} read ${sm.sharedRead}`,
      );
    out.push('```', '', 'Statement:', '', '```sql', p.sql.trim(), '```', '');
  }
  return `${out.join('\n')}\n`;
}

/** Writes `consult-<date>.json` and `consult-<date>.md` into `dir`; returns their paths. */
export async function writeReport(dir: string, r: ConsultReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, `consult-${r.date}`);
  // Formatted as the repo's Prettier config would, so `prettier --check` stays clean when results are committed.
  const options = (await prettier.resolveConfig(`${base}.json`)) ?? {};
  await writeFile(`${base}.json`, await prettier.format(JSON.stringify(r), { ...options, parser: 'json' }));
  await writeFile(`${base}.md`, toMarkdown(r));
  return [`${base}.json`, `${base}.md`];
}
