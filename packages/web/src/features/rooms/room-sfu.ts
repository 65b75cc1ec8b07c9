import { SFU_LINKS } from '@vuonxa/core';
import type { IceServerConfig, RoomParticipant, SfuLink, SfuStream, SignalData } from '@vuonxa/core';
import { AUDIO_ONLY_OPUS_BPS, inboundReading, linkQuality, outboundReading, selfIn } from './room-logic';
import type { InboundCounters, InboundReading, LinkQuality, OutboundReading, SendMode, StatsEntry } from './room-logic';
import type { MediaPath } from './room-path';
import { WARM_UP_MS } from './room-stats';
import type { StatsReader, StatsRound } from './room-stats';
import type { RemotePeer, RoomView, ViewUpdate } from './room-types';

/** My microphone's Opus cap on the `audio` link: 16 kbps in sound-only mode, 32 kbps otherwise (the mix's rates). */
export function sfuAudioCap(mode: SendMode): number {
  return mode === 'audio' ? AUDIO_ONLY_OPUS_BPS : 32_000;
}

/** How long an offer of mine waits for the server's answer before the link starts again (the server waits 20 s). */
export const ANSWER_TIMEOUT_MS = 20_000;
/** How long a link may stay `disconnected` before it starts again. */
const DISCONNECTED_GRACE_MS = 5_000;
/** The first pause before starting a link again; doubled at each failure in a row, up to the maximum. */
export const RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/** One link to the media server: its connection and where its negotiation stands. */
export interface SfuLinkState {
  readonly link: SfuLink;
  readonly pc: RTCPeerConnection;
  /** The server's candidates that came before its description. */
  pending: RTCIceCandidateInit[];
  remoteSet: boolean;
  /** My candidates, held until the description they belong to has gone (null once it has). */
  outbox: SignalData[] | null;
  /** Subscribe link: whose video each `mid` carries, from the latest offer's list. */
  streams: Map<string, SfuStream>;
  /** Audio link: it sends a microphone (else receive-only, started again when one comes). */
  sends: boolean;
  /** The answer's wait, or the grace of a `disconnected` link. */
  timer: ReturnType<typeof setTimeout> | undefined;
  /** When it reached `connected` (the warm-up of the bandwidth estimate), 0 before. */
  connectedAt: number;
}

/** What the SFU links need from the room engine. */
export interface SfuHost {
  PeerConnection: typeof RTCPeerConnection;
  iceServers: () => IceServerConfig[];
  /** The participants as last listed, and my id among them. */
  participants: () => RoomParticipant[];
  myId: () => string | null;
  mode: () => SendMode;
  /** Sends one step of one of my links to the server (dropped while the socket is not open). */
  send: (link: SfuLink, data: SignalData) => void;
  update: ViewUpdate;
  /** Puts the link's one sender on a new connection (see `RoomMedia.addSfuSender`). */
  addSender: (pc: RTCPeerConnection, link: 'audio' | 'publish') => void;
  hasMicrophone: () => boolean;
  /** The tracks and caps for the mode on a connection's senders (see `RoomMedia.applyMedia`). */
  applyMedia: (pc: RTCPeerConnection) => Promise<void>;
  /** A connection exists: the stats polling runs. */
  startStats: () => void;
}

type SfuStatsEntry = StatsEntry & { mid?: string; trackIdentifier?: string };

const keyOf = (link: SfuLink) => `sfu:${link}`;

function registry(): Map<string, RTCPeerConnection> | null {
  if (typeof window === 'undefined') return null;
  window.__vxPeers ??= new Map();
  return window.__vxPeers;
}

async function entriesOf(pc: RTCPeerConnection): Promise<SfuStatsEntry[]> {
  const entries: SfuStatsEntry[] = [];
  (await pc.getStats()).forEach((e: SfuStatsEntry) => entries.push(e));
  return entries;
}

const RANK: Record<LinkQuality, number> = { good: 0, fair: 1, poor: 2 };
const worse = (a: LinkQuality, b: LinkQuality): LinkQuality => (RANK[a] >= RANK[b] ? a : b);

