// HTTP load from a separate process (autocannon's CLI, `--json`), with the CPU each side used, and the interleaved
// protocol of the load scenarios: warm-up, then baseline, app, baseline, app… and the ratio of each round.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLK_TCK, descendants, machineTicks, processTicks } from '../sfu/proc.js';

const AUTOCANNON = path.resolve(import.meta.dirname, '../../node_modules/autocannon/autocannon.js');
const STEADY = path.join(import.meta.dirname, 'steady-load.ts');

export function autocannonVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(AUTOCANNON), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The server's process, whose CPU is reported. */
  pid: number;
  /** A process whose `postgres` descendants are the database (the embedded PostgreSQL's parent), if local. */
  postgresParentPid?: number | undefined;
}

export interface LoadRun {
  label: string;
  /** Successful (2xx) responses per second over the run. */
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Latency percentiles in ms: autocannon's histogram (whole ms) as fast as it goes; from the due time at a fixed rate. */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  durationS: number;
  /**
   * CPU over the run in % of one core: the server process, its PostgreSQL (all of its processes, whichever side
   * drives them), the load generator; the machine in % of all cores, and the part of it none of these used (the
   * kernel's own network work, the idle side, the bench itself, whatever else runs on the machine).
   */
  cpu: { server: number; postgres: number | null; loadgen: number; machine: number; others: number };
  /**
   * CPU time per successful request in µs (server process; its PostgreSQL): steadier than requests/s on a shared
   * machine, where neither side may get a whole core.
   */
  cpuPerRequestUs: { server: number; postgres: number | null };
  /** The overall rate asked for (`-R`), when the run was rate-limited. */
  rate?: number;
}

interface AutocannonJson {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  requests: { total: number };
}

const postgresPids = (parent: number | undefined) =>
  parent === undefined
    ? []
    : descendants(parent).filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
        } catch {
          return false;
        }
      });

/**
 * One load run in its own process against `t`: autocannon with `connections` connections for `durationS` seconds as
 * fast as they go, or our open-loop generator at a steady `rate` requests/s overall (at most `connections` sockets).
 */
export async function runLoad(
  label: string,
  t: LoadTarget,
  o: { connections: number; durationS: number; rate?: number | undefined },
): Promise<LoadRun> {
  // Closed loop as fast as it goes: autocannon. At a fixed rate: our own open-loop generator (see steady-load.ts).
  const args: string[] = [];
  if (o.rate) {
    const input = {
      url: t.url,
      method: t.method ?? 'GET',
      headers: t.headers ?? {},
      body: t.body,
      rate: o.rate,
      durationS: o.durationS,
      connections: o.connections,
    };
    args.push('--import', 'tsx', STEADY, JSON.stringify(input));
  } else {
    args.push(AUTOCANNON, '--json', '-c', String(o.connections), '-d', String(o.durationS), '-m', t.method ?? 'GET');
    for (const [k, v] of Object.entries(t.headers ?? {})) args.push('-H', `${k}: ${v}`);
    if (t.body !== undefined) args.push('-b', t.body);
    args.push(t.url);
  }
  // PostgreSQL's processes are looked up again at every sample: the pools open new backends during a run (pg.Pool
  // closes idle clients after 10 s, so each side reconnects when its turn comes); a backend first seen during the run
  // counts from 0, one that exits keeps its last reading.
  const pgTicks = new Map<number, { start: number; last: number }>();
  const samplePg = (initial: boolean) => {
    for (const pgPid of postgresPids(t.postgresParentPid)) {
      const now = processTicks(pgPid);
      if (now === null) continue;
      const seen = pgTicks.get(pgPid);
      if (seen) seen.last = now;
      else pgTicks.set(pgPid, { start: initial ? now : 0, last: now });
    }
  };
  samplePg(true);
  const server0 = processTicks(t.pid) ?? 0;
  const machine0 = machineTicks();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid!;
  const out: string[] = [];
  const err: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (c: string) => out.push(c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => err.push(c));
  // The load generator's CPU: read until it exits (its last reading is within 200 ms of the end).
  const gen0 = processTicks(pid) ?? 0;
  let gen1 = gen0;
  const sampler = setInterval(() => {
    gen1 = processTicks(pid) ?? gen1;
    samplePg(false);
  }, 200);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearInterval(sampler);
  samplePg(false);
  // The servers are idle before the load starts and after it ends: their CPU from spawn to exit is the load's.
  const serverTicks = (processTicks(t.pid) ?? server0) - server0;
  const machine1 = machineTicks();
  if (code !== 0) throw new Error(`load generator exited with ${code}: ${err.join('').slice(-1000)}`);
  const j = JSON.parse(out.join('')) as AutocannonJson;
  const pct = (ticks: number, seconds: number) => (seconds > 0 ? Math.round((ticks / CLK_TCK / seconds) * 1000) / 10 : 0);
  const m = { busy: machine1.busy - machine0.busy, total: machine1.total - machine0.total };
  const perRequest = (ticks: number) => (j['2xx'] > 0 ? Math.round(((ticks / CLK_TCK) * 1e6) / j['2xx']) : 0);
  const pg = [...pgTicks.values()].reduce((a, x) => a + x.last - x.start, 0);
  const local = t.postgresParentPid !== undefined && pgTicks.size > 0;
  const machine = m.total > 0 ? Math.round((m.busy / m.total) * 1000) / 10 : 0;
  const own = (pct(serverTicks, j.duration) + (local ? pct(pg, j.duration) : 0) + pct(gen1 - gen0, j.duration)) / os.cpus().length;
  return {
    label,
    rps: Math.round(j['2xx'] / j.duration),
    requests: j.requests.total,
    non2xx: j.non2xx,
    errors: j.errors,
    timeouts: j.timeouts,
    latencyMs: { mean: j.latency.mean, p50: j.latency.p50, p90: j.latency.p90, p99: j.latency.p99, max: j.latency.max },
    durationS: j.duration,
    cpu: {
      server: pct(serverTicks, j.duration),
      postgres: local ? pct(pg, j.duration) : null,
      loadgen: pct(gen1 - gen0, j.duration),
      // Spawn to exit: includes the generator's start (~0.3 s), when the machine does little for the servers.
      machine,
      others: Math.max(0, Math.round((machine - own) * 10) / 10),
    },
    cpuPerRequestUs: { server: perRequest(serverTicks), postgres: local ? perRequest(pg) : null },
    ...(o.rate ? { rate: Math.round(o.rate) } : {}),
  };
}

