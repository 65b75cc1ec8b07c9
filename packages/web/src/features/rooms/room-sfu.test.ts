import type { ClientMessage, RoomParticipant, ServerMessage, SfuLink, SignalData } from '@vuonxa/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SfuLinks, sfuAudioCap } from './room-sfu';
import type { SfuHost } from './room-sfu';
import { INITIAL_ROOM_VIEW } from './room-types';
import { RoomEngine } from './use-room';
import type { RoomView } from './use-room';

let trackCount = 0;
class FakeTrack {
  readonly id = `track-${++trackCount}`;
  enabled = true;
  readyState = 'live';
  constructor(readonly kind: 'audio' | 'video') {}
}

class FakeMediaStream {
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks() {
    return this.tracks;
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video');
  }
}

class FakeSender {
  params: { encodings: Record<string, unknown>[] } = { encodings: [{}] };
  constructor(public track: FakeTrack | null) {}
  getParameters() {
    return { ...this.params, encodings: this.params.encodings.map((e) => ({ ...e })) };
  }
  async setParameters(p: { encodings: Record<string, unknown>[] }) {
    this.params = p;
  }
  async replaceTrack(t: FakeTrack | null) {
    this.track = t;
  }
}

class FakeTransceiver {
  mid: string | null = null;
  currentDirection: string | null = null;
  readonly sender: FakeSender;
  readonly receiver: { track: FakeTrack };
  constructor(
    kind: 'audio' | 'video',
    public direction: string,
    track: FakeTrack | null,
  ) {
    this.sender = new FakeSender(track);
    this.receiver = { track: new FakeTrack(kind) };
  }
}

/**
 * A peer connection stand-in. Mids are given at the local offer (mine) or by the remote offer, whose SDP here is
 * just the list of its video mids (`mids:0,1`); a remote description fires `ontrack` for each new receiving m-line.
 */