/**
 * The media-server path (Janus, driven by the server; the browser talks only to the server, with `room.sfu`
 * messages): three links while I am admitted.
 *
 * - `audio`: my microphone up (receive-only without one), the mix of everyone else's sound down, played by one
 *   audio element (`view.mix`). Always there, whatever the mode: the sound never stops.
 * - `publish`: my camera or shared screen, video only, send only; not in sound-only mode.
 * - `subscribe`: everyone else's video, offered by the server (again when publishers come), answered here; each
 *   `mid` is mapped to a participant by the offer's `streams` list, and shown in `view.peers` (video only: the
 *   mix is the only sound).
 *
 * I offer `audio` and `publish` and start them again (with a growing pause) when they fail, get no answer, or the
 * server closes them under me; `subscribe` is the server's to offer again.
 */
export class SfuLinks implements MediaPath, StatsReader {
  readonly all = new Map<string, SfuLinkState>();
  /** Failures in a row of each link I offer (the pause before starting it again grows with them). */
  private readonly retries = new Map<SfuLink, number>();
  /** Links waiting to start again. */
  private readonly waiting = new Map<SfuLink, ReturnType<typeof setTimeout>>();
  /** The subscribe link's steps, one after another as the server sent them. */
  private subscribeChain: Promise<void> = Promise.resolve();
  /** Goes up at each `closeAll`: queued steps from before are dropped. */
  private round = 0;
  private mix: MediaStream | null = null;
  /** The stream shown for each participant's video (kept while the track is the same: no reload of the tile). */
  private readonly videos = new Map<string, MediaStream>();
  private readonly counters = new Map<string, InboundCounters>();
  private mixCounters: InboundCounters | null = null;
  /** `view.peers` holds something of mine. */
  private shown = false;

  constructor(private readonly host: SfuHost) {}

  /** The links that carry my media: `audio` and `publish`. */
  get senders(): ReadonlyMap<string, SfuLinkState> {
    return new Map([...this.all].filter(([, s]) => s.link !== 'subscribe'));
  }

