// B6: start-up of the server as `npm start` runs it, to the first 200 of /readyz: on a fresh data directory (initdb,
// migrations, reference data, demo seed) and warm (the same directory again). Fresh and warm alternate, `runs` each.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { createDatabase, dropDatabase, postgresGone, startAppServer, type AppServer, type LogLine } from './app-server.js';
import { median, secs } from './report.js';
import type { Scenario } from './types.js';

const FRESH_MS = 15_000;
const WARM_MS = 3_000;

interface StartRun {
  kind: 'fresh' | 'warm';
  run: number;
  readyMs: number;
  /** The server's own figure (from its "ready" log line): process start to listening. */
  serverStartupMs: number | null;
  /** Info lines of the server with the time they arrived, since spawn. */
  timeline: { atMs: number; msg: string }[];
  exitCode: number | null;
  /** What the server said when it did not stop cleanly. */
  stopProblems?: string;
  /** How long the embedded PostgreSQL outlived the server process (its postmaster.pid still there), if it did. */
  postgresLingeredMs?: number;
}

interface FailedStart {
  kind: 'fresh' | 'warm';
  run: number;
  error: string;
}

function timeline(logs: LogLine[]) {
  return logs.filter((l) => l.level >= 30).map((l) => ({ atMs: Math.round(l.atMs), msg: l.msg }));
}

