// B5: 10,000 signed-in WebSocket clients on the one app process (memory per idle client from the server's RSS), and the
// fan-out of one chat message to the 49 other members of a 50-member consultation room while they are all connected.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { stats, type Stats } from '../lookups/measure.js';
import { CLK_TCK, machineTicks, processTicks } from '../sfu/proc.js';
import type { AppServer } from './app-server.js';
import { startChildServer, type ChildServer } from './child.js';
import { int, kb, median, secs } from './report.js';
import type { Scenario, SuiteContext, Verdict } from './types.js';
import type { ClientStats, Command, FanoutReply, OpenReply } from './ws-clients.js';

const CLIENTS = 10_000;
const MIN_CLIENTS = 500;
const ROOM_SIZE = 50;
/** Bytes of server memory a connected, idle client may cost (1 KB = 1,000 bytes, as everywhere in the report). */
const BAR_BYTES = 10_000;
const BAR_P99_MS = 5;
const OPEN_CONCURRENCY = 200;
const EVENTS = 500;
const WARMUP_EVENTS = 50;
const SPACING_MS = 10;
const CHAT_BYTES = 120;
const SETTLE_MS = 5_000;
const SAMPLES = 5;

/** The server's resident set (VmRSS of /proc/<pid>/status), in bytes. */
function vmRss(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) * 1024;
}

interface MemorySample {
  /** Median of the samples, bytes. */
  rss: number;
  rssSamples: number[];
  /** From the server's own Prometheus metrics (`/metrics`, prom-client's defaults), bytes; null when absent. */
  heapUsed: number | null;
  heapTotal: number | null;
  external: number | null;
  /** The server's CPU over the sampling window, % of one core. */
  cpuPercent: number;
  windowS: number;
}

