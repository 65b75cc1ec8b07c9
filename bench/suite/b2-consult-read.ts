// B2: a signed-in read of one consultation request (session, rights, audit, detail) against node:http + pg running
// the same SQL; then the app's p99 at the bar's load (half the baseline's requests/s).
import path from 'node:path';
import { signIn } from './api.js';
import { startChildServer } from './child.js';
import { interleave, runLoad, type LoadRun, type LoadTarget } from './load.js';
import { appStatements, baselineStatements, slowest, traceTable } from './probe.js';
import { int, median, roundsTable, timesVs } from './report.js';
import type { Scenario } from './types.js';

const BAR = 0.5;
const P99_MS = 25;
export const COORDINATOR = 'dieuphoi.bachmai@vuonxa.vn';

export const b2: Scenario = {
  id: 'B2',
  title: 'signed-in read of one consultation request',
  bar: `≥ ${BAR}× the requests/s of \`node:http\` + \`pg\` running the same SQL; p99 ≤ ${P99_MS} ms at that load`,
  needsServer: true,
  async run(ctx) {
    const app = await ctx.server();
    const coord = await signIn(app.url, COORDINATOR);
    const list = await coord.call<{ items: { id: string; ref: string; state: string }[] }>('GET', '/api/consults?view=hub&limit=10');
    const target = list.items.find((c) => c.state === 'submitted') ?? list.items[0];
    if (!target) throw new Error(`no consultation request visible to ${COORDINATOR} (demo data missing?)`);
    const urlPath = `/api/consults/${target.id}`;
    const base = await startChildServer(ctx.root, path.join(import.meta.dirname, 'baseline-pg.ts'), { DATABASE_URL: app.databaseUrl });
    try {
      // Both answer the same request before anything is timed.
      const fromApp = await coord.call<{ id: string; state: string }>('GET', urlPath);
      const res = await fetch(`${base.url}${urlPath}`, { headers: { cookie: coord.cookie } });
      const fromBase = (await res.json()) as { id: string; state: string };
      if (!res.ok || fromBase.id !== fromApp.id || fromBase.state !== fromApp.state)
        throw new Error(`baseline answered ${res.status} ${JSON.stringify(fromBase).slice(0, 200)}`);
      const probe = { method: 'GET' as const, url: urlPath, cookie: coord.cookie };
      const statements = {
        app: await appStatements(app.databaseUrl, ctx.tmpRoot, probe),
        baseline: await baselineStatements(base.url, probe),
      };
      ctx.log(`  statements per request: app ${statements.app.counts.join('/')}, baseline ${statements.baseline.counts.join('/')}`);

      const headers = { cookie: coord.cookie };
      const t = {
        baseline: {
          url: `${base.url}${urlPath}`,
          headers,
          pid: base.pid,
          postgresParentPid: app.database === 'embedded' ? app.pid : undefined,
        },
        app: { url: `${app.url}${urlPath}`, headers, pid: app.pid, postgresParentPid: app.database === 'embedded' ? app.pid : undefined },
      } satisfies Record<string, LoadTarget>;
      const o = ctx.options;
      const r = await interleave(t, o, ctx.log);
      // "At that load": the rate the bar asks the app to sustain (half the baseline's), open to both sides.
      const rate = BAR * r.baselineRps;
      // Interleaved too, the same number of rounds: one run's p99 is at the mercy of whatever else the machine does.
      const barRuns: { baseline: LoadRun; app: LoadRun }[] = [];
      for (let i = 1; i <= o.rounds; i++) {
        const baseline = await runLoad(`baseline @bar #${i}`, t.baseline, { ...o, rate });
        const appRun = await runLoad(`app @bar #${i}`, t.app, { ...o, rate });
        ctx.log(
          `    at ${int(rate)} req/s #${i}: app p99 ${appRun.latencyMs.p99} ms (machine ${appRun.cpu.machine}%), ` +
            `baseline p99 ${baseline.latencyMs.p99} ms (machine ${baseline.cpu.machine}%)`,
        );
        barRuns.push({ baseline, app: appRun });
      }
      const avg = (f: (x: (typeof barRuns)[number]) => number) =>
        Math.round((barRuns.reduce((a, x) => a + f(x), 0) / barRuns.length) * 10) / 10;
      const atBar = {
        runs: barRuns,
        app: {
          p50: avg((x) => x.app.latencyMs.p50),
          p90: avg((x) => x.app.latencyMs.p90),
          p99: avg((x) => x.app.latencyMs.p99),
          rps: avg((x) => x.app.rps),
        },
        baseline: { p99: avg((x) => x.baseline.latencyMs.p99) },
        machine: { app: avg((x) => x.app.cpu.machine), baseline: avg((x) => x.baseline.cpu.machine) },
        postgres: barRuns[0]!.app.cpu.postgres === null ? null : avg((x) => x.app.cpu.postgres ?? 0),
      };
      const pass = r.ratio >= BAR;
      const sustained = atBar.app.rps >= 0.95 * rate;
      const p99Pass = atBar.app.p99 <= P99_MS && sustained;
      const sApp = median(statements.app.counts);
      const sBase = median(statements.baseline.counts);
      const last = r.rounds.at(-1)!;
      const perReq = (f: (x: (typeof r.rounds)[number]) => number) => Math.round(r.rounds.reduce((a, x) => a + f(x), 0) / r.rounds.length);
      const why =
        `CPU a request: server ${perReq((x) => x.app.cpuPerRequestUs.server)} µs vs the baseline's ${perReq((x) => x.baseline.cpuPerRequestUs.server)} µs` +
        (last.app.cpu.postgres !== null
          ? `, PostgreSQL ${perReq((x) => x.app.cpuPerRequestUs.postgres ?? 0)} µs vs ${perReq((x) => x.baseline.cpuPerRequestUs.postgres ?? 0)} µs`
          : '') +
        `; ${sApp} statements a request vs ${sBase}`;
      return {
        rows: [
          {
            scenario: 'B2',
            measure: 'consult read req/s',
            measured: int(r.appRps),
            baseline: int(r.baselineRps),
            value: timesVs(r.ratio, BAR),
            bar: `≥ ×${BAR}`,
            verdict: pass ? 'PASS' : 'MISS',
            ...(pass ? {} : { why }),
          },
          {
            scenario: 'B2',
            measure: `app p99 at a steady ${int(rate)} req/s (${BAR}× baseline; mean of ${barRuns.length})`,
            measured: `${atBar.app.p99} ms`,
            baseline: `${atBar.baseline.p99} ms`,
            value: `${atBar.app.p99} ms`,
            bar: `≤ ${P99_MS} ms`,
            verdict: p99Pass ? 'PASS' : 'MISS',
            ...(p99Pass
              ? {}
              : {
                  why: !sustained
                    ? `the app answered only ${int(atBar.app.rps)} of the ${int(rate)} req/s asked`
                    : `p50 ${atBar.app.p50} ms, p90 ${atBar.app.p90} ms; rounds ${barRuns.map((x) => x.app.latencyMs.p99).join(' and ')} ms ` +
                      `with the machine ${barRuns.map((x) => `${x.app.cpu.machine}%`).join(' and ')} busy ` +
                      `(not by the bench's processes: ${barRuns.map((x) => `${x.app.cpu.others}%`).join(' and ')})` +
                      (atBar.baseline.p99 > P99_MS
                        ? `; the baseline (the same ${sBase} statements, no framework) has p99 ${atBar.baseline.p99} ms at the same rate, ` +
                          `over the bar too; the app's is ${Math.abs(Math.round((atBar.app.p99 - atBar.baseline.p99) * 10) / 10)} ms ` +
                          `${atBar.app.p99 >= atBar.baseline.p99 ? 'more' : 'less'}` +
                          `${atBar.postgres === null ? '' : ` (PostgreSQL at ${atBar.postgres}% of a core)`}; ` +
                          `slowest statements of one request alone: ${slowest(statements.baseline.trace)}`
                        : `; baseline p99 ${atBar.baseline.p99} ms at the same rate (machine ${atBar.machine.baseline}% busy); ${why}`),
                }),
          },
        ],
        markdown: [
          `\`GET ${'/api/consults/:id'}\` of the demo request ${target.ref} as the demo coordinator (${COORDINATOR}, cookie \`vx_session\`): ` +
            'the guard resolves the session (session, user, memberships: one statement), checks `consult.read`, the service loads the ' +
            "request and the caller's part in it (one statement), then records `consult.read` and `patient.read` in the audit trail " +
            '(one INSERT) and loads the detail (assignments, attachments, sessions, report, outcome, ICD-10 names, patient: one ' +
            'statement) side by side, then zod serialises the answer. Baseline ' +
            "(`bench/suite/baseline-pg.ts`): `node:http` + `pg` (the server's `createDb`, same pool size) calling the same repository " +
            "functions the app calls (`createSessionResolver`, `consultsRepo.getWithPart`, the audit repository's `insertAll` on the " +
            'relaxed-commit connections, `consultsRepo.detailParts`) and `JSON.stringify` of the same fields: the same SQL, no ' +
            'framework, no validation, no serialiser. ' +
            `Statements per request, counted one request at a time: app ${statements.app.counts.join(', ')}; baseline ${statements.baseline.counts.join(', ')}.`,
          '',
          ...traceTable(statements.app, statements.baseline),
          '',
          ...roundsTable(
            r,
            barRuns.flatMap((x) => [x.baseline, x.app]),
          ),
          '',
          `"p99 at that load" (the @bar rows): both sides at a steady ${int(rate)} req/s for ${o.durationS} s, the rate the bar asks ` +
            'the app to sustain, from an open-loop generator (`bench/suite/steady-load.ts`: request i is due at i ÷ rate whatever the ' +
            `answers before it, its latency counts from when it was due, at most ${o.connections} sockets). The closed-loop rounds above ` +
            `keep ${o.connections} requests in flight and show the latency of saturation instead; autocannon's own \`-R\` sends each ` +
            "second's budget in a burst, which measures a burst.",
        ],
        details: { target, statements, interleaved: r, atBar },
      };
    } finally {
      await base.stop();
    }
  },
};