export const b6: Scenario = {
  id: 'B6',
  title: 'start-up to ready',
  bar: `fresh data directory ≤ ${FRESH_MS / 1000} s, warm ≤ ${WARM_MS / 1000} s (both reported)`,
  needsServer: false,
  async run(ctx) {
    const runs: StartRun[] = [];
    const failed: FailedStart[] = [];
    for (let i = 1; i <= ctx.options.runs; i++) {
      const dataDir = await mkdtemp(path.join(ctx.tmpRoot, 'startup-'));
      const dbName = `vx_bench_start_${Date.now()}_${i}`;
      const databaseUrl = ctx.databaseUrl ? await createDatabase(ctx.databaseUrl, dbName) : undefined;
      try {
        for (const kind of ['fresh', 'warm'] as const) {
          let s: AppServer;
          try {
            s = await startAppServer({
              root: ctx.root,
              dataDir,
              databaseUrl,
              logLevel: 'info',
              pollMs: 20,
              onWarn: (l) => ctx.log(`    server: ${l}`),
            });
          } catch (err) {
            const error = (err as Error).message;
            failed.push({ kind, run: i, error });
            ctx.log(`    ${kind} #${i}: FAILED ${error.split('\n')[0]}`);
            // A fresh directory that did not start has nothing to warm up.
            if (kind === 'fresh') break;
            continue;
          }
          const ready = s.logs.find((l) => l.msg === 'Vươn Xa ready');
          const exitCode = await s.stop();
          // The next start on this directory needs the previous PostgreSQL gone (an unclean stop can leave it running).
          const lingered = databaseUrl ? 0 : await postgresGone(dataDir);
          runs.push({
            kind,
            run: i,
            readyMs: Math.round(s.readyMs),
            serverStartupMs: typeof ready?.fields.startupMs === 'number' ? ready.fields.startupMs : null,
            timeline: timeline(s.logs),
            exitCode,
            ...(exitCode === 0 ? {} : { stopProblems: s.problems() }),
            ...(lingered > 100 ? { postgresLingeredMs: lingered } : {}),
          });
          ctx.log(
            `    ${kind} #${i}: ready in ${secs(s.readyMs)} (server's own figure ${ready?.fields.startupMs as number} ms), exit ${exitCode}` +
              (lingered > 100 ? `, its PostgreSQL went ${lingered} ms later` : ''),
          );
        }
      } finally {
        await rm(dataDir, { recursive: true, force: true });
        if (ctx.databaseUrl) await dropDatabase(ctx.databaseUrl, dbName);
      }
    }
    const of = (kind: StartRun['kind']) => runs.filter((r) => r.kind === kind);
    const fresh = median(of('fresh').map((r) => r.readyMs));
    const warm = median(of('warm').map((r) => r.readyMs));
    // The median run's log, to see where a fresh start spends its time.
    const medianRun = (kind: StartRun['kind'], m: number) =>
      of(kind).reduce((a, b) => (Math.abs(b.readyMs - m) < Math.abs(a.readyMs - m) ? b : a));
    const steps = (r: StartRun) => r.timeline.map((t) => `${secs(t.atMs)} ${t.msg}`).join('; ');
    const slowestStep = (r: StartRun) => {
      let prev = 0;
      let best = { ms: 0, msg: '' };
      for (const t of r.timeline) {
        if (t.atMs - prev > best.ms) best = { ms: t.atMs - prev, msg: t.msg };
        prev = t.atMs;
      }
      return `longest step ${secs(best.ms)}, up to "${best.msg}"`;
    };
    const freshRun = of('fresh').length ? medianRun('fresh', fresh) : undefined;
    const warmRun = of('warm').length ? medianRun('warm', warm) : undefined;
    const dirty = runs.filter((r) => r.exitCode !== 0);
    const row = (kind: StartRun['kind'], value: number, bar: number, r: StartRun | undefined) => {
      const fails = failed.filter((f) => f.kind === kind);
      const ok = r !== undefined && value <= bar && fails.length === 0;
      const why = [
        ...(fails.length
          ? [`${fails.length} of ${fails.length + of(kind).length} starts failed: ${fails[0]!.error.split('\n')[0]!.slice(0, 200)}`]
          : []),
        ...(r && value > bar ? [slowestStep(r)] : []),
      ].join('; ');
      return {
        scenario: 'B6',
        measure: `${kind === 'fresh' ? 'fresh data directory' : 'warm'} start to ready (median of ${of(kind).length})`,
        measured: r ? secs(value) : '–',
        baseline: '–',
        value: r ? secs(value) : '–',
        bar: `≤ ${bar / 1000} s`,
        verdict: ok ? ('PASS' as const) : ('MISS' as const),
        ...(why ? { why } : {}),
      };
    };
    return {
      rows: [row('fresh', fresh, FRESH_MS, freshRun), row('warm', warm, WARM_MS, warmRun)],
      markdown: [
        '`node --import tsx packages/server/src/main.ts` (what `npm start` runs once the web app is built; the build is not ' +
          'counted) with `LOG_LEVEL=info`, from spawn to the first 200 of `/readyz` (polled every 20 ms). Fresh: a new data directory ' +
          (ctx.databaseUrl
            ? 'and a new database of `DATABASE_URL` (`DEMO_SEED=1`)'
            : '(embedded PostgreSQL: initdb, start, create database)') +
          ', migrations, administrative units, province centres, ICD-10, conditions and the demo seed. Warm: the same again on that ' +
          'directory, once the previous PostgreSQL has gone. Stopped with SIGINT after each start, as Ctrl-C' +
          (dirty.length
            ? `; **${dirty.length} of ${runs.length} stops did not exit 0** (${dirty.map((r) => `${r.kind} #${r.run}: ${r.exitCode}`).join(', ')})`
            : ', every stop exited 0') +
          (failed.length ? `; **${failed.length} starts failed** (${failed.map((f) => `${f.kind} #${f.run}`).join(', ')})` : '') +
          '.',
        '',
        '| run | ready (spawn → /readyz) | server\'s own "startupMs" | exit on SIGINT |',
        '|---|--:|--:|--:|',
        ...runs.map((r) => `| ${r.kind} #${r.run} | ${secs(r.readyMs)} | ${r.serverStartupMs ?? '–'} ms | ${r.exitCode} |`),
        ...failed.map((f) => `| ${f.kind} #${f.run} | failed | – | – |`),
        '',
        ...(freshRun ? [`Median fresh run, server log lines as they arrived: ${steps(freshRun)}.`, ''] : []),
        ...(warmRun ? [`Median warm run: ${steps(warmRun)}.`] : []),
        ...dirty.map(
          (r) =>
            `\n${r.kind} #${r.run} exited ${r.exitCode} on SIGINT; the server said:\n\n\`\`\`\n${r.stopProblems || '(nothing)'}\n\`\`\``,
        ),
        ...failed.map((f) => `\n${f.kind} #${f.run} did not start:\n\n\`\`\`\n${f.error}\n\`\`\``),
      ],
      details: { runs, failed, medianMs: { fresh, warm } },
    };
  },
};