/** After `settleMs`, `SAMPLES` readings of the server's RSS a second apart (and its CPU meanwhile), then its heap. */
async function sampleMemory(server: AppServer, settleMs: number): Promise<MemorySample> {
  await new Promise((r) => setTimeout(r, settleMs));
  const rssSamples: number[] = [];
  const t0 = performance.now();
  const c0 = processTicks(server.pid) ?? 0;
  for (let i = 0; i < SAMPLES; i++) {
    if (i) await new Promise((r) => setTimeout(r, 1_000));
    rssSamples.push(vmRss(server.pid));
  }
  const windowS = (performance.now() - t0) / 1000;
  const cpuPercent = Math.round(((((processTicks(server.pid) ?? 0) - c0) / CLK_TCK / windowS) * 100 || 0) * 10) / 10;
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const metric = (name: string) => {
    const m = new RegExp(`^vuonxa_${name} (\\S+)$`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  return {
    rss: median(rssSamples),
    rssSamples,
    heapUsed: metric('nodejs_heap_size_used_bytes'),
    heapTotal: metric('nodejs_heap_size_total_bytes'),
    external: metric('nodejs_external_memory_bytes'),
    cpuPercent,
    windowS: Math.round(windowS * 10) / 10,
  };
}

export interface Population {
  userIds: string[];
  cookies: string[];
  roomId: string;
  sessionId: string;
  chair: number;
  secretary: number;
  guests: number[];
  setupMs: number;
}

/**
 * N users straight into the app's database, each with a session as a sign-in leaves it (`user_session` keyed by the
 * SHA-256 of the cookie token, two-factor complete): the first 50 specialists of a bench hub, the rest clinicians of a
 * bench station. A live consultation session of the hub: user 0 chairs, user 1 is secretary, users 2–49 are invited
 * specialists (they wait in the lobby until the chair admits them).
 */
export async function populate(databaseUrl: string, n: number): Promise<Population> {
  const t0 = performance.now();
  const tag = Date.now().toString(36);
  const userIds = Array.from({ length: n }, () => randomUUID());
  const tokens = Array.from({ length: n }, () => randomBytes(32).toString('base64url'));
  const hashes = tokens.map((t) => createHash('sha256').update(t).digest('hex'));
  const roomId = `vx-b5-bench-${tag}`;
  const chair = 0;
  const secretary = 1;
  const guests = Array.from({ length: ROOM_SIZE - 2 }, (_, i) => i + 2);
  let sessionId = '';
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    const province = (await db.query<{ code: string }>('SELECT code FROM province ORDER BY code LIMIT 1')).rows[0]?.code;
    if (!province) throw new Error('no province in the database (reference data missing?)');
    const facility = async (code: string, name: string, type: string) =>
      (
        await db.query<{ id: string }>('INSERT INTO facility (code, name, type, province_code) VALUES ($1, $2, $3, $4) RETURNING id', [
          code,
          name,
          type,
          province,
        ])
      ).rows[0]!.id;
    const hub = await facility(`B5-HUB-${tag}`, 'Bệnh viện đo tải B5', 'central_hospital');
    const site = await facility(`B5-TYT-${tag}`, 'Trạm y tế đo tải B5', 'commune_health_station');
    await db.query(
      `INSERT INTO app_user (id, display_name, email, password_hash)
       SELECT id, 'Khách B5 ' || i, 'b5-' || $2 || '-' || i || '@bench.invalid', '!no-password'
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, i)`,
      [userIds, tag],
    );
    await db.query(
      `INSERT INTO membership (user_id, facility_id, role)
       SELECT id, CASE WHEN i <= $4 THEN $2::uuid ELSE $3::uuid END, CASE WHEN i <= $4 THEN 'specialist' ELSE 'clinician' END
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, i)`,
      [userIds, hub, site, ROOM_SIZE],
    );
    await db.query(
      `INSERT INTO user_session (id, user_id, mfa_state, active_facility_id, ip, expires_at)
       SELECT h, u, 'complete', CASE WHEN i <= $5 THEN $3::uuid ELSE $4::uuid END, '127.0.0.1', now() + interval '1 day'
         FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS t(h, u, i)`,
      [hashes, userIds, hub, site, ROOM_SIZE],
    );
    sessionId = (
      await db.query<{ id: string }>(
        `INSERT INTO consult_session (hub_facility_id, title, starts_at, ends_at, state, chair_user_id, secretary_user_id, room_id,
                                      created_by, started_at)
         VALUES ($1, 'Hội chẩn đo tải B5', now() - interval '5 minutes', now() + interval '1 hour', 'live', $2, $3, $4, $2, now())
         RETURNING id`,
        [hub, userIds[chair], userIds[secretary], roomId],
      )
    ).rows[0]!.id;
    await db.query(
      `INSERT INTO session_invite (session_id, kind, user_id, response, responded_at)
       SELECT $1, 'specialist', u, 'accepted', now() FROM unnest($2::uuid[]) AS u`,
      [sessionId, guests.map((g) => userIds[g])],
    );
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
  return {
    userIds,
    cookies: tokens.map((t) => `vx_session=${t}`),
    roomId,
    sessionId,
    chair,
    secretary,
    guests,
    setupMs: performance.now() - t0,
  };
}

/** The bench's sessions are revoked and its consultation session ended, so nothing of it stays usable. */
export async function retire(databaseUrl: string, p: Population): Promise<void> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('UPDATE user_session SET revoked_at = now() WHERE user_id = ANY($1::uuid[]) AND revoked_at IS NULL', [p.userIds]);
    await db.query(`UPDATE consult_session SET state = 'ended', ended_at = now() WHERE room_id = $1`, [p.roomId]);
  } finally {
    await db.end();
  }
}

