import type { AddressInfo } from 'node:net';
import Janode, { type Connection } from 'janode';
import AudioBridge, { type AudioBridgeHandle } from 'janode/plugins/audiobridge';
import VideoRoom, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '@vuonxa/core';
import { consultWorld, draftBody, type World } from '../../test/consult-world.js';
import { createHarness, type Harness } from '../../test/harness.js';
import { fakeOffer, janusBinary, janusRequired, startJanus, type RunningJanus } from '../../test/janus.js';
import { is, roomClient, type RoomClient } from '../../test/room-client.js';
import type { Rooms } from './rooms.js';

/**
 * Multi-site rooms through a real Janus: the server creates the Janus rooms with secrets, relays each participant's
 * links, keeps the lobby out of the media server, enforces a host's mute in the bridge, drops a removed
 * participant's feeds, records only with everyone's consent, and destroys the Janus rooms when the room empties.
 * (Media itself is checked in Chromium by e2e/sfu.e2e.ts.)
 */
describe.skipIf(!janusBinary && !janusRequired)('rooms through Janus', () => {
  let janus: RunningJanus;
  let h: Harness;
  let w: World;
  let base: string;
  let roomId: string;
  let sessionId: string;
  let consultId: string;
  let consultRef: string;
  let jc: Connection;
  let jv: VideoRoomHandle;
  let ja: AudioBridgeHandle;

  const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    h.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const rooms = () => (h.app as unknown as { rooms: Rooms }).rooms;
  const client = (cookie: string) => roomClient(base, cookie);
  const sfuMsg = (c: RoomClient, link: string, from = 0) =>
    c.until((m): m is Extract<ServerMessage, { type: 'room.sfu' }> => m.type === 'room.sfu' && m.link === link, from, 300);

  beforeAll(async () => {
    janus = await startJanus();
    h = await createHarness({ env: { JANUS_URL: janus.url, RECORDING_DIR: janus.recordDir } });
    w = await consultWorld(h);
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    base = `ws://127.0.0.1:${(h.app.server.address() as AddressInfo).port}/api/ws`;
    const c = (await call(w.cookies.clinician, 'POST', '/api/consults', draftBody(w))).json();
    consultId = c.id;
    consultRef = c.ref;
    await call(w.cookies.clinician, 'POST', `/api/consults/${c.id}/transitions`, { action: 'submit' });
    await call(w.cookies.coordinator, 'POST', `/api/consults/${c.id}/transitions`, { action: 'start_triage' });
    await call(w.cookies.coordinator, 'POST', `/api/consults/${c.id}/transitions`, { action: 'accept', specialistIds: [w.chair.id] });
    const s = (
      await call(w.cookies.coordinator, 'POST', '/api/sessions', {
        hubFacilityId: w.hub.id,
        title: 'Phiên nhiều điểm cầu',
        startsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
        chairUserId: w.chair.id,
        secretaryUserId: w.secretary.id,
        consultIds: [c.id],
      })
    ).json();
    roomId = s.roomId;
    sessionId = s.id;
    jc = await Janode.connect({ address: { url: janus.url } });
    const js = await jc.create();
    jv = await js.attach(VideoRoom);
    ja = await js.attach(AudioBridge);
  }, 60_000);
  afterAll(async () => {
    await jc?.close().catch(() => undefined);
    await h?.close();
    await janus?.stop();
  });

  const bridgeFeeds = async () => {
    const j = rooms().janus(roomId)!;
    return (await ja.listParticipants({ room: j.audioRoom, secret: j.secret })).participants;
  };

  it('admits through the lobby to the media server, enforces mute, drops a removed site, and destroys the rooms', async () => {
    const chair = await client(w.cookies.chair);
    chair.send({ type: 'room.join', roomId });
    const joined = await chair.until(is('room.joined'));
    expect(joined.media).toBe('sfu');
    // The chair's sound (bridge) and camera (publisher) links are answered by Janus through the server.
    chair.send({ type: 'room.sfu', roomId, link: 'audio', data: { type: 'offer', sdp: fakeOffer('audio') } });
    const audioAnswer = await sfuMsg(chair, 'audio');
    expect(audioAnswer.data.type).toBe('answer');
    expect(audioAnswer.data.type === 'answer' && audioAnswer.data.sdp).toMatch(
      /a=fingerprint:sha-256 [\s\S]*m=audio [\s\S]*a=rtpmap:111 opus/,
    );
    chair.send({ type: 'room.sfu', roomId, link: 'publish', data: { type: 'offer', sdp: fakeOffer('video') } });
    expect((await sfuMsg(chair, 'publish')).data.type).toBe('answer');
    const j = rooms().janus(roomId)!;
    expect(j.secret.length).toBeGreaterThanOrEqual(24);
    expect((await jv.exists({ room: j.videoRoom })).exists).toBe(true);
    // Private rooms: without the secret nobody manages them.
    const [chairFeed] = await bridgeFeeds();
    await expect(ja.mute({ room: j.audioRoom, feed: chairFeed!.feed, secret: 'guess' })).rejects.toThrow();
    expect((await bridgeFeeds())[0]!.muted).toBe(false);

    // A guest in the lobby reaches nothing.
    const nurse = await client(w.cookies.clinician);
    nurse.send({ type: 'room.join', roomId });
    const lobby = await nurse.until(is('room.joined'));
    expect(lobby.you.status).toBe('lobby');
    nurse.send({ type: 'room.sfu', roomId, link: 'audio', data: { type: 'offer', sdp: fakeOffer('audio') } });
    expect((await nurse.until(is('room.error'))).code).toBe('NOT_IN_ROOM');
    expect(await bridgeFeeds()).toHaveLength(1);

    // Admitted: the nurse's sound joins the bridge. (Video subscriptions start once a publisher's media is up:
    // checked with real media in e2e/sfu.e2e.ts.)
    chair.send({ type: 'room.admit', roomId, participantId: lobby.you.participantId });
    await nurse.until(
      (m): m is ServerMessage =>
        m.type === 'room.participants' &&
        m.participants.some((p) => p.participantId === lobby.you.participantId && p.status === 'admitted'),
    );
    nurse.send({ type: 'room.sfu', roomId, link: 'audio', data: { type: 'offer', sdp: fakeOffer('audio') } });
    expect((await sfuMsg(nurse, 'audio')).data.type).toBe('answer');
    expect(await bridgeFeeds()).toHaveLength(2);
    // The only refusal she got is the lobby's above.
    expect(nurse.got.filter((m) => m.type === 'room.error')).toHaveLength(1);

    // The chair mutes the nurse: enforced in the bridge, and she is told; unmuting herself lets her through again.
    chair.send({ type: 'room.mute', roomId, participantId: lobby.you.participantId });
    await nurse.until(is('room.mute_requested'));
    await expect.poll(async () => (await bridgeFeeds()).filter((p) => p.muted).length).toBe(1);
    nurse.send({ type: 'room.media', roomId, audio: true, video: false, mode: 'normal' });
    await expect.poll(async () => (await bridgeFeeds()).filter((p) => p.muted).length).toBe(0);

    // Sound-only: her sound stays in the bridge (her video links, if any, go: see e2e/sfu.e2e.ts).
    nurse.send({ type: 'room.media', roomId, audio: true, video: false, mode: 'audio' });
    await chair.until(
      (m): m is ServerMessage =>
        m.type === 'room.participants' && m.participants.some((p) => p.participantId === lobby.you.participantId && p.mode === 'audio'),
    );
    expect(await bridgeFeeds()).toHaveLength(2);

    // Removed: out of the bridge (and the video room), told so, and cannot come back.
    chair.send({ type: 'room.remove', roomId, participantId: lobby.you.participantId });
    await nurse.until(is('room.removed'));
    await expect.poll(async () => (await bridgeFeeds()).length).toBe(1);

    // Everyone gone: the Janus rooms are destroyed.
    chair.send({ type: 'room.leave', roomId });
    await expect.poll(async () => (await jv.exists({ room: j.videoRoom })).exists).toBe(false);
    chair.ws.close();
    nurse.ws.close();
  });

  it('records only after every participant accepted and the patient consented, then files it with the session', async () => {
    const chair = await client(w.cookies.chair);
    chair.send({ type: 'room.join', roomId });
    const cj = await chair.until(is('room.joined'));
    const sec = await client(w.cookies.secretary);
    sec.send({ type: 'room.join', roomId });
    const sj = await sec.until(is('room.joined'));
    for (const c of [chair, sec]) c.send({ type: 'room.sfu', roomId, link: 'audio', data: { type: 'offer', sdp: fakeOffer('audio') } });
    await sfuMsg(sec, 'audio');
    await sfuMsg(chair, 'audio');

    // Only a host asks; everyone admitted is told and must answer.
    sec.send({ type: 'room.record', roomId, action: 'ask' });
    chair.send({ type: 'room.record', roomId, action: 'ask' });
    const asking = await sec.until(
      (m): m is Extract<ServerMessage, { type: 'room.recording' }> => m.type === 'room.recording' && m.recording.state === 'asking',
    );
    expect(asking.recording.pending.sort()).toEqual([cj.you.participantId, sj.you.participantId].sort());
    expect(asking.recording.missingPatientConsent).toEqual([consultRef]);
    chair.send({ type: 'room.record', roomId, action: 'start' });
    await chair.until((m): m is ServerMessage => m.type === 'room.error' && m.code === 'RECORDING_REFUSED');

    chair.send({ type: 'room.recording_consent', roomId, accept: true });
    sec.send({ type: 'room.recording_consent', roomId, accept: true });
    await chair.until(
      (m): m is ServerMessage => m.type === 'room.recording' && m.recording.pending.length === 0 && m.recording.declined.length === 0,
    );
    // Everyone agreed, but the patient's consent is not recorded yet.
    let mark = chair.got.length;
    chair.send({ type: 'room.record', roomId, action: 'start' });
    await chair.until((m): m is ServerMessage => m.type === 'room.error' && m.code === 'RECORDING_REFUSED', mark);

    // The requesting site records it (once; a stranger cannot).
    const stranger = await h.signIn((await h.build.user({ roles: [{ facilityId: w.hub.id, role: 'clinician' }] })).email);
    expect(
      (await call(stranger, 'POST', `/api/sessions/${sessionId}/agenda/${consultId}/recording-consent`, { method: 'written' })).statusCode,
    ).toBe(404);
    const given = await call(w.cookies.clinician, 'POST', `/api/sessions/${sessionId}/agenda/${consultId}/recording-consent`, {
      method: 'written',
    });
    expect(given.statusCode).toBe(201);
    expect(given.json()).toMatchObject({ consultId, method: 'written', recordedBy: { id: w.clinician.id } });
    expect(
      (await call(w.cookies.clinician, 'POST', `/api/sessions/${sessionId}/agenda/${consultId}/recording-consent`, { method: 'verbal' }))
        .statusCode,
    ).toBe(409);
    const s = (await call(w.cookies.chair, 'GET', `/api/sessions/${sessionId}`)).json();
    expect(s.agenda[0].recordingConsent).toMatchObject({ method: 'written', recordedBy: { id: w.clinician.id } });

    mark = sec.got.length;
    chair.send({ type: 'room.record', roomId, action: 'start' });
    const on = await sec.until(
      (m): m is Extract<ServerMessage, { type: 'room.recording' }> => m.type === 'room.recording' && m.recording.state === 'on',
      mark,
    );
    expect(on.recording.startedAt).not.toBeNull();
    await new Promise((r) => setTimeout(r, 700));
    chair.send({ type: 'room.record', roomId, action: 'stop' });
    await sec.until((m): m is ServerMessage => m.type === 'room.recording' && m.recording.state === 'off', mark);

    // Filed with the session: the sound mix as WAV, readable by the session's people, each read audited.
    let list: { items: { id: string; endedAt: string | null; files: { id: string; kind: string; bytes: number }[] }[] } = { items: [] };
    await expect
      .poll(
        async () => {
          list = (await call(w.cookies.chair, 'GET', `/api/sessions/${sessionId}/recordings`)).json();
          return list.items[0]?.files.filter((f) => f.kind === 'audio').length ?? 0;
        },
        { timeout: 10_000 },
      )
      .toBe(1);
    const rec = list.items[0]!;
    expect(rec.endedAt).not.toBeNull();
    const file = rec.files.find((f) => f.kind === 'audio')!;
    const res = await call(w.cookies.secretary, 'GET', `/api/sessions/${sessionId}/recordings/${rec.id}/files/${file.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect((await call(stranger, 'GET', `/api/sessions/${sessionId}/recordings/${rec.id}/files/${file.id}`)).statusCode).toBe(404);
    const { rows } = await h.db.query<{ action: string }>(
      `SELECT action FROM audit_event WHERE entity_id = $1 AND action IN ('room.record_start', 'room.record_stop', 'recording.read', 'room.recording_consent')`,
      [sessionId],
    );
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === 'room.recording_consent')).toHaveLength(2);
    expect(actions).toEqual(expect.arrayContaining(['room.record_start', 'room.record_stop', 'recording.read']));
    // The recording row cannot be deleted before its retention date.
    await expect(h.db.query('DELETE FROM session_recording WHERE id = $1', [rec.id])).rejects.toThrow(/retention/);
    chair.ws.close();
    sec.ws.close();
  });
});
