// Starts the real server as `npm start` does (node --import tsx packages/server/src/main.ts), in its own process,
// on a throwaway data directory or a fresh database of `DATABASE_URL`, and waits for /readyz.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

/** One pino line of the server's stdout. */
export interface LogLine {
  /** Milliseconds since the process was spawned. */
  atMs: number;
  level: number;
  msg: string;
  fields: Record<string, unknown>;
}

export interface AppServer {
  url: string;
  pid: number;
  /** Where the server keeps its data: the embedded PostgreSQL's URL, or the fresh database of `DATABASE_URL`. */
  databaseUrl: string;
  database: 'embedded' | 'external';
  /** Spawn to the first 200 of /readyz. */
  readyMs: number;
  logs: LogLine[];
  /** SIGINT, as Ctrl-C; resolves with the exit code (0 when HTTP, the pool and PostgreSQL closed cleanly). */
  stop(): Promise<number | null>;
  /** The server's last warnings and errors and the tail of its stderr, for reports. */
  problems(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Spawns the server and resolves once /readyz answers 200 (polled every `pollMs`). Without `databaseUrl` the server
 * runs its embedded PostgreSQL in `dataDir` (demo data seeded on the first start, as `npm start`); with it, the
 * server uses that database and seeds the demo data when it is empty (`DEMO_SEED=1`).
 */
export async function startAppServer(opts: {
  root: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  logLevel?: string;
  pollMs?: number;
  timeoutMs?: number;
  onWarn?: (line: string) => void;
  /** More environment for the server (B4: `DEMO_SEED=0` on the national data set). */
  env?: Record<string, string>;
}): Promise<AppServer> {
  const port = await freePort();
  const pgPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: opts.dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: opts.logLevel ?? 'warn',
    WEB_DIST: path.join(opts.root, 'packages/web/dist'),
  };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) Object.assign(env, { DATABASE_URL: opts.databaseUrl, DEMO_SEED: '1' });
  Object.assign(env, opts.env);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(opts.root, 'packages/server/src/main.ts')], {
    cwd: opts.root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const stderr: string[] = [];
  const problems: string[] = [];
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const atMs = performance.now() - t0;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        const { level, msg, time: _t, pid: _p, hostname: _h, ...fields } = JSON.parse(line) as Record<string, unknown>;
        logs.push({ atMs, level: Number(level), msg: String(msg), fields });
        if (Number(level) >= 40) {
          opts.onWarn?.(line);
          problems.push(line);
        }
      } catch {
        if (line.trim()) opts.onWarn?.(line);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  let readyMs = 0;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode} before ready: ${[...problems, ...stderr].join('\n').slice(-2000)}`);
    try {
      const res = await fetch(`${url}/readyz`);
      await res.arrayBuffer();
      if (res.ok) {
        readyMs = performance.now() - t0;
        break;
      }
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready in ${opts.timeoutMs ?? 120_000} ms`);
    }
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 50));
  }
  return {
    url,
    pid: child.pid!,
    databaseUrl: opts.databaseUrl ?? `postgres://postgres:postgres@127.0.0.1:${pgPort}/vuonxa`,
    database: opts.databaseUrl ? 'external' : 'embedded',
    readyMs,
    logs,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    problems: () => [...problems, ...stderr].join('\n').slice(-2000),
  };
}

/** `DATABASE_URL` with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `DATABASE_URL` with the password hidden, for reports. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Creates an empty database on the server of `url` (connecting to the database of `url`). */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return withDatabase(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

/** Waits until the embedded PostgreSQL of `dataDir` has gone (its lock file removed); returns how long it took. */
export async function postgresGone(dataDir: string, timeoutMs = 15_000): Promise<number> {
  const t0 = performance.now();
  while (existsSync(path.join(dataDir, 'pg', 'postmaster.pid')) && performance.now() - t0 < timeoutMs)
    await new Promise((r) => setTimeout(r, 50));
  return Math.round(performance.now() - t0);
}
