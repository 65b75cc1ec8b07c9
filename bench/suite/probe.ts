// How many SQL statements one request makes, app and baseline, counted one request at a time (no load): the app
// built in this process on the same database with a counting pool (`app.inject`), the baseline through its
// `/__statements` counter.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { countingDb, type TracedStatement } from './counting-db.js';

export interface ProbeRequest {
  method: 'GET' | 'POST';
  url: string;
  cookie: string;
  body?: string;
}

export interface ProbeResult {
  /** Statements of each probed request. */
  counts: number[];
  /** The last request's statements with their times (client side, alone on the database). */
  trace: TracedStatement[];
  /** The last request's time, end to end. */
  requestMs: number;
}

export async function appStatements(databaseUrl: string, tmpRoot: string, r: ProbeRequest, times = 3): Promise<ProbeResult> {
  const { buildApp } = await import('../../packages/server/src/app.js');
  const { loadConfig } = await import('../../packages/server/src/config.js');
  const { createDb } = await import('../../packages/server/src/db/db.js');
  const dir = await mkdtemp(path.join(tmpRoot, 'probe-'));
  const counting = countingDb(createDb(databaseUrl));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', BLOB_DIR: path.join(dir, 'blobs') });
  const app = await buildApp({ config, db: counting.db, secretKey: 'bench-probe-secret-key-0123456789abcdef', logger: false });
  try {
    await app.ready();
    const out: ProbeResult = { counts: [], trace: [], requestMs: 0 };
    for (let i = 0; i < times; i++) {
      const before = counting.statements();
      if (i === times - 1) counting.startTrace();
      const t0 = performance.now();
      const res = await app.inject({
        method: r.method,
        url: r.url,
        headers: { cookie: r.cookie, ...(r.body ? { 'content-type': 'application/json' } : {}) },
        ...(r.body ? { payload: r.body } : {}),
      });
      out.requestMs = Math.round((performance.now() - t0) * 100) / 100;
      if (res.statusCode >= 300) throw new Error(`probe ${r.method} ${r.url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
      out.counts.push(counting.statements() - before);
    }
    out.trace = counting.stopTrace();
    return out;
  } finally {
    await app.close();
    await counting.db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function baselineStatements(baseUrl: string, r: ProbeRequest, times = 3): Promise<ProbeResult> {
  const count = async (trace: boolean) =>
    (await (await fetch(`${baseUrl}/__statements${trace ? '?trace=1' : ''}`)).json()) as { statements: number; trace?: TracedStatement[] };
  const out: ProbeResult = { counts: [], trace: [], requestMs: 0 };
  for (let i = 0; i < times; i++) {
    const before = await count(i === times - 1);
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}${r.url}`, {
      method: r.method,
      headers: { cookie: r.cookie, ...(r.body ? { 'content-type': 'application/json' } : {}) },
      ...(r.body ? { body: r.body } : {}),
    });
    if (res.status >= 300) throw new Error(`baseline probe ${r.method} ${r.url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    await res.arrayBuffer();
    out.requestMs = Math.round((performance.now() - t0) * 100) / 100;
    const after = await count(false);
    out.counts.push(after.statements - before.statements);
    out.trace = after.trace ?? [];
  }
  return out;
}

/** The slowest statements of a traced request, for a "why" line: `INSERT INTO audit_event … 1.9 ms`. */
export function slowest(trace: TracedStatement[], k = 3): string {
  return [...trace]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, k)
    .map((t) => `\`${t.sql.slice(0, 48)}…\` ${t.ms} ms`)
    .join(', ');
}

/** The two traced requests side by side (statements in the order they finished). */
export function traceTable(app: ProbeResult, base: ProbeResult): string[] {
  const cell = (t: TracedStatement | undefined) => (t ? `\`${t.sql.replace(/\|/g, '\\|')}\` | ${t.ms}` : ' | ');
  const out = [
    `One request alone on the database (no load), times from the client's side: app ${app.requestMs} ms end to end ` +
      `(${app.counts.at(-1)} statements), baseline ${base.requestMs} ms (${base.counts.at(-1)}).`,
    '',
    '| # | app: statement | ms | baseline: statement | ms |',
    '|--:|---|--:|---|--:|',
  ];
  for (let i = 0; i < Math.max(app.trace.length, base.trace.length); i++)
    out.push(`| ${i + 1} | ${cell(app.trace[i])} | ${cell(base.trace[i])} |`);
  return out;
}