/** The clients' process (`ws-clients.ts`), one command at a time. */
export function startClients(root: string) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'ws-clients.ts')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (c: string) => {
    stderr.push(c);
    if (stderr.length > 50) stderr.shift();
  });
  let waiting: { resolve: (x: unknown) => void; reject: (e: Error) => void } | null = null;
  child.on('message', (m: { ok: boolean; result?: unknown; error?: string }) => {
    const w = waiting;
    waiting = null;
    if (!w) return;
    if (m.ok) w.resolve(m.result);
    else w.reject(new Error(`ws clients: ${m.error}`));
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      waiting?.reject(new Error(`ws clients exited with ${code}: ${stderr.join('').slice(-2000)}`));
      waiting = null;
      resolve(code);
    }),
  );
  const next = () => new Promise<unknown>((resolve, reject) => (waiting = { resolve, reject }));
  const ready = next();
  return {
    pid: child.pid!,
    ready,
    send<T>(c: Command): Promise<T> {
      if (waiting) throw new Error('ws clients: one command at a time');
      const p = next() as Promise<T>;
      child.send(c);
      return p;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      if (child.connected) child.disconnect();
      else child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const mb = (b: number) => `${(b / 1_000_000).toFixed(1)} MB`;
const mbOf = (b: number | null) => (b === null ? '?' : mb(b));
/** `9.7 KB`, with a second decimal when one would hide which side of the bar the figure is on. */
const kbVs = (bytes: number, bar: number) => (kb(bytes) === kb(bar) && bytes !== bar ? `${(bytes / 1000).toFixed(2)} KB` : kb(bytes));

function clientCount(asked: number): number {
  return Math.max(MIN_CLIENTS, Math.round(asked));
}

export const b5: Scenario = {
  id: 'B5',
  title: 'realtime: 10,000 signed-in WebSocket clients on one process; one event to a 50-member room',
  bar: `≤ ${BAR_BYTES / 1000} KB of server memory per idle client; fan-out p99 ≤ ${BAR_P99_MS} ms`,
  needsServer: true,
  async run(ctx: SuiteContext) {
    const server = await ctx.server();
    const n = clientCount(ctx.options.clients);
    ctx.log(`  ${int(n)} users with sessions and a ${ROOM_SIZE}-member consultation session, straight into the database…`);
    const pop = await populate(server.databaseUrl, n);
    ctx.log(`    ${secs(pop.setupMs)}`);
    const clients = startClients(ctx.root);
    let base: ChildServer | null = null;
    try {
      await clients.ready;
      const wsUrl = `${server.url.replace(/^http/, 'ws')}/api/ws`;
      ctx.log(`  server idle before the clients (${SETTLE_MS / 1000} s to settle, ${SAMPLES} RSS samples)…`);
      const before = await sampleMemory(server, SETTLE_MS);
      // In two halves, with the memory sampled in between: the second half's slope depends less on how much room the
      // heap had before the first socket.
      const halfN = Math.floor(n / 2);
      const openBatch = async (cookies: string[]) => {
        const c0 = processTicks(server.pid) ?? 0;
        const r = await clients.send<OpenReply>({ cmd: 'open', url: wsUrl, cookies, concurrency: OPEN_CONCURRENCY, timeoutMs: 30_000 });
        ctx.log(`    ${int(r.opened)} open in ${secs(r.openMs)}, ${r.failed} failed${r.errors[0] ? ` (${r.errors[0].message})` : ''}`);
        return { ...r, cpuS: ((processTicks(server.pid) ?? 0) - c0) / CLK_TCK };
      };
      ctx.log(`  opening ${int(halfN)} sockets, ${OPEN_CONCURRENCY} at a time, each until its hello…`);
      const open1 = await openBatch(pop.cookies.slice(0, halfN));
      const half = await sampleMemory(server, SETTLE_MS);
      ctx.log(`    RSS ${mb(before.rss)} → ${mb(half.rss)}; opening the other ${int(n - halfN)}…`);
      const open2 = await openBatch(pop.cookies.slice(halfN));
      const open: OpenReply = {
        first: 0,
        opened: open1.opened + open2.opened,
        failed: open1.failed + open2.failed,
        errors: [...open1.errors, ...open2.errors],
        openMs: open1.openMs + open2.openMs,
        helloMs: [...open1.helloMs, ...open2.helloMs],
      };
      const openCpuS = open1.cpuS + open2.cpuS;
      if (open.opened === 0) throw new Error(`no socket opened: ${open.errors.map((e) => e.message).join('; ')}`);
      const hello = stats(open.helloMs);
      ctx.log(`  ${int(open.opened)} idle clients: ${SETTLE_MS / 1000} s to settle, ${SAMPLES} RSS samples…`);
      const idle = await sampleMemory(server, SETTLE_MS);
      const idleClients = await clients.send<ClientStats>({ cmd: 'stats' });
      const perClient = (idle.rss - before.rss) / open.opened;
      const slope = open2.opened > 0 ? (idle.rss - half.rss) / open2.opened : null;
      // The bar's figure: what each further idle socket costs once the process has grown (the second half's slope).
      // The whole Δ depends on the heap's headroom before the first socket: a fresh server's absorbs part of the
      // growth (6.4 KB vs a slope of 8.1), one that has just given memory back after other load refills it first
      // (10.2 KB vs 8.1 in the same build, 2026-11-28).
      const perSocket = slope ?? perClient;
      const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / open.opened);
      const heapPerClient = delta(before.heapUsed, idle.heapUsed);
      const externalPerClient = delta(before.external, idle.external);
      const heapTotalPerClient = delta(before.heapTotal, idle.heapTotal);
      ctx.log(
        `    RSS ${mb(before.rss)} → ${mb(idle.rss)}: ${kb(perClient)} a client` +
          (slope === null ? '' : ` (second half alone ${kb(slope)})`) +
          (heapPerClient === null ? '' : ` (V8 heap used ${kb(heapPerClient)}, external ${kb(externalPerClient ?? 0)})`) +
          `; server CPU idle ${idle.cpuPercent}% of a core (${before.cpuPercent}% before)`,
      );

      ctx.log(`  room ${pop.roomId}: chair, secretary and ${pop.guests.length} invited specialists join (the chair admits each)…`);
      const room = await clients.send<{ admitted: number; joinMs: number }>({
        cmd: 'room',
        roomId: pop.roomId,
        chair: pop.chair,
        secretary: pop.secretary,
        guests: pop.guests,
      });
      if (room.admitted !== ROOM_SIZE) throw new Error(`${room.admitted} of ${ROOM_SIZE} admitted to the room`);
      const sender = pop.guests[0]!;
      base = await startChildServer(ctx.root, path.join(import.meta.dirname, 'baseline-ws.ts'), {});
      const baseOpen = await clients.send<OpenReply>({
        cmd: 'open',
        url: `${base.url.replace(/^http/, 'ws')}/ws`,
        cookies: Array.from({ length: ROOM_SIZE }, () => ''),
        concurrency: ROOM_SIZE,
        timeoutMs: 10_000,
      });
      if (baseOpen.opened !== ROOM_SIZE) throw new Error(`baseline relay: ${baseOpen.opened} of ${ROOM_SIZE} sockets opened`);
      const baseMembers = Array.from({ length: ROOM_SIZE }, (_, i) => baseOpen.first + i);
      ctx.log(
        `  ${EVENTS} chat messages (after ${WARMUP_EVENTS} warm-up) from one member, each followed by one through the bare relay ` +
          `(baseline-ws.ts, ${ROOM_SIZE} sockets of its own), ${SPACING_MS} ms apart…`,
      );
      const cpuFan0 = processTicks(server.pid) ?? 0;
      const machine0 = machineTicks();
      const tFan0 = performance.now();
      const fan = await clients.send<FanoutReply>({
        cmd: 'fanout',
        roomId: pop.roomId,
        sender,
        count: EVENTS,
        warmup: WARMUP_EVENTS,
        spacingMs: SPACING_MS,
        textBytes: CHAT_BYTES,
        baseline: { members: baseMembers, sender: baseMembers[2]! },
      });
      const fanCpu = (((processTicks(server.pid) ?? 0) - cpuFan0) / CLK_TCK / ((performance.now() - tFan0) / 1000)) * 100;
      const machine1 = machineTicks();
      const machineBusy = Math.round(((machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)) * 100);
      const loadAverage = os.loadavg()[0] ?? 0;
      const bl = fan.baseline!;
      const baseLast = stats(bl.events.map((e) => e.last));
      const baseFirst = stats(bl.events.map((e) => e.first));
      const baseMid = stats(bl.events.map((e) => e.median));
      const basePing = stats(bl.pingMs);
      const baseSpread = stats(bl.events.map((e) => e.last - e.first));
      const last = stats(fan.events.map((e) => e.last));
      const first = stats(fan.events.map((e) => e.first));
      const mid = stats(fan.events.map((e) => e.median));
      const echo = stats(fan.events.map((e) => e.echo));
      const ping = stats(fan.pingMs);
      const spread = stats(fan.events.map((e) => e.last - e.first));
      ctx.log(
        `    send → last of ${ROOM_SIZE - 1}: p50 ${ms(last.p50)}, p99 ${ms(last.p99)}, max ${ms(last.max)}; → first p50 ${ms(first.p50)}; ` +
          `ping → pong p50 ${ms(ping.p50)}, p99 ${ms(ping.p99)}; ${fan.lost} lost`,
      );
      ctx.log(
        `    bare relay, send → last: p50 ${ms(baseLast.p50)}, p99 ${ms(baseLast.p99)}, max ${ms(baseLast.max)}; ` +
          `machine ${machineBusy}% busy, load average ${loadAverage.toFixed(1)}`,
      );
      await clients.send({ cmd: 'leave', roomId: pop.roomId });
      const during = await clients.send<ClientStats>({ cmd: 'stats' });
      const closed = await clients.send<ClientStats>({ cmd: 'close' });
      await clients.stop();
      const after = await sampleMemory(server, 2_000);
      const ready = await fetch(`${server.url}/readyz`);
      await ready.arrayBuffer();
      if (!ready.ok) throw new Error(`the server answers /readyz with ${ready.status} after B5`);

      const memPass = perSocket <= BAR_BYTES && open.failed === 0;
      // Below 10,000 (`--clients`) the difference is within what the process's RSS moves by itself (a collection, the
      // heap resized): a figure, not a verdict.
      const memVerdict: Verdict = n < CLIENTS ? 'info' : memPass ? 'PASS' : 'MISS';
      const fanPass = last.p99 <= BAR_P99_MS && fan.lost === 0;
      const heapShare =
        heapPerClient === null || heapTotalPerClient === null
          ? ''
          : `; V8 heap used +${kb(heapPerClient)} a client, heap total +${kb(heapTotalPerClient)}`;
      const memWhy =
        open.failed > 0
          ? `${open.failed} of ${int(n)} sockets failed to open (${open.errors[0]?.message ?? '?'})`
          : `server RSS ${mb(before.rss)} → ${mb(half.rss)} → ${mb(idle.rss)} for ${int(open.opened)} idle sockets: the second ` +
            `half ${kbVs(perSocket, BAR_BYTES)} each (whole Δ ${kb(perClient)})${heapShare}; what a connection holds: bench/README.md (B5)`;
      const fanWhy =
        `send → last p50 ${ms(last.p50)}, p99 ${ms(last.p99)}, max ${ms(last.max)}; a bare \`ws\` relay to ${ROOM_SIZE} sockets, ` +
        `interleaved: p50 ${ms(baseLast.p50)}, p99 ${ms(baseLast.p99)} (the same socket's ping → pong p99 ${ms(ping.p99)}; machine ` +
        `${machineBusy}% busy, load average ${loadAverage.toFixed(1)}); the first member hears of it ${ms(first.p50)} after the send ` +
        `at p50 (bare relay ${ms(baseFirst.p50)}: the app also validates the message and checks the seat, and writes it after relaying), the ` +
        `other ${ROOM_SIZE - 2} within ${ms(spread.p50)} more (bare relay ${ms(baseSpread.p50)})` +
        (fan.lost ? `; ${fan.lost} events not received by every member within 5 s` : '');
      const memorySamples = (m: MemorySample) => `${mb(m.rss)}, samples ${mb(Math.min(...m.rssSamples))}–${mb(Math.max(...m.rssSamples))}`;
      return {
        rows: [
          {
            scenario: 'B5',
            measure: `server memory per idle signed-in socket (RSS slope over the second ${int(open2.opened)})`,
            measured: kbVs(perSocket, BAR_BYTES),
            baseline: `RSS ${mb(before.rss)} → ${mb(half.rss)} → ${mb(idle.rss)}; whole Δ ÷ ${int(open.opened)}: ${kb(perClient)}`,
            value: kbVs(perSocket, BAR_BYTES),
            bar: `≤ ${BAR_BYTES / 1000} KB`,
            verdict: memVerdict,
            ...(memVerdict === 'PASS'
              ? {}
              : {
                  why:
                    memVerdict === 'info'
                      ? `only ${int(n)} clients (\`--clients\`): ${memWhy}; at this size the difference is within what the RSS moves by itself`
                      : memWhy,
                }),
          },
          {
            scenario: 'B5',
            measure: `chat to a ${ROOM_SIZE}-member room with ${int(open.opened)} connected: send → last member, p99 of ${fan.events.length}`,
            measured: ms(last.p99),
            baseline: `bare relay ${ms(baseLast.p99)}`,
            value: ms(last.p99),
            bar: `≤ ${BAR_P99_MS} ms`,
            verdict: fanPass ? 'PASS' : 'MISS',
            ...(fanPass ? {} : { why: fanWhy }),
          },
          {
            scenario: 'B5',
            measure: `time to open ${int(open.opened)} signed-in sockets (${OPEN_CONCURRENCY} at a time, until each one's hello)`,
            measured: secs(open.openMs),
            baseline: '–',
            value: `${int(open.opened / (open.openMs / 1000))}/s`,
            bar: '–',
            verdict: 'info',
          },
        ],
        markdown: [
          `${int(n)} users, each with a session as a sign-in leaves it (a \`user_session\` row keyed by the SHA-256 of a random ` +
            'cookie token, two-factor complete, a membership: 50 specialists of a bench hub, the rest clinicians of a bench station), ' +
            `written straight into the app's database (\`INSERT … SELECT FROM unnest\`, ${secs(pop.setupMs)}; no password sign-ins). ` +
            'The clients run in a process of their own (`bench/suite/ws-clients.ts`, the `ws` package), driven over IPC. Each socket ' +
            'is `/api/ws` with the cookie `vx_session` and the headers Chromium sends with an upgrade from a page of the app (origin, ' +
            'user agent, languages, no-cache, the per-message deflate offer, which the server declines): the server keeps the upgrade ' +
            'request as long as the socket, so its size counts. The guard resolves the session (three statements) before the upgrade, ' +
            "the route subscribes the user to the event bus and sends `hello`. At the end the bench's sessions are revoked and the " +
            'consultation session is ended.',
          '',
          `**Memory.** The server's \`VmRSS\` (\`/proc/<pid>/status\`): ${SAMPLES} samples a second apart after ${SETTLE_MS / 1000} s ` +
            `of quiet before the first socket (${memorySamples(before)}), with the first ${int(open1.opened)} open and idle ` +
            `(${memorySamples(half)}) and with all ${int(open.opened)} (${memorySamples(idle)}); per client = the difference of the ` +
            `medians ÷ the sockets: ${kb(perClient)} in all, ${kbVs(perSocket, BAR_BYTES)} for the second half (the bar's figure: ` +
            'what each further idle socket costs once the process has grown, whatever headroom the heap had before the first one). ' +
            'The bench cannot force a garbage collection in the ' +
            "server's process: RSS is the honest figure of what the process holds, not a count of live objects. It follows V8's " +
            'committed heap (heap total), which V8 sizes from the live heap with headroom: garbage of the upgrades (three statements ' +
            'each) not yet collected counts, and headroom the heap already had before the first socket absorbs part of the growth. ' +
            "Kernel socket buffers are not in the process's RSS. From the server's own `/metrics` (prom-client): V8 heap used " +
            `${mbOf(before.heapUsed)} → ${mbOf(half.heapUsed)} → ${mbOf(idle.heapUsed)}` +
            `${heapPerClient === null ? '' : ` (${kb(heapPerClient)} a client)`}, heap total ` +
            `${mbOf(before.heapTotal)} → ${mbOf(half.heapTotal)} → ${mbOf(idle.heapTotal)}` +
            `${heapTotalPerClient === null ? '' : ` (${kb(heapTotalPerClient)} a client)`}, external ` +
            `${mbOf(before.external)} → ${mbOf(idle.external)}. Two seconds after the clients closed: RSS ${mb(after.rss)}, heap ` +
            `used ${mbOf(after.heapUsed)} (until V8 collects; a heap snapshot after closing, which collects first, found the heap ` +
            `back where it started). The clients' own process: ${mb(idleClients.rssBytes)} RSS with all open. What a connection ` +
            'holds, from heap snapshots: see `bench/README.md` (B5).',
          '',
          `**Opening.** ${int(open.opened)} of ${int(n)} opened in ${secs(open.openMs)} (${OPEN_CONCURRENCY} at a time), ` +
            `${open.failed} failed${open.errors.length ? ` (${open.errors.map((e) => e.message).join('; ')})` : ''}; connect → hello ` +
            `p50 ${ms(hello.p50)}, p99 ${ms(hello.p99)}, max ${ms(hello.max)}; the server spent ${openCpuS.toFixed(1)} s of CPU ` +
            `(${int((openCpuS * 1e6) / Math.max(1, open.opened))} µs a socket). Idle with all of them open the server used ` +
            `${idle.cpuPercent}% of a core (${before.cpuPercent}% before the first). Sockets dropped by the server while open: ` +
            `${during.dropped}; socket errors: ${during.errors}; messages to sockets outside the room: ${during.strayMessages}.`,
          '',
          `**Fan-out.** The real room path: a live consultation session of the bench hub (\`consult_session\`, room ` +
            `\`${pop.roomId}\`); its chair and secretary join as hosts, ${pop.guests.length} invited specialists ` +
            '(`session_invite`) join the lobby and the chair admits each one (`room.admit`), in ' +
            `${secs(room.joinMs)}. All ${ROOM_SIZE} members are sockets of the clients' process, so sending and receiving are timed on ` +
            `one clock; the other ${int(open.opened - ROOM_SIZE)} sockets stay open and idle. One member sends \`room.chat\` ` +
            `(${CHAT_BYTES} characters of text); the server checks the seat, sends \`room.chat\` to every admitted ` +
            `seat (serialised once) and then stores it (\`INSERT INTO session_chat\`, id from a block of the sequence). ${EVENTS} messages after ${WARMUP_EVENTS} of warm-up, one at a time: each waits ` +
            `for all ${ROOM_SIZE} copies, then a ping → pong on the sender's socket (the round trip any relay costs at the least), ` +
            `then ${SPACING_MS / 2} ms, then the same through the baseline, then ${SPACING_MS / 2} ms. Baseline ` +
            '(`bench/suite/baseline-ws.ts`, a process of its own): `node:http` + `ws` and nothing else, the least a relay does ' +
            `(parse, wrap as the app's \`room.chat\`, serialise once, send to all ${ROOM_SIZE} of its sockets; no session, no ` +
            `validation, nothing stored), driven by the same client process with ${ROOM_SIZE} sockets of its own: what the machine, ` +
            'the loopback and the clients cost at the same moment. Server CPU meanwhile ' +
            `${Math.round(fanCpu)}% of a core; the machine ${machineBusy}% busy (all cores), 1-min load average ` +
            `${loadAverage.toFixed(1)}. Latency in ms from the send:`,
          '',
          '| | p50 | p95 | p99 | max | mean |',
          '|---|--:|--:|--:|--:|--:|',
          ...(
            [
              [`last of the ${ROOM_SIZE - 1} other members (the bar)`, last],
              ['median member', mid],
              ['first member', first],
              ['first → last member', spread],
              ["sender's own copy", echo],
              ["ping → pong on the sender's socket", ping],
              [`baseline relay: last of ${ROOM_SIZE - 1}`, baseLast],
              ['baseline relay: median member', baseMid],
              ['baseline relay: first member', baseFirst],
              ['baseline relay: first → last member', baseSpread],
              ["baseline relay: ping → pong on the sender's socket", basePing],
            ] as [string, Stats][]
          ).map(([label, s]) => `| ${label} | ${[s.p50, s.p95, s.p99, s.max, s.mean].map((x) => x.toFixed(2)).join(' | ')} |`),
          '',
          `Lost (some member had nothing within 5 s): ${fan.lost} (baseline ${bl.lost}). Sockets open when the room was done: ` +
            `${int(during.open)} (with the baseline's ${ROOM_SIZE}), ${closed.dropped} dropped by a server.`,
        ],
        details: {
          clients: n,
          population: { roomId: pop.roomId, setupMs: pop.setupMs },
          before,
          half,
          idle,
          slope,
          heapTotalPerClient,
          after,
          perClient,
          heapPerClient,
          externalPerClient,
          open: { ...open, helloMs: hello },
          openCpuS,
          room,
          fanout: {
            last,
            first,
            median: mid,
            echo,
            ping,
            lost: fan.lost,
            cpuPercent: fanCpu,
            machineBusy,
            loadAverage,
            events: fan.events,
            baseline: { last: baseLast, first: baseFirst, median: baseMid, ping: basePing, lost: bl.lost, events: bl.events },
          },
          clientsProcess: { idle: idleClients, during, closed },
        },
      };
    } finally {
      await clients.stop();
      await base?.stop();
      await retire(server.databaseUrl, pop);
    }
  },
};
