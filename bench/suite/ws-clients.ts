// B5's load: many signed-in WebSocket clients in one process of their own (never in the server's, never in the bench's),
// driven by the bench over IPC (`child.send` / `process.send`, one command at a time, one reply each). The sockets of
// a room's members live here too, so the send and every receipt are timed on one clock (`performance.now()`).
//
// Commands: open (N sockets with their cookies, bounded concurrency, each waits for the server's `hello`), room (the
// chair and secretary join, the invited guests join the lobby and the chair admits each), fanout (one member chats,
// the others record when it arrives; a ping → pong of the sender's socket in between; after each, the same through the
// baseline relay's sockets when asked), leave, stats, close.
import WebSocket from 'ws';
import type { ServerMessage } from '@vuonxa/core';

export type Command =
  | { cmd: 'open'; url: string; cookies: string[]; concurrency: number; timeoutMs: number }
  | { cmd: 'room'; roomId: string; chair: number; secretary: number; guests: number[] }
  | {
      cmd: 'fanout';
      roomId: string;
      sender: number;
      count: number;
      warmup: number;
      spacingMs: number;
      textBytes: number;
      /** Sockets of the baseline relay (all in its one room): an event there after each event in the app's room. */
      baseline?: { members: number[]; sender: number };
    }
  | { cmd: 'leave'; roomId: string }
  | { cmd: 'stats' }
  | { cmd: 'close' };

export interface OpenReply {
  /** Index of the first socket of this batch (sockets are numbered across batches). */
  first: number;
  opened: number;
  failed: number;
  /** The first few failures (index, what happened). */
  errors: { index: number; message: string }[];
  /** From the first connect to the last `hello`. */
  openMs: number;
  /** Each socket's connect → `hello`, in ms (in the order they completed). */
  helloMs: number[];
}

/** One event: send → first, median and last of the other members; the sender's own copy; how many received it. */
export interface EventTimes {
  first: number;
  median: number;
  last: number;
  echo: number;
  received: number;
}

export interface FanoutReply {
  events: EventTimes[];
  /** The sender socket's ping → pong, interleaved with the events. */
  pingMs: number[];
  /** Events some member never received (within 5 s). */
  lost: number;
  members: number;
  /** The same on the baseline relay, interleaved (when asked). */
  baseline: { events: EventTimes[]; pingMs: number[]; lost: number; members: number } | null;
}

export interface ClientStats {
  open: number;
  /** Sockets closed or errored by the other side since they opened. */
  dropped: number;
  errors: number;
  /** Messages that reached sockets outside a room (idle clients should hear nothing). */
  strayMessages: number;
  rssBytes: number;
  heapUsedBytes: number;
}

type Handler = (m: ServerMessage, at: number) => void;

const sockets: (WebSocket | null)[] = [];
const handlers = new Map<number, Handler>();
const members: number[] = [];
let closing = false;
const counts = { dropped: 0, errors: 0, stray: 0 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const reply = (x: unknown) => process.send!(x);

/**
 * The upgrade request as Chromium sends it from a page of the app (`ws` adds Host, Connection, Upgrade, the key, the
 * version and, as browsers do, the permessage-deflate offer): the server keeps the upgrade request as long as the socket,
 * so its size counts.
 */
function browserLike(url: string, cookie: string): WebSocket.ClientOptions {
  const u = new URL(url);
  return {
    origin: `${u.protocol === 'wss:' ? 'https' : 'http'}://${u.host}`,
    headers: {
      Pragma: 'no-cache',
      'Cache-Control': 'no-cache',
      'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      'Accept-Encoding': 'gzip, deflate, br, zstd',
      'Accept-Language': 'vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7',
      ...(cookie ? { Cookie: cookie } : {}),
    },
  };
}

function openOne(url: string, cookie: string, index: number, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const ws = new WebSocket(url, browserLike(url, cookie));
    let helloed = false;
    const timer = setTimeout(() => fail(new Error(`no hello in ${timeoutMs} ms`)), timeoutMs);
    function fail(err: Error) {
      clearTimeout(timer);
      if (!helloed) {
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(err);
      }
    }
    ws.on('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode} instead of an upgrade`)));
    ws.on('error', (err) => {
      if (!helloed) return fail(err);
      counts.errors++;
    });
    ws.on('close', () => {
      if (!helloed) return fail(new Error('closed before hello'));
      if (!closing) counts.dropped++;
      sockets[index] = null;
    });
    ws.on('message', (raw: Buffer) => {
      const at = performance.now();
      const m = JSON.parse(raw.toString('utf8')) as ServerMessage;
      if (!helloed) {
        if (m.type !== 'hello') return fail(new Error(`first message ${m.type}, not hello`));
        helloed = true;
        clearTimeout(timer);
        sockets[index] = ws;
        return resolve(at - t0);
      }
      const h = handlers.get(index);
      if (h) h(m, at);
      else counts.stray++;
    });
  });
}

