// The suite's report: the summary table (printed and in the Markdown), a "how measured" paragraph, a section per
// scenario, and the JSON with everything.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { Interleaved, LoadRun } from './load.js';
import type { SummaryRow } from './types.js';

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const times = (r: number) => `×${r.toFixed(2)}`;
export const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? 0 : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export interface SuiteReport {
  date: string;
  totalSeconds: number;
  environment: {
    cpus: number;
    cpuModel: string;
    memoryGB: number;
    os: string;
    node: string;
    postgres: string;
    autocannon: string;
    database: string;
    loadAverage: { start: number; end: number };
  };
  protocol: { rounds: number; durationS: number; warmupS: number; connections: number; runs: number; scale: number; only: string[] };
  rows: SummaryRow[];
  /** Anything odd about the run as a whole. */
  notes: string[];
  scenarios: {
    id: string;
    title: string;
    bar: string;
    seconds: number;
    error?: string;
    markdown: string[];
    details: unknown;
  }[];
}

/** The summary as a Markdown table. */
export function summaryTable(rows: SummaryRow[]): string[] {
  const out = ['| scenario | measure | measured | baseline | ratio / value | bar | result |', '|---|---|--:|--:|--:|--:|---|'];
  for (const r of rows) out.push(`| ${r.scenario} | ${r.measure} | ${r.measured} | ${r.baseline} | ${r.value} | ${r.bar} | ${r.verdict} |`);
  const whys = rows.filter((r) => r.why);
  if (whys.length) out.push('', ...whys.map((r) => `- **${r.scenario} ${r.verdict}** (${r.measure}): ${r.why}`));
  return out;
}

const cpu = (r: LoadRun) =>
  `${r.cpu.server}% / ${r.cpu.postgres === null ? '–' : `${r.cpu.postgres}%`} / ${r.cpu.loadgen}% / ${r.cpu.machine}% (${r.cpu.others}%)`;
const perReq = (r: LoadRun) => `${r.cpuPerRequestUs.server} / ${r.cpuPerRequestUs.postgres ?? '–'}`;

/** `×0.50`, with a third decimal when two would hide which side of the bar the ratio is on. */
export function timesVs(r: number, bar: number): string {
  return r.toFixed(2) === bar.toFixed(2) && r !== bar ? `×${r.toFixed(3)}` : times(r);
}

/** The rounds of an interleaved load scenario: requests/s, latency and CPU of each run. */
export function roundsTable(i: Interleaved, extra: LoadRun[] = []): string[] {
  const row = (r: LoadRun, ratio: string) =>
    `| ${r.label} | ${r.rate ? int(r.rate) : 'max'} | ${int(r.rps)} | ${ratio} | ${r.latencyMs.p50} | ${r.latencyMs.p90} | ${r.latencyMs.p99} | ` +
    `${r.latencyMs.max} | ${perReq(r)} | ${cpu(r)} |`;
  const out = [
    '| run | asked req/s | req/s (2xx) | ÷ baseline | p50 ms | p90 ms | p99 ms | max ms | CPU µs a request: server / PostgreSQL | CPU: server / PostgreSQL / load generator (% of one core) / machine (% of all cores; in brackets what none of these processes used: the kernel’s own network work and other work on the machine) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  out.push(row(i.warmup.baseline, '(warm-up)'), row(i.warmup.app, '(warm-up)'));
  for (const r of i.rounds) out.push(row(r.baseline, ''), row(r.app, times(r.ratio)), ...r.extras.map((x) => row(x.run, times(x.ratio))));
  for (const r of extra) out.push(row(r, ''));
  const meanOf = (f: (r: (typeof i.rounds)[number]) => number) => Math.round(i.rounds.reduce((a, r) => a + f(r), 0) / i.rounds.length);
  out.push(
    '',
    `Mean of the rounds: baseline ${int(i.baselineRps)} req/s, app ${int(i.appRps)} req/s, ratio ${times(i.ratio)} ` +
      `(rounds: ${i.rounds.map((r) => times(r.ratio)).join(', ')})` +
      i.extras.map((x) => `; ${x.label} ${int(x.rps)} req/s, ${times(x.ratio)}`).join('') +
      `. Server CPU a request: baseline ${meanOf((r) => r.baseline.cpuPerRequestUs.server)} µs, app ${meanOf((r) => r.app.cpuPerRequestUs.server)} µs.`,
  );
  return out;
}

export function toMarkdown(r: SuiteReport): string {
  const e = r.environment;
  const p = r.protocol;
  const out: string[] = [`# Benchmarks (\`npm run bench\`) — ${r.date}`, ''];
  out.push(...summaryTable(r.rows), '');
  out.push('## How measured', '');
  out.push(
    `${e.cpus} × ${e.cpuModel}, ${e.memoryGB} GB, ${e.os}; Node ${e.node}, ${e.postgres}, autocannon ${e.autocannon}. ` +
      `Database: ${e.database}. The app is the real server (\`node --import tsx packages/server/src/main.ts\`, what \`npm start\` runs ` +
      `after building the web app) in its own process with \`LOG_LEVEL=warn\` and the demo data, started once for the run; every baseline ` +
      `server runs in a process of its own, and the load comes from a third one (autocannon's CLI, \`--json\`, ${p.connections} connections, ` +
      `no pipelining; at a fixed rate, the suite's open-loop \`bench/suite/steady-load.ts\`). Load scenarios: ${p.warmupS} s of warm-up on each side, then ${p.rounds} rounds of baseline then app, ${p.durationS} s ` +
      `each; the ratio is the mean of the rounds' ratios of successful requests per second. Start-up and browser scenarios: ${p.runs} runs, ` +
      `median. CPU figures come from \`/proc\` over each run. The machine is shared and timings swing by ±40% between runs: ` +
      `compare ratios from the same run, not absolute figures across runs. 1-min load average ${e.loadAverage.start.toFixed(2)} at start, ` +
      `${e.loadAverage.end.toFixed(2)} at end; whole run ${Math.round(r.totalSeconds)} s` +
      (p.only.length ? ` (only ${p.only.join(', ')})` : '') +
      '.',
    '',
  );
  if (r.notes.length) out.push(...r.notes.map((n) => `**Note**: ${n}`), '');
  for (const s of r.scenarios) {
    out.push(`## ${s.id} — ${s.title}`, '', `Bar: ${s.bar}.`, '');
    if (s.error) out.push(`**Failed**: ${s.error}`, '');
    if (s.markdown.length) out.push(...s.markdown, '');
    out.push(`(${Math.round(s.seconds)} s)`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Writes `bench-<date>.md` and `.json` (formatted by the repo's Prettier config, so `prettier --check` stays clean). */
export async function writeReport(outDir: string, r: SuiteReport): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const stem = path.join(outDir, `bench-${r.date}`);
  await writeFile(`${stem}.md`, toMarkdown(r));
  const options = (await prettier.resolveConfig(`${stem}.json`)) ?? {};
  await writeFile(`${stem}.json`, await prettier.format(JSON.stringify(r), { ...options, parser: 'json' }));
  return [`${stem}.md`, `${stem}.json`];
}
