import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { TableTiming } from '../registry/generate.js';
import type { ExperimentResult } from './run-experiment.js';
import type { Stats } from './measure.js';
import type { ScenarioResult } from './run.js';

export interface BenchReport {
  date: string;
  environment: {
    database: string;
    postgres: string;
    node: string;
    cpus: number;
    cpuModel: string;
    loadAverage: { start: number; end: number };
  };
  dataset: { seed: number; generated: boolean; scale: number | null; rows: Record<string, number>; generation: TableTiming[] };
  protocol: { inputsPerScenario: number; warmupInputs: number; p99LimitMs: number };
  baseline: { sql: string; stats: Stats; before: Stats; after: Stats };
  scenarios: ScenarioResult[];
  experiments: ExperimentResult[];
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

function flags(r: ScenarioResult, limit: number): string {
  const f: string[] = [];
  if (r.stats.p99 > limit) f.push(`p99 > ${limit} ms`);
  if (r.seqScan.tables.length) f.push(`Seq Scan on ${r.seqScan.tables.join(', ')} (${r.seqScan.cases}/${r.stats.n} inputs)`);
  return f.length ? `⚠ ${f.join('; ')}` : 'ok';
}

/** The Markdown version of a report: the summary table, the slowest input's plans, the experiments. */
export function toMarkdown(r: BenchReport): string {
  const out: string[] = [];
  const rows = Object.entries(r.dataset.rows)
    .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
    .join(', ');
  out.push(`# Registry lookups at national scale — ${r.date}`, '');
  out.push(
    `Data: ${rows} (${r.dataset.generated ? `generated at scale ${r.dataset.scale}, ` : ''}seed ${r.dataset.seed}). ` +
      `${r.environment.postgres}; Node ${r.environment.node}; ${r.environment.cpus} × ${r.environment.cpuModel}; ${r.environment.database}; ` +
      `1-min load average ${r.environment.loadAverage.start.toFixed(1)} at start, ${r.environment.loadAverage.end.toFixed(1)} at end (other work on the machine shows up in both the baseline and the scenarios).`,
    '',
  );
  out.push(
    `Each scenario: ${r.protocol.warmupInputs} warm-up inputs, then ${r.protocol.inputsPerScenario} randomised inputs timed one by one ` +
      `on one connection, through the server's repository function (client-side wall time). Baseline in the same run: ` +
      `\`${r.baseline.sql}\`, p50 ${ms(r.baseline.stats.p50)} ms / p95 ${ms(r.baseline.stats.p95)} / p99 ${ms(r.baseline.stats.p99)} ` +
      `(before the scenarios p50 ${ms(r.baseline.before.p50)}, after ${ms(r.baseline.after.p50)}).`,
    '',
  );
  if (r.dataset.generation.length) {
    out.push('Generation in this run (one transaction of 10,000-row unnest batches per table):', '');
    out.push('| table | rows | generate ms | insert s |', '|---|--:|--:|--:|');
    for (const t of r.dataset.generation)
      out.push(`| ${t.table} | ${t.rows.toLocaleString('en-US')} | ${t.generateMs.toFixed(0)} | ${(t.insertMs / 1000).toFixed(1)} |`);
    out.push('');
  }
  out.push('| scenario | n | p50 ms | p95 ms | p99 ms | max ms | × PK p50 | × PK p95 | × PK p99 | check |');
  out.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|---|');
  for (const s of r.scenarios) {
    const { n, p50, p95, p99, max } = s.stats;
    out.push(
      `| ${s.title} (\`${s.source}\`) | ${n} | ${ms(p50)} | ${ms(p95)} | ${ms(p99)} | ${ms(max)} | ${s.ratioToPk.p50} | ${s.ratioToPk.p95} | ${s.ratioToPk.p99} | ${flags(s, r.protocol.p99LimitMs)} |`,
    );
  }
  out.push('', '## Slowest input of each scenario: EXPLAIN (ANALYZE, BUFFERS)', '');
  for (const s of r.scenarios) {
    out.push(`### ${s.title}`, '', 'Slowest inputs:', '');
    for (const x of s.samples.slice(0, 5)) out.push(`- ${ms(x.ms)} ms \`${x.label}\``);
    if (s.seqScan.examples.length)
      out.push(
        '',
        `Inputs planned with a Seq Scan on ${s.seqScan.tables.join(', ')}, e.g.:`,
        '',
        ...s.seqScan.examples.map((l) => `- \`${l}\``),
      );
    out.push('', `Plan of \`${s.slowest.label}\` (${ms(s.slowest.ms)} ms when timed):`, '', '```');
    s.slowest.plans.forEach((p, i) => {
      if (s.slowest.plans.length > 1) out.push(`-- statement ${i + 1}`);
      out.push(
        ...p.lines,
        `Planning ${p.planningMs?.toFixed(2)} ms, execution ${p.executionMs?.toFixed(2)} ms, buffers hit ${p.sharedHit} read ${p.sharedRead}`,
      );
    });
    out.push('```', '');
  }
  if (r.experiments.length) {
    out.push(
      '## Experiments (same inputs; before and after timed input by input, alternating, inside a transaction that is rolled back)',
      '',
    );
    out.push('| experiment | scenario | change | before p50 / p95 / p99 ms | after p50 / p95 / p99 ms | p99 after/before | same rows |');
    out.push('|---|---|---|--:|--:|--:|--:|');
    for (const e of r.experiments) {
      const b = e.before;
      const a = e.after;
      out.push(
        `| ${e.title} | ${e.scenario} | ${e.change} | ${ms(b.p50)} / ${ms(b.p95)} / ${ms(b.p99)} | ${ms(a.p50)} / ${ms(a.p95)} / ${ms(a.p99)} | ${(a.p99 / b.p99).toFixed(2)} | ${e.sameResults.same}/${e.sameResults.of} |`,
      );
    }
    for (const e of r.experiments) {
      out.push('', `### ${e.title}`, '', e.why, '');
      if (e.ddl.length) out.push('```sql', ...e.ddl.map((d) => `${d};`), '```', '');
      out.push('Slowest inputs after the change (before → after):', '');
      for (const x of e.slowestInputsAfter.slice(0, 5)) out.push(`- ${ms(x.beforeMs)} → ${ms(x.afterMs)} ms \`${x.label}\``);
      out.push(
        '',
        'Plan after the change of the input that was slowest before it:',
        '',
        '```',
        ...e.slowestAfter.flatMap((p) => p.lines),
        '```',
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** Writes `registry-<date>.json` and `registry-<date>.md` into `dir`; returns their paths. */
export async function writeReport(dir: string, r: BenchReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const base = path.join(dir, `registry-${r.date}`);
  // Formatted as the repo's Prettier config would, so `prettier --check` stays clean when results are committed.
  const options = (await prettier.resolveConfig(`${base}.json`)) ?? {};
  await writeFile(`${base}.json`, await prettier.format(JSON.stringify(r), { ...options, parser: 'json' }));
  await writeFile(`${base}.md`, toMarkdown(r));
  return [`${base}.json`, `${base}.md`];
}