async function open(c: Extract<Command, { cmd: 'open' }>): Promise<OpenReply> {
  const helloMs: number[] = [];
  const errors: OpenReply['errors'] = [];
  let failed = 0;
  let next = 0;
  const first = sockets.length;
  sockets.length += c.cookies.length;
  sockets.fill(null, first);
  const t0 = performance.now();
  const worker = async () => {
    for (let i = next++; i < c.cookies.length; i = next++) {
      try {
        helloMs.push(await openOne(c.url, c.cookies[i]!, first + i, c.timeoutMs));
      } catch (err) {
        failed++;
        if (errors.length < 20) errors.push({ index: first + i, message: (err as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(c.concurrency, c.cookies.length) }, worker));
  return { first, opened: helloMs.length, failed, errors, openMs: performance.now() - t0, helloMs };
}

/** Sends on socket `i` and resolves with the first message `pred` accepts (after `timeoutMs`: rejects). */
function request<T extends ServerMessage>(i: number, msg: object, pred: (m: ServerMessage) => m is T, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket ${i}: no answer to ${JSON.stringify(msg).slice(0, 120)}`)), timeoutMs);
    const before = handlers.get(i);
    handlers.set(i, (m, at) => {
      before?.(m, at);
      if (m.type === 'room.error') {
        clearTimeout(timer);
        handlers.set(i, before ?? (() => undefined));
        reject(new Error(`socket ${i}: room.error ${m.code}`));
      } else if (pred(m)) {
        clearTimeout(timer);
        handlers.set(i, before ?? (() => undefined));
        resolve(m);
      }
    });
    sockets[i]!.send(JSON.stringify(msg));
  });
}

type Joined = Extract<ServerMessage, { type: 'room.joined' }>;
type Participants = Extract<ServerMessage, { type: 'room.participants' }>;
const isJoined = (m: ServerMessage): m is Joined => m.type === 'room.joined';

async function room(c: Extract<Command, { cmd: 'room' }>): Promise<{ admitted: number; joinMs: number }> {
  const t0 = performance.now();
  for (const i of [c.chair, c.secretary, ...c.guests]) {
    if (!sockets[i]) throw new Error(`room member ${i} has no open socket`);
    handlers.set(i, () => undefined);
    members.push(i);
  }
  await request(c.chair, { type: 'room.join', roomId: c.roomId }, isJoined);
  await request(c.secretary, { type: 'room.join', roomId: c.roomId }, isJoined);
  for (const g of c.guests) {
    const joined = await request(g, { type: 'room.join', roomId: c.roomId }, isJoined);
    const me = joined.you.participantId;
    if (joined.you.status === 'admitted') continue;
    // The chair lets them in from the lobby; they are in once they see themselves admitted.
    const admitted = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`guest ${g} not admitted in 10 s`)), 10_000);
      handlers.set(g, (m) => {
        if (m.type === 'room.participants' && m.participants.some((p) => p.participantId === me && p.status === 'admitted')) {
          clearTimeout(timer);
          handlers.set(g, () => undefined);
          resolve();
        }
      });
    });
    sockets[c.chair]!.send(JSON.stringify({ type: 'room.admit', roomId: c.roomId, participantId: me }));
    await admitted;
  }
  // Everyone sees the whole room admitted before anything is timed.
  const last = await request(
    c.chair,
    { type: 'room.hand', roomId: c.roomId, raised: false },
    (m): m is Participants => m.type === 'room.participants',
  );
  return { admitted: last.participants.filter((p) => p.status === 'admitted').length, joinMs: performance.now() - t0 };
}

/** One chat message from `sender`; resolves with when each member got it (ms from the send), or null after 5 s. */
function chatEvent(group: number[], sender: number, roomId: string, text: string): Promise<Map<number, number> | null> {
  const at = new Map<number, number>();
  let t0 = 0;
  const done = new Promise<Map<number, number> | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 5_000);
    const tag = text.slice(0, text.indexOf(' ') + 1);
    for (const i of group)
      handlers.set(i, (m, when) => {
        if (m.type !== 'room.chat' || !m.message.text.startsWith(tag) || at.has(i)) return;
        at.set(i, when - t0);
        if (at.size === group.length) {
          clearTimeout(timer);
          resolve(at);
        }
      });
  });
  t0 = performance.now();
  sockets[sender]!.send(JSON.stringify({ type: 'room.chat', roomId, text }));
  return done;
}

function times(at: Map<number, number>, group: number[], sender: number): EventTimes {
  const xs = group
    .filter((i) => i !== sender)
    .map((i) => at.get(i)!)
    .sort((a, b) => a - b);
  return { first: xs[0]!, median: xs[Math.floor(xs.length / 2)]!, last: xs.at(-1)!, echo: at.get(sender)!, received: xs.length };
}

const isPong = (m: ServerMessage): m is Extract<ServerMessage, { type: 'pong' }> => m.type === 'pong';

async function fanout(c: Extract<Command, { cmd: 'fanout' }>): Promise<FanoutReply> {
  const app = { events: [] as EventTimes[], pingMs: [] as number[], lost: 0, members: members.length };
  const base = c.baseline ? { events: [] as EventTimes[], pingMs: [] as number[], lost: 0, members: c.baseline.members.length } : null;
  const pad = 'Bệnh nhân ổn định, chờ kết quả CT. '.repeat(Math.ceil(c.textBytes / 36)).slice(0, c.textBytes);
  const one = async (group: number[], sender: number, k: number, into: typeof app) => {
    const at = await chatEvent(group, sender, c.roomId, `#${k} ${pad}`);
    // The socket's own round trip, on the same socket, between two events: what any relay costs at the least.
    const p0 = performance.now();
    await request(sender, { type: 'ping' }, isPong);
    const ping = performance.now() - p0;
    for (const i of group) handlers.set(i, () => undefined);
    if (k < c.warmup) return;
    if (!at) into.lost++;
    else {
      into.events.push(times(at, group, sender));
      into.pingMs.push(ping);
    }
  };
  for (let k = 0; k < c.warmup + c.count; k++) {
    await one(members, c.sender, k, app);
    await sleep(c.spacingMs / 2);
    if (c.baseline && base) await one(c.baseline.members, c.baseline.sender, k, base);
    await sleep(c.spacingMs / 2);
  }
  return { ...app, baseline: base };
}

async function leave(c: Extract<Command, { cmd: 'leave' }>): Promise<{ left: number }> {
  // Guests first, the chair last: each leave is broadcast to who is still there.
  for (const i of [...members].reverse()) sockets[i]?.send(JSON.stringify({ type: 'room.leave', roomId: c.roomId }));
  await sleep(1_000);
  const left = members.length;
  for (const i of members) handlers.delete(i);
  members.length = 0;
  return { left };
}

function stats(): ClientStats {
  const m = process.memoryUsage();
  return {
    open: sockets.filter((s) => s?.readyState === WebSocket.OPEN).length,
    dropped: counts.dropped,
    errors: counts.errors,
    strayMessages: counts.stray,
    rssBytes: m.rss,
    heapUsedBytes: m.heapUsed,
  };
}

async function close(): Promise<ClientStats> {
  closing = true;
  const s = stats();
  const open = sockets.filter((x): x is WebSocket => x !== null && x.readyState === WebSocket.OPEN);
  await Promise.all(
    open.map(
      (ws) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => (ws.terminate(), resolve()), 5_000);
          ws.once('close', () => (clearTimeout(timer), resolve()));
          ws.close(1000);
        }),
    ),
  );
  return s;
}

process.on('message', (c: Command) => {
  const run = async (): Promise<unknown> => {
    switch (c.cmd) {
      case 'open':
        return open(c);
      case 'room':
        return room(c);
      case 'fanout':
        return fanout(c);
      case 'leave':
        return leave(c);
      case 'stats':
        return stats();
      case 'close':
        return close();
    }
  };
  run().then(
    (result) => {
      reply({ ok: true, result });
      if (c.cmd === 'close') process.disconnect();
    },
    (err: unknown) => reply({ ok: false, error: (err as Error).message }),
  );
});
process.on('disconnect', () => process.exit(0));
reply({ ok: true, result: 'ready' });
