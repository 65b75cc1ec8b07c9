// The scenarios of `npm run bench`, in the order they run. A new scenario is a `Scenario` (./types.ts) added here.
// B4 runs on the national data set (its own app server); the others share the app server on the demo data.
import { b1 } from './b1-healthz.js';
import { b2 } from './b2-consult-read.js';
import { b3 } from './b3-consult-create.js';
import { b4 } from './b4-national.js';
import { b5 } from './b5-realtime.js';
import { b6 } from './b6-startup.js';
import { b7 } from './b7-web.js';
import type { Scenario } from './types.js';

export const SCENARIOS: readonly Scenario[] = [b1, b2, b3, b4, b5, b6, b7];
