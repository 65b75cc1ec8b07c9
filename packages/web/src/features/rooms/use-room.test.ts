import type { ClientMessage, RoomParticipant, ServerMessage } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import { RoomEngine } from './use-room';
import type { RoomView } from './use-room';

/** A peer connection stand-in: records descriptions and candidates, never touches the network. */
class FakePC {
  static all: FakePC[] = [];
  connectionState: RTCPeerConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  candidates: unknown[] = [];
  transceivers: string[] = [];
  closed = false;
  onicecandidate: ((e: { candidate: unknown }) => void) | null = null;
  ontrack: unknown = null;
  onconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) {
    FakePC.all.push(this);
  }
  addTransceiver(kind: string) {
    this.transceivers.push(kind);
  }
  addTrack() {}
  async createOffer() {
    return { type: 'offer', sdp: 'offer-sdp' };
  }
  async createAnswer() {
    return { type: 'answer', sdp: 'answer-sdp' };
  }
  async setLocalDescription(d: { type: string; sdp: string }) {
    this.localDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-local-offer' : 'stable';
  }
  async setRemoteDescription(d: { type: string; sdp: string }) {
    this.remoteDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async addIceCandidate(c: unknown) {
    this.candidates.push(c);
  }
  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }
}

const ROOM = 'vx-room_0123456789ab';
const at = (minute: number) => `2026-01-05T08:${String(minute).padStart(2, '0')}:00.000Z`;
const person = (id: string, minute: number, status: RoomParticipant['status'], host = false): RoomParticipant => ({
  participantId: id,
  userId: `u-${id}`,
  name: id,
  facilityName: 'BV',
  host,
  status,
  joinedAt: at(minute),
  handRaised: false,
  audio: true,
  video: true,
  mode: 'normal',
  epoch: 0,
  procedure: false,
  recordingConsent: null,
});

