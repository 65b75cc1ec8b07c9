// The scenarios of `npm run bench`, in the order they run. A new scenario is a `Scenario` (./types.ts) added here:
// B4 (coordinator queue and directory search at national scale, against their EXPLAIN ANALYZE time; it will use
// `--scale` and the national registry generator of bench/registry/) and B5 (10,000 signed-in WebSocket clients, fan-out
// to a 50-member room) are the next step of issue 7 and show as TODO until they land.
import { b1 } from './b1-healthz.js';
import { b2 } from './b2-consult-read.js';
import { b3 } from './b3-consult-create.js';
import { b6 } from './b6-startup.js';
import { b7 } from './b7-web.js';
import type { Scenario } from './types.js';

const pending = (id: string, title: string, bar: string, why: string): Scenario => ({
  id,
  title,
  bar,
  pending: why,
  needsServer: false,
  run: () => Promise.reject(new Error(`${id} is not implemented yet`)),
});

export const SCENARIOS: readonly Scenario[] = [
  b1,
  b2,
  b3,
  pending(
    'B4',
    'coordinator queue for one hub and specialty, and directory search, at national scale',
    "p99 ≤ 20 ms against the same query's `EXPLAIN ANALYZE` time; no sequential scan on large tables",
    'next step of issue 7 (national-scale data through `--scale`; see `npm run bench:registry` and `npm run bench:consult` meanwhile)',
  ),
  pending(
    'B5',
    'realtime: 10,000 signed-in WebSocket clients on one process; one event to a 50-member room',
    '≤ 10 KB memory per idle client; fan-out p99 ≤ 5 ms',
    'next step of issue 7 (see `npm run bench:signaling` for one relay meanwhile)',
  ),
  b6,
  b7,
];
