// `npm run bench:signaling -- [--samples 500]`: how long a WebRTC signaling message takes to cross the server
// between two people in a room (A → server → B → server → A), against the socket's own ping round trip measured in
// the same run, on a throwaway embedded PostgreSQL (or DATABASE_URL). Reports p50/p95/p99 and the ratio.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import type { ServerMessage } from '@vuonxa/core';
import { buildApp } from '../packages/server/src/app.js';
import { loadConfig } from '../packages/server/src/config.js';
import { createPasswordHasher } from '../packages/server/src/lib/passwords.js';
import { numberOption } from './lib/args.js';
import { openBenchDb } from './lib/bench-db.js';
import { log } from './lib/log.js';
import { stats } from './lookups/measure.js';

const { values } = parseArgs({ options: { samples: { type: 'string' }, out: { type: 'string' } } });
const samples = Math.floor(numberOption(values.samples, 'samples', 500));
const outDir = values.out ?? path.join(import.meta.dirname, 'results');
const databaseUrl = process.env.DATABASE_URL || undefined;
const tmpRoot = path.join(import.meta.dirname, 'results', 'tmp');
await mkdir(tmpRoot, { recursive: true });
const dataDir = await mkdtemp(path.join(tmpRoot, 'signaling-'));
const bench = await openBenchDb({ databaseUrl, dataDir, port: Number(process.env.EMBEDDED_PG_PORT || 54342), poolSize: 10 });
const { db } = bench;
const PASSWORD = 'Do-tre-bao-hieu-2026';
try {
  const hasher = createPasswordHasher();
  const hash = await hasher.hash(PASSWORD);
  const one = async <T>(sql: string, p: unknown[]) => (await db.query<{ id: string } & T>(sql, p)).rows[0]!;
  const hub = await one(
    `INSERT INTO facility (code, name, type, province_code) VALUES ('B-HUB', 'Bệnh viện thử', 'central_hospital', '01') RETURNING id`,
    [],
  );
  const spoke = await one(
    `INSERT INTO facility (code, name, type, province_code) VALUES ('B-SPOKE', 'Trạm thử', 'commune_health_station', '01') RETURNING id`,
    [],
  );
  const user = async (email: string, facility: string, role: string) => {
    const u = await one(`INSERT INTO app_user (display_name, email, password_hash) VALUES ($1, $1, $2) RETURNING id`, [email, hash]);
    await db.query('INSERT INTO membership (user_id, facility_id, role) VALUES ($1, $2, $3)', [u.id, facility, role]);
    return u.id;
  };
  const chair = await user('chair@bench.vn', hub.id, 'specialist');
  const nurse = await user('nurse@bench.vn', spoke.id, 'clinician');
  const roomId = 'vx-bench-room-0001';
  const session = await one(
    `INSERT INTO consult_session (hub_facility_id, title, starts_at, ends_at, chair_user_id, secretary_user_id, room_id, created_by)
     VALUES ($1, 'Đo tín hiệu', now(), now() + interval '1 hour', $2, $2, $3, $2) RETURNING id`,
    [hub.id, chair, roomId],
  );
  await db.query(`INSERT INTO session_invite (session_id, kind, facility_id) VALUES ($1, 'site', $2)`, [session.id, spoke.id]);

  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', BLOB_DIR: path.join(dataDir, 'blobs') });
  const app = await buildApp({ config, db, secretKey: 'bench-secret-key-0123456789abcdef-0123', logger: false, hasher });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/ws`;

  async function connect(email: string) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: email, password: PASSWORD } });
    const cookie = `vx_session=${res.cookies.find((c) => c.name === 'vx_session')!.value}`;
    const ws = new WebSocket(url, { headers: { cookie } });
    await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)));
    const waiters: ((m: ServerMessage) => boolean)[] = [];
    ws.on('message', (raw: Buffer) => {
      const m = JSON.parse(raw.toString('utf8')) as ServerMessage;
      const i = waiters.findIndex((w) => w(m));
      if (i >= 0) waiters.splice(i, 1);
    });
    const next = (pred: (m: ServerMessage) => boolean) =>
      new Promise<ServerMessage>((resolve) => waiters.push((m) => (pred(m) ? (resolve(m), true) : false)));
    return { ws, next, send: (m: object) => ws.send(JSON.stringify(m)) };
  }
  const a = await connect('chair@bench.vn');
  const b = await connect('nurse@bench.vn');
  const joinedA = a.next((m) => m.type === 'room.joined');
  a.send({ type: 'room.join', roomId });
  const youA = (await joinedA) as Extract<ServerMessage, { type: 'room.joined' }>;
  const joinedB = b.next((m) => m.type === 'room.joined');
  b.send({ type: 'room.join', roomId });
  const youB = (await joinedB) as Extract<ServerMessage, { type: 'room.joined' }>;
  const admitted = b.next(
    (m) => m.type === 'room.participants' && m.participants.some((p) => p.userId === nurse && p.status === 'admitted'),
  );
  a.send({ type: 'room.admit', roomId, participantId: youB.you.participantId });
  await admitted;
  // B echoes every offer back as an answer, as a peer would.
  b.ws.on('message', (raw: Buffer) => {
    const m = JSON.parse(raw.toString('utf8')) as ServerMessage;
    if (m.type === 'room.signal' && m.data.type === 'offer')
      b.send({ type: 'room.signal', roomId, to: m.from, data: { type: 'answer', sdp: m.data.sdp } });
  });
  const sdp = `v=0\r\n${'a=candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host\r\n'.repeat(40)}`; // ~3 kB, a typical offer
  const ping = async () => {
    const t = performance.now();
    const p = a.next((m) => m.type === 'pong');
    a.send({ type: 'ping' });
    await p;
    return performance.now() - t;
  };
  const relay = async () => {
    const t = performance.now();
    const p = a.next((m) => m.type === 'room.signal' && m.data.type === 'answer');
    a.send({ type: 'room.signal', roomId, to: youB.you.participantId, data: { type: 'offer', sdp } });
    await p;
    return performance.now() - t;
  };
  void youA;
  const pings: number[] = [];
  const relays: number[] = [];
  for (let i = 0; i < 50; i++) await relay(); // warm-up
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < samples; i++) {
    pings.push(await ping());
    relays.push(await relay());
  }
  const base = stats(pings);
  const r = stats(relays);
  const ratio = (x: number, y: number) => Math.round((x / y) * 10) / 10;
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, load: os.loadavg()[0] },
    samples,
    baseline: { name: 'socket ping → pong', ...base },
    relay: {
      name: 'offer A → B, answer B → A (two hops through the server, ~3 kB SDP)',
      ...r,
      ratioP50: ratio(r.p50, base.p50),
      ratioP99: ratio(r.p99, base.p99),
    },
  };
  log(`ping  p50 ${base.p50} ms  p95 ${base.p95}  p99 ${base.p99}`);
  log(`relay p50 ${r.p50} ms  p95 ${r.p95}  p99 ${r.p99}  (×${report.relay.ratioP50} p50, ×${report.relay.ratioP99} p99 of ping)`);
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, `signaling-${report.date.slice(0, 10)}.json`), `${JSON.stringify(report, null, 2)}\n`);
  a.ws.close();
  b.ws.close();
  await app.close();
} finally {
  await bench.close();
  await rm(dataDir, { recursive: true, force: true });
}