class FakePC {
  static all: FakePC[] = [];
  /** Candidates found as soon as the local description is set (before the code sends it). */
  static candidatesOnLocal = false;
  connectionState: RTCPeerConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: { type: string; sdp: string } | null = null;
  remoteDescription: { type: string; sdp: string } | null = null;
  candidates: unknown[] = [];
  transceivers: FakeTransceiver[] = [];
  stats: Record<string, unknown>[] = [];
  closed = false;
  onicecandidate: ((e: { candidate: unknown }) => void) | null = null;
  ontrack: ((e: { track: FakeTrack; transceiver: FakeTransceiver }) => void) | null = null;
  onconnectionstatechange: (() => void) | null = null;
  constructor(readonly config: RTCConfiguration) {
    FakePC.all.push(this);
  }
  addTransceiver(trackOrKind: FakeTrack | 'audio' | 'video', init: { direction: string }) {
    const track = typeof trackOrKind === 'string' ? null : trackOrKind;
    const t = new FakeTransceiver(track ? track.kind : (trackOrKind as 'audio' | 'video'), init.direction, track);
    this.transceivers.push(t);
    return t;
  }
  addTrack() {}
  getTransceivers() {
    return this.transceivers;
  }
  async createOffer() {
    return { type: 'offer', sdp: `offer-${FakePC.all.indexOf(this)}` };
  }
  async createAnswer() {
    return { type: 'answer', sdp: `answer-${FakePC.all.indexOf(this)}` };
  }
  async setLocalDescription(d: { type: string; sdp: string }) {
    this.localDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-local-offer' : 'stable';
    this.transceivers.forEach((t, i) => (t.mid ??= String(i)));
    if (FakePC.candidatesOnLocal) this.onicecandidate?.({ candidate: { candidate: 'local-1', sdpMid: '0', sdpMLineIndex: 0 } });
  }
  async setRemoteDescription(d: { type: string; sdp: string }) {
    this.remoteDescription = d;
    this.signalingState = d.type === 'offer' ? 'have-remote-offer' : 'stable';
    if (d.type === 'offer') {
      const mids = d.sdp
        .replace(/^mids:/, '')
        .split(',')
        .filter(Boolean);
      for (const mid of mids) {
        if (this.transceivers.some((t) => t.mid === mid)) continue;
        const t = new FakeTransceiver('video', 'recvonly', null);
        t.mid = mid;
        this.transceivers.push(t);
        this.ontrack?.({ track: t.receiver.track, transceiver: t });
      }
      return;
    }
    for (const t of this.transceivers) if (t.direction !== 'sendonly') this.ontrack?.({ track: t.receiver.track, transceiver: t });
  }
  async addIceCandidate(c: unknown) {
    this.candidates.push(c);
  }
  async getStats() {
    return new Map(this.stats.map((s, i) => [String(i), s]));
  }
  close() {
    this.closed = true;
    this.connectionState = 'closed';
  }
  connect(state: RTCPeerConnectionState) {
    this.connectionState = state;
    this.onconnectionstatechange?.();
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
const host = person('host', 0, 'admitted', true);
const nurse = person('nurse', 1, 'admitted');
const joined = (you: RoomParticipant, participants: RoomParticipant[], media: 'p2p' | 'sfu' = 'sfu'): ServerMessage => ({
  type: 'room.joined',
  roomId: ROOM,
  you,
  participants,
  title: 'Hội chẩn tim mạch',
  iceServers: [{ urls: ['stun:stun.example.org'] }],
  chat: [],
  media,
  annotations: [],
  recording: { state: 'off', pending: [], declined: [], missingPatientConsent: [], startedAt: null },
});
const sfu = (
  link: SfuLink,
  data: SignalData,
  streams?: { mid: string; participantId: string; kind: 'audio' | 'video' }[],
): ServerMessage => ({
  type: 'room.sfu',
  roomId: ROOM,
  link,
  data,
  ...(streams ? { streams } : {}),
});
const flush = async () => {
  for (let i = 0; i < 5; i += 1) await new Promise((r) => setTimeout(r, 0));
};

function micStream(): MediaStream {
  return new FakeMediaStream([new FakeTrack('audio')]) as unknown as MediaStream;
}

function cameraAndMic(): MediaStream {
  return new FakeMediaStream([new FakeTrack('audio'), new FakeTrack('video')]) as unknown as MediaStream;
}

const engines: RoomEngine[] = [];

function setup(local: MediaStream | null = null, mode: 'normal' | 'low' | 'audio' = 'normal') {
  FakePC.all = [];
  const sent: ClientMessage[] = [];
  let view: RoomView = INITIAL_ROOM_VIEW;
  const engine = new RoomEngine(ROOM, {
    send: (m) => sent.push(m),
    onView: (v) => (view = v),
    PeerConnection: FakePC as unknown as typeof RTCPeerConnection,
  });
  engines.push(engine);
  engine.connection('open', 1);
  engine.join(local, mode);
  const sfuSent = (link: SfuLink) =>
    sent.filter((m): m is Extract<ClientMessage, { type: 'room.sfu' }> => m.type === 'room.sfu' && m.link === link).map((m) => m.data);
  /** The live connection of a link (the last made for it). */
  const pcOf = (link: SfuLink) => window.__vxPeers?.get(`sfu:${link}`) as unknown as FakePC | undefined;
  return { engine, sent, sfuSent, pcOf, view: () => view, receive: (m: ServerMessage) => engine.handle(m) };
}

/** Me, admitted after the host, with the audio and publish links offered. */
async function inCall(local: MediaStream | null = null, mode: 'normal' | 'low' | 'audio' = 'normal') {
  const room = setup(local, mode);
  const me = person('me', 3, 'admitted');
  room.receive(joined(me, [host, me]));
  await flush();
  return { ...room, me };
}

beforeEach(() => {
  vi.stubGlobal('MediaStream', FakeMediaStream);
  // The test handles and the registry of connections live on `window`.
  vi.stubGlobal('window', {});
  FakePC.candidatesOnLocal = false;
});

afterEach(() => {
  for (const engine of engines.splice(0)) engine.destroy();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('SFU path', () => {
  it('offers the audio and publish links once admitted, not in the lobby, and no peer-to-peer signal', async () => {
    const { engine, sent, sfuSent, pcOf, receive } = setup(micStream());
    const me = person('me', 3, 'lobby');
    receive(joined(me, [host, me]));
    await flush();
    expect(FakePC.all).toHaveLength(0);
    expect(engine.testHandle().media).toBe('sfu');

    receive({ type: 'room.participants', roomId: ROOM, participants: [host, { ...me, status: 'admitted' }] });
    await flush();
    expect(FakePC.all).toHaveLength(2);
    expect([...window.__vxPeers!.keys()].sort()).toEqual(['sfu:audio', 'sfu:publish']);
    const audio = pcOf('audio')!;
    const publish = pcOf('publish')!;
    expect(audio.config.iceServers).toEqual([{ urls: ['stun:stun.example.org'] }]);
    // The microphone both ways (the mix comes back); the video send-only, without audio.
    expect(audio.transceivers.map((t) => [t.receiver.track.kind, t.direction])).toEqual([['audio', 'sendrecv']]);
    expect(audio.transceivers[0]!.sender.track?.kind).toBe('audio');
    expect(publish.transceivers.map((t) => [t.receiver.track.kind, t.direction])).toEqual([['video', 'sendonly']]);
    expect(sfuSent('audio')).toEqual([{ type: 'offer', sdp: audio.localDescription!.sdp }]);
    expect(sfuSent('publish')).toEqual([{ type: 'offer', sdp: publish.localDescription!.sdp }]);
    expect(sent.some((m) => m.type === 'room.signal')).toBe(false);
    // The server learns my mode before any offer (it decides from it whether I receive video).
    expect(sent.findIndex((m) => m.type === 'room.media')).toBeLessThan(sent.findIndex((m) => m.type === 'room.sfu'));
  });

  it('receives only on the audio link without a microphone, and offers again when one comes', async () => {
    const { engine, sfuSent, pcOf } = await inCall(null);
    const first = pcOf('audio')!;
    expect(first.transceivers.map((t) => t.direction)).toEqual(['recvonly']);
    engine.setLocal(micStream());
    await flush();
    expect(first.closed).toBe(true);
    const second = pcOf('audio')!;
    expect(second).not.toBe(first);
    expect(second.transceivers.map((t) => t.direction)).toEqual(['sendrecv']);
    expect(sfuSent('audio')).toHaveLength(2);
  });

  it('applies the answer, keeps the server candidates until then, and sends mine after the offer', async () => {
    FakePC.candidatesOnLocal = true;
    const { sfuSent, pcOf, view, receive } = await inCall(micStream());
    const audio = pcOf('audio')!;
    // The candidate found while the offer was being set goes after the offer.
    expect(sfuSent('audio')).toEqual([
      { type: 'offer', sdp: audio.localDescription!.sdp },
      { type: 'candidate', candidate: { candidate: 'local-1', sdpMid: '0', sdpMLineIndex: 0 } },
    ]);
    receive(sfu('audio', { type: 'candidate', candidate: { candidate: 'janus-1', sdpMid: '0' } }));
    await flush();
    expect(audio.candidates).toEqual([]);
    receive(sfu('audio', { type: 'answer', sdp: 'audio-answer' }));
    await flush();
    expect(audio.remoteDescription).toEqual({ type: 'answer', sdp: 'audio-answer' });
    expect(audio.candidates).toEqual([{ candidate: 'janus-1', sdpMid: '0' }]);
    // The mix plays in the room's one audio element.
    expect(view().mix?.getAudioTracks()[0]).toBe(audio.transceivers[0]!.receiver.track);
    // Not in sound-only mode: 32 kbps for my microphone.
    expect(audio.transceivers[0]!.sender.params.encodings[0]!['maxBitrate']).toBe(32_000);
  });

  it('answers the subscribe offer and shows each video by mid, then renegotiates the same connection', async () => {
    const { engine, sfuSent, pcOf, view, receive } = await inCall();
    const nurse = person('nurse', 1, 'admitted');
    receive({ type: 'room.participants', roomId: ROOM, participants: [host, nurse, person('me', 3, 'admitted')] });
    receive(sfu('subscribe', { type: 'offer', sdp: 'mids:0' }, [{ mid: '0', participantId: 'host', kind: 'video' }]));
    receive(sfu('subscribe', { type: 'candidate', candidate: { candidate: 'janus-sub' } }));
    await flush();
    const sub = pcOf('subscribe')!;
    expect(sub.remoteDescription).toEqual({ type: 'offer', sdp: 'mids:0' });
    expect(sub.candidates).toEqual([{ candidate: 'janus-sub' }]);
    expect(sfuSent('subscribe')).toEqual([{ type: 'answer', sdp: sub.localDescription!.sdp }]);
    expect(engine.testHandle().sfuStreams()).toEqual({ '0': 'host' });
    const hostTrack = sub.transceivers[0]!.receiver.track;
    expect(view().peers['host']?.stream?.getTracks()).toEqual([hostTrack]);
    // The nurse publishes nothing yet: a tile without video, reached through the mix.
    expect(view().peers['nurse']).toEqual({ stream: null, state: 'new' });
    const hostStream = view().peers['host']!.stream;

    receive(
      sfu('subscribe', { type: 'offer', sdp: 'mids:0,1' }, [
        { mid: '0', participantId: 'host', kind: 'video' },
        { mid: '1', participantId: 'nurse', kind: 'video' },
      ]),
    );
    await flush();
    expect(pcOf('subscribe')).toBe(sub);
    expect(FakePC.all.filter((pc) => !pc.closed)).toHaveLength(3);
    expect(sfuSent('subscribe')).toHaveLength(2);
    expect(engine.testHandle().sfuStreams()).toEqual({ '0': 'host', '1': 'nurse' });
    expect(view().peers['nurse']?.stream?.getVideoTracks()).toEqual([sub.transceivers[1]!.receiver.track]);
    // The host's tile keeps its stream (no reload of the video element).
    expect(view().peers['host']!.stream).toBe(hostStream);
    // Only video in the tiles: the mix is the only sound.
    expect(Object.values(view().peers).every((p) => (p.stream?.getAudioTracks().length ?? 0) === 0)).toBe(true);
  });

  it('closes a link the server closed: subscribe waits for a new offer, audio starts again', async () => {
    vi.useFakeTimers();
    const { sfuSent, pcOf, view, receive } = await inCallWithFakeTimers();
    receive(sfu('subscribe', { type: 'offer', sdp: 'mids:0' }, [{ mid: '0', participantId: 'host', kind: 'video' }]));
    receive(sfu('audio', { type: 'answer', sdp: 'audio-answer' }));
    await vi.advanceTimersByTimeAsync(0);
    const sub = pcOf('subscribe')!;
    const audio = pcOf('audio')!;
    expect(view().peers['host']?.stream).not.toBeNull();

    receive({ type: 'room.sfu_closed', roomId: ROOM, link: 'subscribe' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sub.closed).toBe(true);
    expect(window.__vxPeers!.has('sfu:subscribe')).toBe(false);
    expect(view().peers['host']?.stream).toBeNull();
    expect(FakePC.all.filter((pc) => !pc.closed)).toHaveLength(2);

    receive({ type: 'room.sfu_closed', roomId: ROOM, link: 'audio' });
    expect(audio.closed).toBe(true);
    expect(view().mix).toBeNull();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pcOf('audio')).toBeDefined();
    expect(pcOf('audio')).not.toBe(audio);
    expect(sfuSent('audio')).toHaveLength(2);
  });

  it('keeps my newer publish offer when the close of the one it replaces comes late', async () => {
    const { engine, pcOf, receive } = await inCall();
    engine.setMode('audio');
    engine.setMode('normal');
    await flush();
    const publish = pcOf('publish')!;
    receive({ type: 'room.sfu_closed', roomId: ROOM, link: 'publish' });
    expect(publish.closed).toBe(false);
    expect(pcOf('publish')).toBe(publish);
  });

  it('drops publish and subscribe in sound-only mode, keeps the audio link, and publishes again when back up', async () => {
    const { engine, sent, sfuSent, pcOf, receive } = await inCall(cameraAndMic());
    receive(sfu('audio', { type: 'answer', sdp: 'audio-answer' }));
    receive(sfu('publish', { type: 'answer', sdp: 'publish-answer' }));
    receive(sfu('subscribe', { type: 'offer', sdp: 'mids:0' }, [{ mid: '0', participantId: 'host', kind: 'video' }]));
    await flush();
    const audio = pcOf('audio')!;
    const publish = pcOf('publish')!;
    const sub = pcOf('subscribe')!;

    engine.setMode('audio');
    await flush();
    expect(publish.closed).toBe(true);
    expect(sub.closed).toBe(true);
    expect(audio.closed).toBe(false);
    expect([...window.__vxPeers!.keys()]).toEqual(['sfu:audio']);
    expect(sent.at(-1)).toMatchObject({ type: 'room.media', mode: 'audio' });
    // Sound-only: my microphone capped at 16 kbps.
    expect(audio.transceivers[0]!.sender.params.encodings[0]!['maxBitrate']).toBe(16_000);
    // The server's close of the links I already dropped changes nothing.
    receive({ type: 'room.sfu_closed', roomId: ROOM, link: 'publish' });
    receive({ type: 'room.sfu_closed', roomId: ROOM, link: 'subscribe' });
    await flush();
    expect(FakePC.all.filter((pc) => !pc.closed)).toEqual([audio]);

    engine.setMode('low');
    await flush();
    const again = pcOf('publish')!;
    expect(again).not.toBe(publish);
    expect(sfuSent('publish')).toHaveLength(2);
    expect(sfuSent('audio')).toHaveLength(1);
    expect(audio.transceivers[0]!.sender.params.encodings[0]!['maxBitrate']).toBe(32_000);
    // The low mode's caps on the new video sender.
    expect(again.transceivers[0]!.sender.params.encodings[0]).toMatchObject({ maxBitrate: 300_000, scaleResolutionDownBy: 2 });
  });

  it('joins in sound-only mode with the audio link alone', async () => {
    const { sfuSent } = await inCall(micStream(), 'audio');
    expect([...window.__vxPeers!.keys()]).toEqual(['sfu:audio']);
    expect(sfuSent('publish')).toEqual([]);
  });

  it('rebuilds every link after a re-join, and closes them all when sent back to the lobby', async () => {
    const { engine, sfuSent, pcOf, view, receive, me } = await inCall();
    receive(sfu('subscribe', { type: 'offer', sdp: 'mids:0' }, [{ mid: '0', participantId: 'host', kind: 'video' }]));
    await flush();
    const before = [pcOf('audio')!, pcOf('publish')!, pcOf('subscribe')!];

    engine.connection('reconnecting', 1);
    engine.connection('open', 2);
    receive(joined(me, [host, me]));
    await flush();
    expect(before.every((pc) => pc.closed)).toBe(true);
    expect([...window.__vxPeers!.keys()].sort()).toEqual(['sfu:audio', 'sfu:publish']);
    expect(sfuSent('audio')).toHaveLength(2);
    expect(sfuSent('publish')).toHaveLength(2);
    expect(engine.testHandle().sfuStreams()).toEqual({});

    // A subscribe offer still queued when I am sent back to the lobby makes nothing.
    receive(sfu('subscribe', { type: 'offer', sdp: 'mids:0' }, [{ mid: '0', participantId: 'host', kind: 'video' }]));
    receive({ type: 'room.participants', roomId: ROOM, participants: [host, { ...me, status: 'lobby' }] });
    expect(FakePC.all.every((pc) => pc.closed)).toBe(true);
    expect(window.__vxPeers!.size).toBe(0);
    expect(view().peers).toEqual({});
    expect(view().mix).toBeNull();
    await flush();
    expect(FakePC.all.every((pc) => pc.closed)).toBe(true);
    receive(sfu('subscribe', { type: 'offer', sdp: 'mids:0' }, [{ mid: '0', participantId: 'host', kind: 'video' }]));
    await flush();
    expect(FakePC.all.every((pc) => pc.closed)).toBe(true);
  });

  it('starts again an offer the media server could not answer', async () => {
    vi.useFakeTimers();
    const { sfuSent, pcOf, view, receive } = await inCallWithFakeTimers();
    receive(sfu('audio', { type: 'answer', sdp: 'audio-answer' }));
    await vi.advanceTimersByTimeAsync(0);
    const audio = pcOf('audio')!;
    const publish = pcOf('publish')!;
    receive({ type: 'room.error', roomId: ROOM, code: 'MEDIA_UNAVAILABLE' });
    expect(view()).toMatchObject({ phase: 'call', notice: 'MEDIA_UNAVAILABLE' });
    // Only the offer still waiting for its answer.
    expect(publish.closed).toBe(true);
    expect(audio.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sfuSent('publish')).toHaveLength(2);
    // A second failure in a row waits twice as long.
    receive({ type: 'room.error', roomId: ROOM, code: 'MEDIA_UNAVAILABLE' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sfuSent('publish')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sfuSent('publish')).toHaveLength(3);
  });

  it('shows as speaker whoever the sound bridge says is talking (not me), and keeps the last one', async () => {
    const { view, receive, me } = await inCall(micStream());
    const other = person('other', 4, 'admitted');
    receive({ type: 'room.participants', roomId: ROOM, participants: [host, me, other] });
    await flush();
    receive({ type: 'room.speaking', roomId: ROOM, participantId: other.participantId, talking: true });
    expect(view().speaker).toBe(other.participantId);
    receive({ type: 'room.speaking', roomId: ROOM, participantId: me.participantId, talking: true });
    receive({ type: 'room.speaking', roomId: ROOM, participantId: other.participantId, talking: false });
    expect(view().speaker).toBe(other.participantId);
    receive({ type: 'room.speaking', roomId: ROOM, participantId: host.participantId, talking: true });
    expect(view().speaker).toBe(host.participantId);
  });

  it('keeps the peer-to-peer path when the room says p2p', async () => {
    const { sent, receive } = setup();
    const me = person('me', 3, 'admitted');
    receive(joined(me, [host, me], 'p2p'));
    await flush();
    expect([...window.__vxPeers!.keys()]).toEqual(['host']);
    expect(sent).toContainEqual({ type: 'room.signal', roomId: ROOM, to: 'host', data: { type: 'offer', sdp: 'offer-0' } });
    receive(sfu('subscribe', { type: 'offer', sdp: 'mids:0' }, [{ mid: '0', participantId: 'host', kind: 'video' }]));
    await flush();
    expect(FakePC.all).toHaveLength(1);
    expect(sent.some((m) => m.type === 'room.sfu')).toBe(false);
  });
});

/** `inCall` under fake timers (the flushes advance them). */
async function inCallWithFakeTimers() {
  const room = setup();
  const me = person('me', 3, 'admitted');
  room.receive(joined(me, [host, me]));
  await vi.advanceTimersByTimeAsync(0);
  return { ...room, me };
}

describe('SfuLinks stats', () => {
  function links() {
    FakePC.all = [];
    const participants = [person('me', 3, 'admitted'), host, nurse];
    const view: RoomView = { ...INITIAL_ROOM_VIEW, participants, mode: 'normal' };
    const sfuHost: SfuHost = {
      PeerConnection: FakePC as unknown as typeof RTCPeerConnection,
      iceServers: () => [],
      participants: () => participants,
      myId: () => 'me',
      mode: () => 'normal',
      send: () => undefined,
      update: () => undefined,
      addSender: (pc, link) =>
        pc.addTransceiver(link === 'audio' ? 'audio' : 'video', { direction: link === 'audio' ? 'recvonly' : 'sendonly' }),
      hasMicrophone: () => false,
      applyMedia: async () => undefined,
      startStats: () => undefined,
    };
    return { sfu: new SfuLinks(sfuHost), view };
  }

  it('rates each participant by the video of their mid and the mix, and judges my sending on the publish link only', async () => {
    const { sfu: s, view } = links();
    s.reconcile(view.participants[0]!, view.participants);
    await s.startOffer('audio');
    await s.startOffer('publish');
    s.onSignal('subscribe', { type: 'offer', sdp: 'mids:0,1' }, [
      { mid: '0', participantId: 'host', kind: 'video' },
      { mid: '1', participantId: 'nurse', kind: 'video' },
    ]);
    await flush();
    const [audio, publish, sub] = FakePC.all as [FakePC, FakePC, FakePC];
    audio.stats = [
      { type: 'inbound-rtp', kind: 'audio', packetsReceived: 500, packetsLost: 0, jitter: 0.01, audioLevel: 0.3 },
      { type: 'transport', selectedCandidatePairId: 'cp' },
      { type: 'candidate-pair', id: 'cp', availableOutgoingBitrate: 30_000, currentRoundTripTime: 0.1 },
    ];
    publish.stats = [
      { type: 'transport', selectedCandidatePairId: 'cp' },
      { type: 'candidate-pair', id: 'cp', availableOutgoingBitrate: 250_000, currentRoundTripTime: 0.1 },
    ];
    sub.stats = [
      { type: 'inbound-rtp', kind: 'video', mid: '0', packetsReceived: 1000, packetsLost: 0, jitter: 0.01, framesPerSecond: 30 },
      { type: 'inbound-rtp', kind: 'video', mid: '1', packetsReceived: 800, packetsLost: 200, jitter: 0.01, framesPerSecond: 30 },
    ];
    for (const pc of FakePC.all) pc.connect('connected');

    const levels = await s.readStats(false, view);
    expect(levels).toEqual({ levels: { host: null, nurse: null }, quality: {}, readings: [], stats: {} });

    const round = await s.readStats(true, view);
    expect(round.quality).toEqual({ host: 'good', nurse: 'poor' });
    expect(round.stats['nurse']?.inbound).toMatchObject({ loss: 0.2, fps: 30, audioLevel: 0.3 });
    expect(round.stats['host']?.outbound.availableBps).toBe(250_000);
    // The publish link is still warming up: not judged yet; then only it is (not the audio link's low estimate).
    expect(round.readings).toEqual([]);
    s.all.get('sfu:publish')!.connectedAt = Date.now() - 20_000;
    expect((await s.readStats(true, view)).readings).toEqual([{ availableBps: 250_000, loss: null, rtt: 0.1 }]);
  });

  it('caps the microphone for the mix rates', () => {
    expect(sfuAudioCap('audio')).toBe(16_000);
    expect(sfuAudioCap('low')).toBe(32_000);
    expect(sfuAudioCap('normal')).toBe(32_000);
  });
});