  /** Whose video each `mid` of the subscribe link carries (mid → participant id). */
  streamMap(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [mid, s] of this.get('subscribe')?.streams ?? []) out[mid] = s.participantId;
    return out;
  }

  /** Admitted: the `audio` link, and `publish` unless sound-only. Otherwise nothing. */
  reconcile(me: RoomParticipant, participants: RoomParticipant[]): string[] {
    if (me.status !== 'admitted') {
      this.closeAll();
      return [];
    }
    const open: SfuLink[] = [];
    if (!this.get('audio') && !this.waiting.has('audio')) open.push('audio');
    if (this.host.mode() !== 'audio' && !this.get('publish') && !this.waiting.has('publish')) open.push('publish');
    this.publishPeers(participants);
    return open;
  }

  /** Creates the `audio` or `publish` link and sends its offer. */
  async startOffer(key: string): Promise<void> {
    const link = key === 'audio' || key === 'publish' ? key : null;
    if (!link || this.get(link)) return;
    const state = this.create(link);
    const pc = state.pc;
    try {
      this.host.addSender(pc, link);
      state.sends = link === 'publish' || this.host.hasMicrophone();
      const offer = await pc.createOffer();
      if (this.get(link) !== state) return;
      await pc.setLocalDescription(offer);
      if (this.get(link) !== state || !pc.localDescription) return;
      this.describe(state, { type: 'offer', sdp: pc.localDescription.sdp });
      // No answer (the server's step failed, or the message was lost): the link starts again.
      state.timer = setTimeout(() => {
        if (this.get(link) === state && pc.signalingState === 'have-local-offer') this.retry(link);
      }, ANSWER_TIMEOUT_MS);
      void this.host.applyMedia(pc);
    } catch {
      if (this.get(link) === state) this.retry(link);
    }
  }

  /** One `room.sfu` message from the server. */
  onSignal(link: SfuLink, data: SignalData, streams?: SfuStream[]): void {
    if (!this.admitted()) return;
    if (link === 'subscribe') {
      this.queueSubscribe(() => this.onSubscribe(data, streams));
      return;
    }
    const state = this.get(link);
    if (!state) return;
    if (data.type === 'answer') void this.onAnswer(state, data.sdp);
    else if (data.type === 'candidate') this.addCandidate(state, data.candidate);
    // An offer on a link I offer is not part of the protocol: ignored.
  }

  /** `room.sfu_closed`: the server dropped one of my links. */
  onClosed(link: SfuLink): void {
    if (link === 'subscribe') {
      // After the subscribe steps already queued; the server offers again when there is something to receive.
      this.queueSubscribe(() => this.close('subscribe'));
      return;
    }
    const state = this.get(link);
    if (!state) return;
    // My newer offer waits for its answer: the server closed the link it replaces (its steps of a link run in order).
    if (state.pc.signalingState === 'have-local-offer') return;
    // Lost on the server's side (the media server restarted): started again while still wanted.
    this.retry(link);
  }

  /** `MEDIA_UNAVAILABLE`: the offers still waiting for their answer will not get one; they start again later. */
  mediaUnavailable(): void {
    for (const link of ['audio', 'publish'] as const) {
      if (this.get(link)?.pc.signalingState === 'have-local-offer') this.retry(link);
    }
  }

  /** Sound-only drops my video links (the server drops them too on `room.media`); back up, I publish again. */
  modeChanged(): void {
    if (this.host.mode() === 'audio') {
      this.cancel('publish');
      this.close('publish');
      this.close('subscribe');
      return;
    }
    if (this.admitted() && !this.get('publish') && !this.waiting.has('publish')) void this.startOffer('publish');
  }

  /** A microphone came after a start without one: the receive-only `audio` link starts again to send it. */
  devicesChanged(): void {
    const audio = this.get('audio');
    if (!audio || audio.sends || !this.host.hasMicrophone()) return;
    this.close('audio');
    void this.startOffer('audio');
  }

  /** After a re-join the server holds none of my links: all go, and `reconcile` starts them again. */
  afterRejoin(): void {
    this.closeAll();
  }

  closeAll(): void {
    this.round += 1;
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.retries.clear();
    for (const link of SFU_LINKS) this.drop(link);
    this.videos.clear();
    this.counters.clear();
    this.mixCounters = null;
    if (this.shown) {
      this.shown = false;
      this.host.update({ peers: {} });
    }
  }

  /** Every fifth second: each participant's quality from their video (by mid) and the mix; the step-down from `publish`. */
  async readStats(full: boolean, view: RoomView): Promise<StatsRound> {
    const round: StatsRound = { levels: {}, quality: {}, readings: [], stats: {} };
    const myId = this.host.myId();
    const others = view.participants.filter((p) => p.participantId !== myId && p.status === 'admitted');
    // The mix is everyone's sound in one stream: who speaks cannot be told apart from it (the speaker stays).
    for (const p of others) round.levels[p.participantId] = null;
    if (!full) return round;

    let outbound: OutboundReading = { availableBps: null, loss: null, rtt: null };
    const publish = this.connected('publish');
    if (publish) {
      const entries = await entriesOf(publish.pc);
      if (this.get('publish') === publish) {
        outbound = outboundReading(entries);
        if (publish.connectedAt > 0 && Date.now() - publish.connectedAt >= WARM_UP_MS) round.readings.push(outbound);
      }
    }

    let mix: InboundReading | null = null;
    const audio = this.connected('audio');
    if (audio) {
      const entries = await entriesOf(audio.pc);
      if (this.get('audio') === audio) {
        mix = inboundReading(entries, this.mixCounters);
        this.mixCounters = mix.counters;
      }
    }

    const videoEntries = new Map<string, SfuStatsEntry[]>();
    const sub = this.connected('subscribe');
    if (sub) {
      const entries = await entriesOf(sub.pc);
      if (this.get('subscribe') === sub) {
        const midOfTrack = new Map(sub.pc.getTransceivers().map((t) => [t.receiver.track.id, t.mid]));
        for (const e of entries) {
          if (e.type !== 'inbound-rtp' || e.kind !== 'video') continue;
          const mid = e.mid ?? midOfTrack.get(e.trackIdentifier ?? '');
          const stream = mid ? sub.streams.get(mid) : undefined;
          if (!stream) continue;
          videoEntries.set(stream.participantId, [...(videoEntries.get(stream.participantId) ?? []), e]);
        }
      }
    }

    for (const p of others) {
      const id = p.participantId;
      let quality: LinkQuality | null = mix ? linkQuality(mix, false) : null;
      let inbound: Omit<InboundReading, 'counters'> = {
        loss: mix?.loss ?? 0,
        jitter: mix?.jitter ?? 0,
        fps: null,
        audioLevel: mix?.audioLevel ?? null,
      };
      const entries = videoEntries.get(id);
      if (entries) {
        const video = inboundReading(entries, this.counters.get(id) ?? null);
        this.counters.set(id, video.counters);
        const videoQuality = linkQuality(video, p.video && p.mode !== 'audio');
        quality = quality ? worse(quality, videoQuality) : videoQuality;
        inbound = {
          loss: Math.max(inbound.loss, video.loss),
          jitter: Math.max(inbound.jitter, video.jitter),
          fps: video.fps,
          audioLevel: inbound.audioLevel,
        };
      }
      if (!quality) continue;
      round.quality[id] = quality;
      round.stats[id] = { outbound, inbound, quality };
    }
    return round;
  }

  private get(link: SfuLink): SfuLinkState | undefined {
    return this.all.get(keyOf(link));
  }

  private connected(link: SfuLink): SfuLinkState | undefined {
    const state = this.get(link);
    return state?.pc.connectionState === 'connected' ? state : undefined;
  }

  private admitted(): boolean {
    return selfIn(this.host.participants(), this.host.myId())?.status === 'admitted';
  }

  /** Still wanted: `audio` while admitted, `publish` too unless sound-only. */
  private wanted(link: SfuLink): boolean {
    return link !== 'subscribe' && this.admitted() && (link === 'audio' || this.host.mode() !== 'audio');
  }

  private create(link: SfuLink): SfuLinkState {
    const pc = new this.host.PeerConnection({ iceServers: this.host.iceServers().map((s) => ({ ...s })) });
    const state: SfuLinkState = {
      link,
      pc,
      pending: [],
      remoteSet: false,
      outbox: [],
      streams: new Map(),
      sends: false,
      timer: undefined,
      connectedAt: 0,
    };
    pc.onicecandidate = (event) => {
      const c = event.candidate;
      if (!c || !c.candidate || this.get(link) !== state) return;
      const data: SignalData = {
        type: 'candidate',
        candidate: { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex },
      };
      if (state.outbox) state.outbox.push(data);
      else this.host.send(link, data);
    };
    pc.ontrack = (event) => {
      if (this.get(link) !== state) return;
      if (link === 'audio') {
        if (this.mix?.getAudioTracks()[0] === event.track) return;
        this.mix = new MediaStream([event.track]);
        this.host.update({ mix: this.mix });
      } else if (link === 'subscribe') this.publishPeers();
    };
    pc.onconnectionstatechange = () => this.onState(state);
    this.all.set(keyOf(link), state);
    registry()?.set(keyOf(link), pc);
    this.host.startStats();
    return state;
  }

  private onState(state: SfuLinkState): void {
    const { link, pc } = state;
    if (this.get(link) !== state) return;
    const now = pc.connectionState;
    if (now === 'connected') {
      clearTimeout(state.timer);
      this.retries.delete(link);
      if (state.connectedAt === 0) {
        state.connectedAt = Date.now();
        if (link !== 'subscribe') void this.host.applyMedia(pc);
      }
    } else if (link !== 'subscribe' && now === 'failed') {
      this.retry(link);
      return;
    } else if (link !== 'subscribe' && now === 'disconnected') {
      clearTimeout(state.timer);
      state.timer = setTimeout(() => {
        if (this.get(link) === state && pc.connectionState !== 'connected') this.retry(link);
      }, DISCONNECTED_GRACE_MS);
    }
    if (link !== 'publish') this.publishPeers();
  }

  /** Sends my offer or answer, then the candidates found meanwhile. */
  private describe(state: SfuLinkState, data: SignalData): void {
    this.host.send(state.link, data);
    const held = state.outbox ?? [];
    state.outbox = null;
    for (const c of held) this.host.send(state.link, c);
  }

  private async onAnswer(state: SfuLinkState, sdp: string): Promise<void> {
    if (state.pc.signalingState !== 'have-local-offer') return;
    try {
      await state.pc.setRemoteDescription({ type: 'answer', sdp });
      if (this.get(state.link) !== state) return;
      clearTimeout(state.timer);
      this.flushCandidates(state);
    } catch {
      if (this.get(state.link) === state) this.retry(state.link);
    }
  }

  /** The server's offer of the subscribe link: the first makes the connection, the next renegotiate it. */
  private async onSubscribe(data: SignalData, streams: SfuStream[] | undefined): Promise<void> {
    const existing = this.get('subscribe');
    if (data.type === 'candidate') {
      if (existing) this.addCandidate(existing, data.candidate);
      return;
    }
    if (data.type !== 'offer') return;
    const state = existing ?? this.create('subscribe');
    if (streams) state.streams = new Map(streams.map((s) => [s.mid, s]));
    const pc = state.pc;
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
      if (this.get('subscribe') !== state) return;
      this.flushCandidates(state);
      const answer = await pc.createAnswer();
      if (this.get('subscribe') !== state) return;
      await pc.setLocalDescription(answer);
      if (this.get('subscribe') !== state || !pc.localDescription) return;
      this.describe(state, { type: 'answer', sdp: pc.localDescription.sdp });
    } catch {
      if (this.get('subscribe') === state) this.close('subscribe');
      return;
    }
    this.publishPeers();
  }

  private queueSubscribe(step: () => Promise<void> | void): void {
    const round = this.round;
    this.subscribeChain = this.subscribeChain
      .then(async () => {
        if (round === this.round && this.admitted()) await step();
      })
      .catch(() => undefined);
  }

  private addCandidate(state: SfuLinkState, candidate: RTCIceCandidateInit): void {
    if (!state.remoteSet) {
      state.pending.push(candidate);
      return;
    }
    state.pc.addIceCandidate(candidate).catch(() => undefined);
  }

  private flushCandidates(state: SfuLinkState): void {
    state.remoteSet = true;
    for (const c of state.pending.splice(0)) state.pc.addIceCandidate(c).catch(() => undefined);
  }

  /** Closes a link I offer and, while still wanted, starts it again after a pause growing with the failures. */
  private retry(link: SfuLink): void {
    this.close(link);
    if (this.waiting.has(link) || !this.wanted(link)) return;
    const failures = this.retries.get(link) ?? 0;
    this.retries.set(link, failures + 1);
    const delay = Math.min(RETRY_MS * 2 ** failures, MAX_RETRY_MS);
    this.waiting.set(
      link,
      setTimeout(() => {
        this.waiting.delete(link);
        if (this.wanted(link)) void this.startOffer(link);
      }, delay),
    );
  }

  private cancel(link: SfuLink): void {
    clearTimeout(this.waiting.get(link));
    this.waiting.delete(link);
    this.retries.delete(link);
  }

  private close(link: SfuLink): void {
    if (this.drop(link) && link !== 'publish') this.publishPeers();
  }

  /** Closes a link's connection and forgets its tracks; false when there was none. */
  private drop(link: SfuLink): boolean {
    const state = this.get(link);
    if (!state) return false;
    clearTimeout(state.timer);
    this.all.delete(keyOf(link));
    const known = registry();
    if (known?.get(keyOf(link)) === state.pc) known.delete(keyOf(link));
    state.pc.onicecandidate = null;
    state.pc.ontrack = null;
    state.pc.onconnectionstatechange = null;
    state.pc.close();
    if (link === 'subscribe') this.counters.clear();
    if (link === 'audio') {
      this.mixCounters = null;
      if (this.mix) {
        this.mix = null;
        this.host.update({ mix: null });
      }
    }
    return true;
  }

  /** Each admitted other person's video (from the subscribe link) and how their media reaches me. */
  private videoTracks(): Map<string, MediaStreamTrack> {
    const out = new Map<string, MediaStreamTrack>();
    const sub = this.get('subscribe');
    if (!sub) return out;
    for (const t of sub.pc.getTransceivers()) {
      if (t.mid === null || t.currentDirection === 'stopped' || t.currentDirection === 'inactive') continue;
      const stream = sub.streams.get(t.mid);
      if (stream?.kind === 'video') out.set(stream.participantId, t.receiver.track);
    }
    return out;
  }

  private publishPeers(participants: RoomParticipant[] = this.host.participants()): void {
    const myId = this.host.myId();
    const tracks = this.videoTracks();
    const sub = this.get('subscribe');
    const audio = this.get('audio');
    const peers: Record<string, RemotePeer> = {};
    for (const p of participants) {
      const id = p.participantId;
      if (id === myId || p.status !== 'admitted') continue;
      const track = tracks.get(id);
      let stream: MediaStream | null = null;
      if (track) {
        const known = this.videos.get(id);
        stream = known?.getVideoTracks()[0] === track ? known : new MediaStream([track]);
        this.videos.set(id, stream);
      }
      // Their video comes on the subscribe link, their sound in the mix (the audio link).
      peers[id] = { stream, state: track && sub ? sub.pc.connectionState : (audio?.pc.connectionState ?? 'new') };
    }
    for (const id of [...this.videos.keys()]) if (!peers[id]?.stream) this.videos.delete(id);
    if (!this.shown && Object.keys(peers).length === 0) return;
    this.shown = Object.keys(peers).length > 0;
    this.host.update({ peers });
  }
}
