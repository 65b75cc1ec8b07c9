// What the `npm run bench` scenarios share: the options, the context a scenario runs in and what it hands back.
import type { AppServer } from './app-server.js';

export interface SuiteOptions {
  /** Scenario ids to run (`--only B1,B2`); all when empty. */
  only: string[];
  /** Size of the national data set B4 generates (1 = 14,000 facilities … 5,000,000 requests). */
  scale: number;
  /** B5: how many signed-in WebSocket clients (10,000; fewer for a quick run, at least 500). */
  clients: number;
  /** B4: a data directory holding the national data set (`npm run generate:national`), or where to keep the one it generates. */
  national?: string | undefined;
  /** Interleaved rounds of a load scenario (baseline, app, baseline, app…). */
  rounds: number;
  /** Seconds of each measured load run. */
  durationS: number;
  /** Seconds of the warm-up load before a scenario's rounds (each side). */
  warmupS: number;
  /** Concurrent HTTP connections of the load generator. */
  connections: number;
  /** Repetitions of the start-up and browser scenarios (median reported). */
  runs: number;
  /** Measure the web app already in `packages/web/dist` instead of building it first. */
  skipBuild: boolean;
  /** Keep the throwaway data directory (or database) of the run. */
  keep: boolean;
  outDir: string;
}

/** Everything a scenario can use. The app server is started once, on first use, and shared. */
export interface SuiteContext {
  root: string;
  options: SuiteOptions;
  /** `DATABASE_URL` of the run, when given (the app then runs on a fresh database of that server). */
  databaseUrl: string | undefined;
  /** Where throwaway data goes (git-ignored). */
  tmpRoot: string;
  /** The running app server (started on first call). */
  server(): Promise<AppServer>;
  log: (line: string) => void;
}

export type Verdict = 'PASS' | 'MISS' | 'ERROR' | 'info';

/** One line of the summary table. */
export interface SummaryRow {
  scenario: string;
  measure: string;
  measured: string;
  baseline: string;
  /** The ratio to the baseline, or the value compared with the bar. */
  value: string;
  bar: string;
  verdict: Verdict;
  /** One line on why, when a bar is missed (or on what limits the figure). */
  why?: string;
}

export interface ScenarioResult {
  rows: SummaryRow[];
  /** Markdown for the report's section on this scenario (rounds, what the baseline runs…). */
  markdown: string[];
  /** Everything measured, for the JSON file. */
  details: unknown;
}

export interface Scenario {
  id: string;
  title: string;
  /** The bar as the issue states it. */
  bar: string;
  /** Whether it needs the shared app server. */
  needsServer: boolean;
  /** Work before the app server starts (B7 builds the web app, so the server finds it). */
  prepare?(ctx: SuiteContext): Promise<void>;
  run(ctx: SuiteContext): Promise<ScenarioResult>;
}
