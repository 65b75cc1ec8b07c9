// B1: GET /healthz of the app against a bare node:http server answering the same JSON, interleaved.
import path from 'node:path';
import { startChildServer } from './child.js';
import { interleave } from './load.js';
import { int, roundsTable, times, timesVs } from './report.js';
import type { Scenario } from './types.js';

const BAR = 0.75;

export const b1: Scenario = {
  id: 'B1',
  title: 'GET /healthz against raw node:http',
  bar: `≥ ${BAR}× the requests/s of a raw \`node:http\` server on the same machine`,
  needsServer: true,
  async run(ctx) {
    const app = await ctx.server();
    const base = await startChildServer(ctx.root, path.join(import.meta.dirname, 'baseline-http.ts'), {});
    const bare = await startChildServer(ctx.root, path.join(import.meta.dirname, 'baseline-fastify.ts'), {});
    try {
      const o = ctx.options;
      const r = await interleave(
        {
          baseline: { url: `${base.url}/healthz`, pid: base.pid },
          app: { url: `${app.url}/healthz`, pid: app.pid },
          extras: { 'bare Fastify': { url: `${bare.url}/healthz`, pid: bare.pid } },
        },
        o,
        ctx.log,
      );
      const pass = r.ratio >= BAR;
      const us = (f: (x: (typeof r.rounds)[number]) => number) => Math.round(r.rounds.reduce((a, x) => a + f(x), 0) / r.rounds.length);
      const cost = {
        raw: us((x) => x.baseline.cpuPerRequestUs.server),
        app: us((x) => x.app.cpuPerRequestUs.server),
        fastify: us((x) => x.extras[0]!.run.cpuPerRequestUs.server),
      };
      const bareRatio = r.extras[0]!.ratio;
      const why =
        `server CPU a request: app ${cost.app} µs, bare Fastify ${cost.fastify} µs (${times(bareRatio)} of node:http's req/s), ` +
        `node:http ${cost.raw} µs: Fastify itself adds ~${cost.fastify - cost.raw} µs, what the app adds to every request (its plugins, ` +
        `the onSend hook's request id and 3 security headers, the onResponse hook's metrics, the request logger) ~${cost.app - cost.fastify} µs`;
      return {
        rows: [
          {
            scenario: 'B1',
            measure: 'GET /healthz req/s',
            measured: int(r.appRps),
            baseline: int(r.baselineRps),
            value: timesVs(r.ratio, BAR),
            bar: `≥ ×${BAR}`,
            verdict: pass ? 'PASS' : 'MISS',
            ...(pass ? {} : { why }),
          },
        ],
        markdown: [
          `The app's \`/healthz\` (route with a zod response schema, the app's hooks: security headers, request id, Prometheus ` +
            `metrics) against \`bench/suite/baseline-http.ts\`: \`node:http\` answering \`{"status":"ok"}\` with a content type and length, ` +
            'nothing else. A bare Fastify 5 (`bench/suite/baseline-fastify.ts`: one route, no plugins, hooks or schemas) runs in the ' +
            'same rounds, to tell the framework from what the app adds.',
          '',
          ...roundsTable(r),
          '',
          `In short: ${why}.`,
        ],
        details: r,
      };
    } finally {
      await base.stop();
      await bare.stop();
    }
  },
};