export interface Round {
  baseline: LoadRun;
  app: LoadRun;
  /** app requests/s ÷ baseline requests/s. */
  ratio: number;
  /** Diagnostic servers run after the app in the same round (e.g. a bare framework), with their ratio to the baseline. */
  extras: { run: LoadRun; ratio: number }[];
}

export interface Interleaved {
  rounds: Round[];
  /** Mean of the rounds' ratios. */
  ratio: number;
  baselineRps: number;
  appRps: number;
  /** Mean requests/s and ratio of each diagnostic server, by label. */
  extras: { label: string; rps: number; ratio: number }[];
  warmup: { baseline: LoadRun; app: LoadRun };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * Warm-up of both sides, then `rounds` × (baseline, app, extras…), each `durationS` at `connections`. Extras are
 * diagnostic servers (what a bare framework does, say) measured in the same rounds.
 */
export async function interleave(
  targets: { baseline: LoadTarget; app: LoadTarget; extras?: Record<string, LoadTarget> },
  o: { rounds: number; durationS: number; warmupS: number; connections: number },
  log: (line: string) => void,
): Promise<Interleaved> {
  const show = (r: LoadRun) =>
    `    ${r.label.padEnd(16)} ${String(r.rps).padStart(7)} req/s  p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  ` +
    `CPU server ${r.cpu.server}% (${r.cpuPerRequestUs.server} µs/req)${r.cpu.postgres !== null ? ` pg ${r.cpu.postgres}% (${r.cpuPerRequestUs.postgres} µs/req)` : ''} ` +
    `load ${r.cpu.loadgen}% machine ${r.cpu.machine}% (others ${r.cpu.others}%)` +
    (r.non2xx || r.errors ? `  non-2xx ${r.non2xx} errors ${r.errors}` : '');
  const warm = { connections: o.connections, durationS: o.warmupS };
  const warmup = { baseline: await runLoad('warm-up base', targets.baseline, warm), app: await runLoad('warm-up app', targets.app, warm) };
  for (const r of [warmup.baseline, warmup.app])
    if (r.non2xx || r.errors) throw new Error(`${r.label}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
  const rounds: Round[] = [];
  for (let i = 1; i <= o.rounds; i++) {
    const baseline = await runLoad(`baseline #${i}`, targets.baseline, o);
    log(show(baseline));
    const app = await runLoad(`app #${i}`, targets.app, o);
    log(show(app));
    const extras: Round['extras'] = [];
    for (const [label, t] of Object.entries(targets.extras ?? {})) {
      if (i === 1) await runLoad(`warm-up ${label}`, t, warm);
      const run = await runLoad(`${label} #${i}`, t, o);
      log(show(run));
      extras.push({ run, ratio: run.rps / Math.max(1, baseline.rps) });
    }
    for (const r of [baseline, app, ...extras.map((x) => x.run)])
      if (r.non2xx || r.errors) throw new Error(`${r.label}: ${r.non2xx} non-2xx answers and ${r.errors} errors under load`);
    rounds.push({ baseline, app, ratio: app.rps / Math.max(1, baseline.rps), extras });
  }
  return {
    rounds,
    ratio: mean(rounds.map((r) => r.ratio)),
    baselineRps: Math.round(mean(rounds.map((r) => r.baseline.rps))),
    appRps: Math.round(mean(rounds.map((r) => r.app.rps))),
    extras: Object.keys(targets.extras ?? {}).map((label, k) => ({
      label,
      rps: Math.round(mean(rounds.map((r) => r.extras[k]!.run.rps))),
      ratio: mean(rounds.map((r) => r.extras[k]!.ratio)),
    })),
    warmup,
  };
}
