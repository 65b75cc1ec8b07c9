import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '@vuonxa/core';
import { buildApp } from '../app.js';
import { createHarness, type Harness } from '../../test/harness.js';
import { consultWorld, draftBody, type World } from '../../test/consult-world.js';

let h: Harness;
let w: World;
let base: string;

beforeAll(async () => {
  h = await createHarness();
  w = await consultWorld(h);
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
});
afterAll(() => h.close());

/** Opens the socket with a session cookie and collects what arrives. */
async function connect(url: string, cookie?: string) {
  const ws = new WebSocket(`${url}/api/ws`, cookie ? { headers: { cookie } } : {});
  const got: ServerMessage[] = [];
  ws.on('message', (raw: Buffer) => got.push(JSON.parse(raw.toString('utf8')) as ServerMessage));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const until = async (pred: (m: ServerMessage) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const m = got.find(pred);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no matching message among ${JSON.stringify(got)}`);
  };
  return { ws, got, until };
}

const submit = async (app = h.app) => {
  const c = (
    await app.inject({ method: 'POST', url: '/api/consults', headers: { cookie: w.cookies.clinician }, payload: draftBody(w) })
  ).json();
  await app.inject({
    method: 'POST',
    url: `/api/consults/${c.id}/transitions`,
    headers: { cookie: w.cookies.clinician },
    payload: { action: 'submit' },
  });
  return c as { id: string; ref: string };
};

describe('realtime socket', () => {
  it('refuses a connection without a session', async () => {
    await expect(connect(base)).rejects.toThrow('HTTP 401');
  });

  it('tells the hub coordinator at once that a request arrived, with no patient data', async () => {
    const s = await connect(base, w.cookies.coordinator);
    await s.until((m) => m.type === 'hello');
    const c = await submit();
    const note = await s.until((m) => m.type === 'notification');
    expect(note).toMatchObject({ type: 'notification', notification: { kind: 'consult.submitted', consultId: c.id, ref: c.ref } });
    expect(JSON.stringify(note)).not.toContain('Nguyễn');
    s.ws.send(JSON.stringify({ type: 'ping' }));
    await s.until((m) => m.type === 'pong');
    // Stored too, for whoever was offline.
    const list = (await h.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: w.cookies.coordinator } })).json();
    expect(list.unread).toBeGreaterThan(0);
    await h.app.inject({
      method: 'POST',
      url: '/api/notifications/read',
      headers: { cookie: w.cookies.coordinator },
      payload: { all: true },
    });
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie: w.cookies.coordinator } })).json().unread,
    ).toBe(0);
    s.ws.close();
  });

  it('tells the others a request changed, not the person who changed it', async () => {
    const nurse = await connect(base, w.cookies.clinician);
    const hub = await connect(base, w.cookies.coordinator);
    await nurse.until((m) => m.type === 'hello');
    await hub.until((m) => m.type === 'hello');
    const c = await submit();
    await hub.until((m) => m.type === 'consult.changed' && m.consultId === c.id);
    // The coordinator starts triage: now the nurse hears of it, the coordinator does not hear of their own act.
    const seenByHub = hub.got.length;
    await h.app.inject({
      method: 'POST',
      url: `/api/consults/${c.id}/transitions`,
      headers: { cookie: w.cookies.coordinator },
      payload: { action: 'start_triage' },
    });
    await nurse.until((m) => m.type === 'consult.changed' && m.consultId === c.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(hub.got.slice(seenByHub).filter((m) => m.type === 'consult.changed')).toEqual([]);
    expect(nurse.got.filter((m) => m.type === 'consult.changed' && m.consultId === c.id)).toHaveLength(1);
    nurse.ws.close();
    hub.ws.close();
  });

  it('fans out across two server instances through Redis', async (ctx) => {
    const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const reachable = await new Promise<boolean>((resolve) => {
      const u = new URL(url);
      const sock = createConnection({ host: u.hostname, port: Number(u.port || 6379) }, () => (sock.end(), resolve(true)));
      sock.on('error', () => resolve(false));
    });
    if (!reachable && !process.env.CI) return ctx.skip();
    const redisConfig = { ...h.config, redisUrl: url };
    const a = await buildApp({ config: redisConfig, db: h.db, secretKey: 'test-secret-key-0123456789abcdef-0123', logger: false });
    const b = await buildApp({ config: redisConfig, db: h.db, secretKey: 'test-secret-key-0123456789abcdef-0123', logger: false });
    await b.listen({ port: 0, host: '127.0.0.1' });
    try {
      const s = await connect(`ws://127.0.0.1:${(b.server.address() as AddressInfo).port}`, w.cookies.coordinator);
      await s.until((m) => m.type === 'hello');
      const c = await submit(a); // the action happens on instance A
      await s.until((m) => m.type === 'notification' && m.notification.consultId === c.id);
      s.ws.close();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