function setup() {
  FakePC.all = [];
  const sent: ClientMessage[] = [];
  let view: RoomView | null = null;
  const engine = new RoomEngine(ROOM, {
    send: (m) => sent.push(m),
    onView: (v) => (view = v),
    PeerConnection: FakePC as unknown as typeof RTCPeerConnection,
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  const receive = (m: ServerMessage) => engine.handle(m);
  return { engine, sent, view: () => view!, flush, receive };
}

const host = person('host', 0, 'admitted', true);
const joined = (you: RoomParticipant, participants: RoomParticipant[]): ServerMessage => ({
  type: 'room.joined',
  roomId: ROOM,
  you,
  participants,
  title: 'Hội chẩn tim mạch',
  iceServers: [{ urls: ['stun:stun.example.org'] }],
  chat: [],
  media: 'p2p',
  annotations: [],
  recording: { state: 'off', pending: [], declined: [], missingPatientConsent: [], startedAt: null },
});

describe('RoomEngine', () => {
  it('joins once per opening of the socket, and again after a reconnect', () => {
    const { engine, sent } = setup();
    engine.join(null);
    expect(sent).toEqual([]);
    engine.connection('open', 1);
    engine.connection('open', 1);
    expect(sent).toEqual([{ type: 'room.join', roomId: ROOM }]);
    engine.connection('reconnecting', 1);
    engine.connection('open', 2);
    expect(sent.filter((m) => m.type === 'room.join')).toHaveLength(2);
  });

  it('waits in the lobby, then offers to the older host once admitted', async () => {
    const { engine, sent, view, receive, flush } = setup();
    engine.connection('open', 1);
    engine.join(null);
    const me = person('me', 3, 'lobby');
    receive(joined(me, [host, me]));
    expect(view().phase).toBe('lobby');
    expect(view().title).toBe('Hội chẩn tim mạch');
    expect(FakePC.all).toHaveLength(0);

    receive({ type: 'room.participants', roomId: ROOM, participants: [host, { ...me, status: 'admitted' }] });
    await flush();
    expect(view().phase).toBe('call');
    expect(FakePC.all).toHaveLength(1);
    expect(FakePC.all[0]!.config.iceServers).toEqual([{ urls: ['stun:stun.example.org'] }]);
    // Without devices it still negotiates both (to receive, and to send a device or screen later).
    expect(FakePC.all[0]!.transceivers).toEqual(['audio', 'video']);
    expect(sent).toContainEqual({ type: 'room.signal', roomId: ROOM, to: 'host', data: { type: 'offer', sdp: 'offer-sdp' } });

    receive({ type: 'room.signal', roomId: ROOM, from: 'host', data: { type: 'answer', sdp: 'answer-sdp' } });
    receive({ type: 'room.signal', roomId: ROOM, from: 'host', data: { type: 'candidate', candidate: { candidate: 'c1', sdpMid: '0' } } });
    await flush();
    expect(FakePC.all[0]!.remoteDescription).toEqual({ type: 'answer', sdp: 'answer-sdp' });
    expect(FakePC.all[0]!.candidates).toEqual([{ candidate: 'c1', sdpMid: '0' }]);
  });

  it('answers the newer participant, keeping early candidates until the offer is set', async () => {
    const { engine, sent, receive, flush } = setup();
    engine.connection('open', 1);
    engine.join(null);
    receive(joined(host, [host]));
    const guest = person('guest', 5, 'admitted');
    receive({ type: 'room.participants', roomId: ROOM, participants: [host, guest] });
    expect(FakePC.all).toHaveLength(0);
    receive({ type: 'room.signal', roomId: ROOM, from: 'guest', data: { type: 'offer', sdp: 'offer-sdp' } });
    receive({ type: 'room.signal', roomId: ROOM, from: 'guest', data: { type: 'candidate', candidate: { candidate: 'c1' } } });
    await flush();
    expect(FakePC.all).toHaveLength(1);
    expect(FakePC.all[0]!.candidates).toEqual([{ candidate: 'c1' }]);
    expect(sent).toContainEqual({ type: 'room.signal', roomId: ROOM, to: 'guest', data: { type: 'answer', sdp: 'answer-sdp' } });
  });

  it('closes the connections when sent back to the lobby, and everything when removed', async () => {
    const { engine, view, receive, flush } = setup();
    engine.connection('open', 1);
    engine.join(null);
    const me = person('me', 3, 'admitted');
    receive(joined(me, [host, me]));
    await flush();
    expect(FakePC.all).toHaveLength(1);
    receive({ type: 'room.participants', roomId: ROOM, participants: [host, { ...me, status: 'lobby' }] });
    expect(view().phase).toBe('lobby');
    expect(FakePC.all[0]!.closed).toBe(true);
    expect(view().peers).toEqual({});

    receive({ type: 'room.removed', roomId: ROOM });
    expect(view().phase).toBe('removed');
  });

  it('starts again the connections it offered after a re-join', async () => {
    const { engine, receive, flush } = setup();
    engine.connection('open', 1);
    engine.join(null);
    const me = person('me', 3, 'admitted');
    receive(joined(me, [host, me]));
    await flush();
    engine.connection('reconnecting', 1);
    engine.connection('open', 2);
    receive(joined(me, [host, me]));
    await flush();
    expect(FakePC.all).toHaveLength(2);
    expect(FakePC.all[0]!.closed).toBe(true);
    expect(FakePC.all[1]!.closed).toBe(false);
  });

  it('stops at a refusal, and keeps the call for a refused action', () => {
    const { engine, view, receive } = setup();
    engine.connection('open', 1);
    engine.join(null);
    receive({ type: 'room.error', roomId: 'vx-other_0123456789', code: 'FORBIDDEN' });
    expect(view().phase).toBe('joining');
    receive(joined(host, [host]));
    engine.admit('someone');
    receive({ type: 'room.error', roomId: ROOM, code: 'NOT_IN_ROOM' });
    expect(view()).toMatchObject({ phase: 'call', notice: 'NOT_IN_ROOM' });
    receive({ type: 'room.error', roomId: ROOM, code: 'NOT_OPEN' });
    expect(view()).toMatchObject({ phase: 'error', error: 'NOT_OPEN' });
  });

  it('says goodbye when leaving', () => {
    const { engine, sent, view, receive } = setup();
    engine.connection('open', 1);
    engine.join(null);
    receive(joined(host, [host]));
    engine.leave();
    expect(sent.at(-1)).toEqual({ type: 'room.leave', roomId: ROOM });
    expect(view().phase).toBe('left');
  });
  it('keeps the chat: the history on joining, then live messages, each once', () => {
    const { engine, sent, view, receive } = setup();
    engine.connection('open', 1);
    engine.join(null);
    const old = { id: '1', userId: 'u-host', name: 'host', text: 'Chào', at: at(0) };
    receive({ ...(joined(host, [host]) as Extract<ServerMessage, { type: 'room.joined' }>), chat: [old] });
    expect(view().chat).toEqual([old]);
    expect(engine.sendChat('  Xin chào  ')).toBe(true);
    expect(engine.sendChat('   ')).toBe(false);
    expect(sent).toContainEqual({ type: 'room.chat', roomId: ROOM, text: 'Xin chào' });
    const live = { id: '2', userId: 'u-host', name: 'host', text: 'Xin chào', at: at(1) };
    receive({ type: 'room.chat', roomId: ROOM, message: live });
    receive({ type: 'room.chat', roomId: ROOM, message: live });
    expect(view().chat.map((m) => m.id)).toEqual(['1', '2']);
  });

  it('sends hand and media state only once admitted, once per change', () => {
    const { engine, sent, receive } = setup();
    engine.connection('open', 1);
    engine.join(null, 'low');
    const me = person('me', 3, 'lobby');
    receive(joined(me, [host, me]));
    engine.setHand(true);
    expect(sent.filter((m) => m.type === 'room.hand' || m.type === 'room.media')).toEqual([]);
    receive({ type: 'room.participants', roomId: ROOM, participants: [host, { ...me, status: 'admitted' }] });
    receive({ type: 'room.participants', roomId: ROOM, participants: [host, { ...me, status: 'admitted' }] });
    expect(sent.filter((m) => m.type === 'room.media')).toEqual([
      { type: 'room.media', roomId: ROOM, audio: false, video: false, mode: 'low', procedure: false },
    ]);
    engine.setMode('audio');
    expect(sent.at(-1)).toEqual({ type: 'room.media', roomId: ROOM, audio: false, video: false, mode: 'audio', procedure: false });
    engine.setHand(true);
    expect(sent.at(-1)).toEqual({ type: 'room.hand', roomId: ROOM, raised: true });
  });

  it('mutes when a host asks, and says so', () => {
    const { engine, sent, view, receive } = setup();
    engine.connection('open', 1);
    const track = { kind: 'audio', enabled: true, readyState: 'live' };
    const local = { getAudioTracks: () => [track], getVideoTracks: () => [], getTracks: () => [track] } as unknown as MediaStream;
    engine.join(local);
    const me = person('me', 3, 'admitted');
    receive(joined(me, [host, me]));
    expect(view().micOn).toBe(true);
    receive({ type: 'room.mute_requested', roomId: ROOM });
    expect(track.enabled).toBe(false);
    expect(view()).toMatchObject({ micOn: false, info: { kind: 'muteRequested' } });
    expect(sent.at(-1)).toMatchObject({ type: 'room.media', audio: false });
    engine.askToMute('host');
    expect(sent.at(-1)).toEqual({ type: 'room.mute', roomId: ROOM, participantId: 'host' });
  });

  it('rebuilds the connection at once when the other takes their seat back (epoch)', async () => {
    const { engine, receive, flush } = setup();
    engine.connection('open', 1);
    engine.join(null);
    const me = person('me', 3, 'admitted');
    receive(joined(me, [host, me]));
    await flush();
    expect(FakePC.all).toHaveLength(1);
    receive({ type: 'room.participants', roomId: ROOM, participants: [host, me] });
    expect(FakePC.all).toHaveLength(1);
    receive({ type: 'room.participants', roomId: ROOM, participants: [{ ...host, epoch: 1 }, me] });
    await flush();
    expect(FakePC.all).toHaveLength(2);
    expect(FakePC.all[0]!.closed).toBe(true);
    expect(FakePC.all[1]!.closed).toBe(false);
  });

  it('lets go when another tab takes the seat, and takes it back', () => {
    const { engine, sent, view, receive } = setup();
    engine.connection('open', 1);
    engine.join(null);
    receive(joined(host, [host]));
    receive({ type: 'room.superseded', roomId: ROOM });
    expect(view().phase).toBe('superseded');
    engine.connection('reconnecting', 1);
    engine.connection('open', 2);
    expect(sent.filter((m) => m.type === 'room.join')).toHaveLength(1);
    engine.reclaim();
    expect(view()).toMatchObject({ phase: 'idle', resume: true });
    engine.join(null);
    expect(view()).toMatchObject({ phase: 'joining', resume: false });
    expect(sent.filter((m) => m.type === 'room.join')).toHaveLength(2);
  });
});
