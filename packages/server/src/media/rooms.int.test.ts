import { createConnection, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '@vuonxa/core';
import { buildApp } from '../app.js';
import { createHarness, type Harness } from '../../test/harness.js';
import { consultWorld, draftBody, type World } from '../../test/consult-world.js';
import { is, roomClient } from '../../test/room-client.js';

let h: Harness;
let w: World;
let base: string;
let roomId: string;
let sessionId: string;

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

/** A consultation request on a new session's agenda: the session's room and id. */
async function newSession(): Promise<{ roomId: string; sessionId: string }> {
  const c = (await call(w.cookies.clinician, 'POST', '/api/consults', draftBody(w))).json();
  await call(w.cookies.clinician, 'POST', `/api/consults/${c.id}/transitions`, { action: 'submit' });
  await call(w.cookies.coordinator, 'POST', `/api/consults/${c.id}/transitions`, { action: 'start_triage' });
  await call(w.cookies.coordinator, 'POST', `/api/consults/${c.id}/transitions`, { action: 'accept', specialistIds: [w.chair.id] });
  const s = (
    await call(w.cookies.coordinator, 'POST', '/api/sessions', {
      hubFacilityId: w.hub.id,
      title: 'Phiên thử phòng họp',
      startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      chairUserId: w.chair.id,
      secretaryUserId: w.secretary.id,
      consultIds: [c.id],
    })
  ).json();
  return { roomId: s.roomId, sessionId: s.id };
}

beforeAll(async () => {
  h = await createHarness();
  w = await consultWorld(h);
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `ws://127.0.0.1:${(h.app.server.address() as AddressInfo).port}/api/ws`;
  ({ roomId, sessionId } = await newSession());
});
afterAll(() => h.close());

const client = (cookie: string) => roomClient(base, cookie);

describe('rooms', () => {
  it('keeps a guest in the lobby until the chair admits, then relays signaling between them', async () => {
    const chair = await client(w.cookies.chair);
    chair.send({ type: 'room.join', roomId });
    const joined = await chair.until(is('room.joined'));
    expect(joined.you).toMatchObject({ host: true, status: 'admitted', name: 'BS. Chủ trì' });

    const nurse = await client(w.cookies.clinician);
    nurse.send({ type: 'room.join', roomId });
    const lobby = await nurse.until(is('room.joined'));
    expect(lobby.you).toMatchObject({ host: false, status: 'lobby' });
    // From the lobby nothing reaches the chair.
    nurse.send({ type: 'room.signal', roomId, to: joined.you.participantId, data: { type: 'offer', sdp: 'v=0' } });
    expect((await nurse.until(is('room.error'))).code).toBe('NOT_IN_ROOM');
    // Only a host admits.
    nurse.send({ type: 'room.admit', roomId, participantId: lobby.you.participantId });
    await nurse.until((m): m is ServerMessage => m.type === 'room.error' && m.code === 'NOT_HOST');

    const mark = nurse.got.length;
    chair.send({ type: 'room.admit', roomId, participantId: lobby.you.participantId });
    await nurse.until(
      (m): m is ServerMessage =>
        m.type === 'room.participants' &&
        m.participants.some((p) => p.participantId === lobby.you.participantId && p.status === 'admitted'),
      mark,
    );
    nurse.send({ type: 'room.signal', roomId, to: joined.you.participantId, data: { type: 'offer', sdp: 'v=0 offer' } });
    const relayed = await chair.until(is('room.signal'));
    expect(relayed).toMatchObject({ from: lobby.you.participantId, data: { type: 'offer', sdp: 'v=0 offer' } });

    // Attendance is kept with the session.
    const session = (await call(w.cookies.coordinator, 'GET', `/api/sessions/${sessionId}`)).json();
    expect(session.attendance.map((a: { user: { id: string } }) => a.user.id).sort()).toEqual([w.chair.id, w.clinician.id].sort());

    // A second tab takes the seat: the first is told, and the seat's epoch goes up so peers rebuild their link.
    const tab2 = await client(w.cookies.clinician);
    tab2.send({ type: 'room.join', roomId });
    expect((await tab2.until(is('room.joined'))).you).toMatchObject({
      participantId: lobby.you.participantId,
      status: 'admitted',
      epoch: 1,
    });
    await nurse.until(is('room.superseded'));
    tab2.ws.close();
    // A dropped socket: the nurse reconnects and finds her seat, still admitted.
    nurse.ws.close();
    const again = await client(w.cookies.clinician);
    again.send({ type: 'room.join', roomId });
    expect((await again.until(is('room.joined'))).you).toMatchObject({
      participantId: lobby.you.participantId,
      status: 'admitted',
      epoch: 2,
    });

    // Removed by the chair, and cannot come back.
    chair.send({ type: 'room.remove', roomId, participantId: lobby.you.participantId });
    await again.until(is('room.removed'));
    again.send({ type: 'room.join', roomId });
    await again.until((m): m is ServerMessage => m.type === 'room.error' && m.code === 'REMOVED');
    chair.ws.close();
    again.ws.close();
  });

  it('keeps the chat with the session, shows raised hands, and passes a host’s mute request', async () => {
    const chair = await client(w.cookies.chair);
    chair.send({ type: 'room.join', roomId });
    await chair.until(is('room.joined'));
    const sec = await client(w.cookies.secretary);
    sec.send({ type: 'room.join', roomId });
    const secJoined = await sec.until(is('room.joined'));
    const guest = await client(w.cookies.specialist); // not invited: refused, cannot chat
    guest.send({ type: 'room.chat', roomId, text: 'xin chào' });
    expect((await guest.until(is('room.error'))).code).toBe('NOT_IN_ROOM');

    chair.send({ type: 'room.chat', roomId, text: 'Bắt đầu hội chẩn ca thứ nhất.' });
    expect((await sec.until(is('room.chat'))).message).toMatchObject({ name: 'BS. Chủ trì', text: 'Bắt đầu hội chẩn ca thứ nhất.' });
    sec.send({ type: 'room.hand', roomId, raised: true });
    await chair.until(
      (m): m is ServerMessage => m.type === 'room.participants' && m.participants.some((p) => p.name === 'BS. Thư ký' && p.handRaised),
    );
    sec.send({ type: 'room.media', roomId, audio: true, video: false, mode: 'audio' });
    await chair.until(
      (m): m is ServerMessage =>
        m.type === 'room.participants' && m.participants.some((p) => p.name === 'BS. Thư ký' && p.mode === 'audio' && !p.video),
    );
    chair.send({ type: 'room.mute', roomId, participantId: secJoined.you.participantId });
    await sec.until(is('room.mute_requested'));

    // Whoever joins later reads the chat so far; it is stored and cannot be edited.
    const later = await client(w.cookies.coordinator);
    later.send({ type: 'room.join', roomId });
    expect((await later.until(is('room.joined'))).chat.map((m) => m.text)).toContain('Bắt đầu hội chẩn ca thứ nhất.');
    await expect(h.db.query('DELETE FROM session_chat WHERE session_id = $1', [sessionId])).rejects.toThrow(/append-only/);
    for (const x of [chair, sec, guest, later]) x.ws.close();
  });

  it('refuses people with no part in the session, unknown rooms, and rooms outside their time', async () => {
    const stranger = await client(w.cookies.coordinator2);
    stranger.send({ type: 'room.join', roomId });
    expect((await stranger.until(is('room.error'))).code).toBe('FORBIDDEN');
    stranger.send({ type: 'room.join', roomId: 'vx-AAAAAAAAAAAAAAAA' });
    await stranger.until((m): m is ServerMessage => m.type === 'room.error' && m.code === 'NOT_FOUND');
    // Garbage is dropped without an answer or a crash; the socket still works.
    stranger.ws.send('{"type":"room.join","roomId":"../../etc"}');
    stranger.ws.send('not json');
    stranger.send({ type: 'ping' });
    await stranger.until(is('pong'));

    await h.db.query(
      `UPDATE consult_session SET starts_at = now() + interval '3 hours', ends_at = now() + interval '4 hours' WHERE id = $1`,
      [sessionId],
    );
    const chair = await client(w.cookies.chair);
    chair.send({ type: 'room.join', roomId });
    expect((await chair.until(is('room.error'))).code).toBe('NOT_OPEN');
    const { rows } = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'access.denied' AND entity_id = $1 AND actor_user_id = $2`,
      [sessionId, w.coordinator2.id],
    );
    expect(rows[0]!.n).toBe(1);
    stranger.ws.close();
    chair.ws.close();
  });
});

describe('rooms across instances', () => {
  it('keeps one room whole when its people are on two server instances (Redis)', async (ctx) => {
    const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const reachable = await new Promise<boolean>((resolve) => {
      const u = new URL(url);
      const sock = createConnection({ host: u.hostname, port: Number(u.port || 6379) }, () => (sock.end(), resolve(true)));
      sock.on('error', () => resolve(false));
    });
    if (!reachable && !process.env.CI) return ctx.skip();
    const config = { ...h.config, redisUrl: url };
    const a = await buildApp({ config, db: h.db, secretKey: 'test-secret-key-0123456789abcdef-0123', logger: false });
    const b = await buildApp({ config, db: h.db, secretKey: 'test-secret-key-0123456789abcdef-0123', logger: false });
    await a.listen({ port: 0, host: '127.0.0.1' });
    await b.listen({ port: 0, host: '127.0.0.1' });
    const wsOf = (app: typeof a) => `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/ws`;
    const { roomId } = await newSession();
    try {
      const chair = await roomClient(wsOf(a), w.cookies.chair);
      chair.send({ type: 'room.join', roomId });
      const joined = await chair.until(is('room.joined'));
      // The clinician's socket is on the other instance: her messages go to the room's instance and back.
      const nurse = await roomClient(wsOf(b), w.cookies.clinician);
      nurse.send({ type: 'room.join', roomId });
      const lobby = await nurse.until(is('room.joined'));
      expect(lobby.you.status).toBe('lobby');
      expect(lobby.participants.map((p) => p.participantId)).toContain(joined.you.participantId);
      chair.send({ type: 'room.admit', roomId, participantId: lobby.you.participantId });
      await nurse.until(
        (m): m is ServerMessage =>
          m.type === 'room.participants' &&
          m.participants.some((p) => p.participantId === lobby.you.participantId && p.status === 'admitted'),
      );
      nurse.send({ type: 'room.signal', roomId, to: joined.you.participantId, data: { type: 'offer', sdp: 'v=0 across' } });
      expect((await chair.until(is('room.signal'))).data).toEqual({ type: 'offer', sdp: 'v=0 across' });
      chair.send({ type: 'room.chat', roomId, text: 'Nghe rõ từ hai máy chủ.' });
      expect((await nurse.until(is('room.chat'))).message.text).toBe('Nghe rõ từ hai máy chủ.');
      // Leaving from the other instance frees the seat in the room's instance.
      nurse.send({ type: 'room.leave', roomId });
      await chair.until(
        (m): m is ServerMessage =>
          m.type === 'room.participants' && !m.participants.some((p) => p.participantId === lobby.you.participantId),
      );
      chair.ws.close();
      nurse.ws.close();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
