import { useEffect, useMemo, useRef, useState } from 'react';
import type { ClientMessage, IceServerConfig, RoomChatMessage, RoomParticipant, ServerMessage, SignalData } from '@vuonxa/core';
import { useRealtime, useRealtimeConnection } from '../notifications/use-realtime';
import type { RealtimeStatus } from '../notifications/use-realtime';
import {
  AUDIO_ONLY_OPUS_BPS,
  decideStepDown,
  inboundReading,
  isFatalRoomError,
  linkQuality,
  loudest,
  offersTo,
  outboundReading,
  reconcilePeers,
  selfIn,
  videoEncodingFor,
} from './room-logic';
import type { InboundCounters, InboundReading, LinkQuality, OutboundReading, RoomErrorCode, SendMode, StatsEntry } from './room-logic';

/** For the end-to-end tests: the mode I send in, changing it, and the last stats reading of each peer. */
export interface RoomTestHandle {
  readonly mode: SendMode;
  setMode: (mode: SendMode) => void;
  stats: () => Record<string, { outbound: OutboundReading; inbound: Omit<InboundReading, 'counters'>; quality: LinkQuality | null }>;
}

declare global {
  interface Window {
    /** For the end-to-end tests: the media connection to each remote participant, by participant id. */
    __vxPeers?: Map<string, RTCPeerConnection>;
    __vxRoom?: RoomTestHandle;
  }
}

/**
 * Where the person is: choosing devices (`idle`), waiting for the server's answer, waiting to be admitted,
 * in the call, or out (removed by a host, left, or refused with an error code).
 */
export type RoomPhase = 'idle' | 'joining' | 'lobby' | 'call' | 'removed' | 'left' | 'error' | 'superseded';

/** Something to tell the person during the call: a host asked them to mute, or the link stepped down. */
export type RoomInfo = { kind: 'muteRequested' } | { kind: 'stepDown'; mode: SendMode };

export interface RemotePeer {
  /** What the other sends, once a track arrived. */
  stream: MediaStream | null;
  state: RTCPeerConnectionState;
}

export interface RoomView {
  phase: RoomPhase;
  title: string;
  /** My own entry, as the server last listed it. */
  me: RoomParticipant | null;
  participants: RoomParticipant[];
  /** The code that ended the attempt (phase `error`). */
  error: RoomErrorCode | null;
  /** A refused action while in the room (not a host, no longer there): shown, the call goes on. */
  notice: RoomErrorCode | null;
  peers: Readonly<Record<string, RemotePeer>>;
  /** The session's chat: the history given on joining, then the live messages. */
  chat: RoomChatMessage[];
  info: RoomInfo | null;
  /** What I send: the mode, my microphone and camera (on or off), and the screen I share. */
  mode: SendMode;
  micOn: boolean;
  cameraOn: boolean;
  sharing: MediaStream | null;
  /** The quality of what I receive from each remote participant (after the first stats reading). */
  quality: Readonly<Record<string, LinkQuality>>;
  /** The loudest remote participant lately. */
  speaker: string | null;
  /** Taking the seat back from another tab: join as soon as the devices are ready. */
  resume: boolean;
}

export const INITIAL_ROOM_VIEW: RoomView = {
  phase: 'idle',
  title: '',
  me: null,
  participants: [],
  error: null,
  notice: null,
  peers: {},
  chat: [],
  info: null,
  mode: 'normal',
  micOn: false,
  cameraOn: false,
  sharing: null,
  quality: {},
  speaker: null,
  resume: false,
};

/** How long a connection I started may stay `disconnected` before I start it again. */
const DISCONNECTED_GRACE_MS = 5_000;
/** The pause before starting again a connection that failed. */
const RETRY_MS = 1_000;
/** After a host action, a NOT_IN_ROOM answer is about its target, not about me. */
const ACTION_WINDOW_MS = 5_000;
/** Audio levels (the speaker view) are read every second; the link quality and step-down every 5 s. */
const LEVEL_TICK_MS = 1_000;
const QUALITY_EVERY_TICKS = 5;
/** A new connection's bandwidth estimate starts low and ramps up: its first seconds are not judged. */
const WARM_UP_MS = 10_000;

interface Peer {
  pc: RTCPeerConnection;
  /** I made the offer (I am the newer of the two). */
  offerer: boolean;
  /** Candidates that came before the other's description. */
  pending: RTCIceCandidateInit[];
  remoteSet: boolean;
  stream: MediaStream | null;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** When it reached `connected` (the warm-up of the bandwidth estimate), 0 before. */
  connectedAt: number;
  counters: InboundCounters | null;
}

interface EngineDeps {
  send: (message: ClientMessage) => void;
  onView: (view: RoomView) => void;
  /** For tests of the engine: the peer connection constructor. */
  PeerConnection?: typeof RTCPeerConnection;
}

function peersRegistry(): Map<string, RTCPeerConnection> | null {
  if (typeof window === 'undefined') return null;
  window.__vxPeers ??= new Map();
  return window.__vxPeers;
}

/**
 * The room's state machine, outside React: the signaling over the app's socket and one RTCPeerConnection per
 * remote admitted participant (a mesh, fine for 2–4 people).
 *
 * - Joining: `room.join` once per opening of the socket while the person wants to be in the room, so a
 *   reconnect re-joins by itself (the server gives the same seat back).
 * - Media only while I am admitted; the newer of two admitted participants offers (see `offersTo`), the older
 *   answers; both trickle ICE candidates.
 * - After a re-join, the connections I started are started again (the other side replaces its own when the
 *   new offer comes); those I answered stay while they work, and their offerer starts them again when they fail.
 */
export class RoomEngine {
  private view: RoomView = INITIAL_ROOM_VIEW;
  private readonly peers = new Map<string, Peer>();
  private wanted = false;
  private joinedOnce = false;
  private status: RealtimeStatus = 'connecting';
  private generation = 0;
  private joinedGeneration = -1;
  private myId: string | null = null;
  private iceServers: IceServerConfig[] = [];
  private local: MediaStream | null = null;
  private lastActionAt = 0;
  private destroyed = false;
  private readonly PC: typeof RTCPeerConnection;
  /** Each remote participant's epoch as last listed: a change means a new tab or reload, the link is rebuilt. */
  private readonly epochs = new Map<string, number>();
  private screen: MediaStream | null = null;
  private streak = 0;
  private tick = 0;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private statsBusy = false;
  private lastMedia = '';
  private lastStats: ReturnType<RoomTestHandle['stats']> = {};

  constructor(
    private readonly roomId: string,
    private readonly deps: EngineDeps,
  ) {
    this.PC = deps.PeerConnection ?? RTCPeerConnection;
  }

  /** The socket's state changed: join (again) when open and wanted. */
  connection(status: RealtimeStatus, generation: number): void {
    this.status = status;
    this.generation = generation;
    this.maybeJoin();
  }

  /** Asks to enter with this local stream (null: without camera or microphone). */
  join(local: MediaStream | null, mode: SendMode = this.view.mode): void {
    if (this.destroyed) return;
    this.local = local;
    this.wanted = true;
    this.joinedGeneration = -1;
    this.update({ phase: 'joining', error: null, notice: null, info: null, resume: false, mode, ...this.trackState() });
    this.maybeJoin();
  }

  leave(): void {
    if (this.wanted && this.status === 'open') this.deps.send({ type: 'room.leave', roomId: this.roomId });
    this.wanted = false;
    this.closeAll();
    this.stopShare();
    this.update({ phase: 'left', participants: [], me: null, notice: null, info: null });
  }

  /** The devices changed (another camera or microphone chosen): the peers send the new tracks, on or off as before. */
  setLocal(local: MediaStream | null): void {
    if (local === this.local) return;
    const { micOn, cameraOn } = this.trackState();
    const had = this.local;
    this.local = local;
    if (had) {
      for (const t of local?.getAudioTracks() ?? []) t.enabled = micOn;
      for (const t of local?.getVideoTracks() ?? []) t.enabled = cameraOn;
    }
    this.applyAll();
    this.mediaChanged();
  }

  setMic(on: boolean): void {
    for (const t of this.local?.getAudioTracks() ?? []) t.enabled = on;
    this.mediaChanged();
  }

  setCamera(on: boolean): void {
    for (const t of this.local?.getVideoTracks() ?? []) t.enabled = on;
    this.mediaChanged();
  }

  /** Chosen by the person (up or down) or by the automatic step-down: caps every video sender. */
  setMode(mode: SendMode): void {
    if (mode === this.view.mode) return;
    this.streak = 0;
    this.update({ mode, info: this.view.info?.kind === 'stepDown' ? null : this.view.info });
    this.applyAll();
    this.mediaChanged();
  }

  setHand(raised: boolean): void {
    this.participantAction({ type: 'room.hand', roomId: this.roomId, raised });
  }

  sendChat(text: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > 2_000) return false;
    return this.participantAction({ type: 'room.chat', roomId: this.roomId, text: trimmed });
  }

  askToMute(participantId: string): void {
    this.hostAction({ type: 'room.mute', roomId: this.roomId, participantId });
  }

  /** Sends this screen (or window) instead of the camera until it ends (here, or from the browser's own bar). */
  share(screen: MediaStream): void {
    const track = screen.getVideoTracks()[0];
    if (!track || this.destroyed) {
      for (const t of screen.getTracks()) t.stop();
      return;
    }
    this.stopShare();
    this.screen = screen;
    track.addEventListener('ended', () => {
      if (this.screen === screen) this.stopShare();
    });
    this.applyAll();
    this.mediaChanged();
  }

  stopShare(): void {
    const screen = this.screen;
    if (!screen) return;
    this.screen = null;
    for (const t of screen.getTracks()) t.stop();
    this.applyAll();
    this.mediaChanged();
  }

  /** Takes the seat back from the other tab: joins again once the devices are ready (see `resume`). */
  reclaim(): void {
    if (this.view.phase !== 'superseded') return;
    this.update({ phase: 'idle', resume: true, error: null, notice: null });
  }

  dismissInfo(): void {
    this.update({ info: null });
  }

  /** For the end-to-end tests. */
  testHandle(): RoomTestHandle {
    const mode = () => this.view.mode;
    return {
      get mode() {
        return mode();
      },
      setMode: (m) => this.setMode(m),
      stats: () => this.lastStats,
    };
  }

  admit(participantId: string): void {
    this.hostAction({ type: 'room.admit', roomId: this.roomId, participantId });
  }

  sendToLobby(participantId: string): void {
    this.hostAction({ type: 'room.send_to_lobby', roomId: this.roomId, participantId });
  }

  remove(participantId: string): void {
    this.hostAction({ type: 'room.remove', roomId: this.roomId, participantId });
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  /** Back to the pre-join screen after leaving, to come in again. */
  prepare(): void {
    if (this.wanted) return;
    this.update({ phase: 'idle', error: null, notice: null });
  }

  /** Leaves the room and closes everything (the page goes away). The local stream belongs to the caller. */
  destroy(): void {
    if (this.wanted && this.status === 'open') this.deps.send({ type: 'room.leave', roomId: this.roomId });
    this.wanted = false;
    this.closeAll();
    this.stopShare();
    this.destroyed = true;
  }

  handle(message: ServerMessage): void {
    if (this.destroyed || !this.wanted) return;
    if (!('roomId' in message) || message.roomId !== this.roomId) return;
    switch (message.type) {
      case 'room.joined': {
        this.myId = message.you.participantId;
        this.iceServers = message.iceServers;
        const list = message.participants.some((p) => p.participantId === message.you.participantId)
          ? message.participants
          : [message.you, ...message.participants];
        if (this.joinedOnce) this.afterRejoin();
        this.joinedOnce = true;
        // The server keeps what I last said of my media; after (re)joining it hears it once more.
        this.lastMedia = '';
        this.update({ title: message.title, error: null, chat: message.chat });
        this.applyParticipants(list);
        return;
      }
      case 'room.chat':
        if (!this.view.chat.some((m) => m.id === message.message.id)) this.update({ chat: [...this.view.chat, message.message] });
        return;
      case 'room.mute_requested':
        this.setMic(false);
        this.update({ info: { kind: 'muteRequested' } });
        return;
      case 'room.superseded':
        // Another tab of mine (or a reconnect elsewhere) took the seat: let go of everything here.
        this.wanted = false;
        this.closeAll();
        this.stopShare();
        this.update({ phase: 'superseded', participants: [], me: null, notice: null, info: null });
        return;
      case 'room.participants':
        this.applyParticipants(message.participants);
        return;
      case 'room.signal':
        void this.onSignal(message.from, message.data);
        return;
      case 'room.removed':
        this.wanted = false;
        this.closeAll();
        this.update({ phase: 'removed', participants: [], me: null, notice: null });
        return;
      case 'room.error':
        this.onError(message.code);
        return;
    }
  }

  private hostAction(message: ClientMessage): void {
    this.lastActionAt = Date.now();
    if (this.status === 'open') this.deps.send(message);
  }

  /** Chat, hand and media state are taken only from an admitted participant (else NOT_IN_ROOM, and a re-join). */
  private participantAction(message: ClientMessage): boolean {
    if (this.status !== 'open' || !this.wanted || this.view.me?.status !== 'admitted') return false;
    this.deps.send(message);
    return true;
  }

  /** Microphone and camera as the tracks say (on when enabled), and what the video senders carry. */
  private trackState(): { micOn: boolean; cameraOn: boolean; sharing: MediaStream | null } {
    return {
      micOn: (this.local?.getAudioTracks() ?? []).some((t) => t.enabled && t.readyState === 'live'),
      cameraOn: (this.local?.getVideoTracks() ?? []).some((t) => t.enabled && t.readyState === 'live'),
      sharing: this.screen,
    };
  }

  /** Re-renders the controls and tells the room (once per change) what I now send. */
  private mediaChanged(): void {
    this.update(this.trackState());
    this.publishMedia();
  }

  private publishMedia(): void {
    const { micOn, cameraOn } = this.trackState();
    const mode = this.view.mode;
    const video = mode !== 'audio' && (this.screen !== null || cameraOn);
    const key = `${micOn}|${video}|${mode}`;
    if (key === this.lastMedia) return;
    if (this.participantAction({ type: 'room.media', roomId: this.roomId, audio: micOn, video, mode })) this.lastMedia = key;
  }

  /** The track each video sender carries: the shared screen, else the camera; none in sound-only mode. */
  private videoTrack(): MediaStreamTrack | null {
    if (this.view.mode === 'audio') return null;
    const screen = this.screen?.getVideoTracks().find((t) => t.readyState === 'live');
    return screen ?? this.local?.getVideoTracks().find((t) => t.readyState === 'live') ?? null;
  }

  private audioTrack(): MediaStreamTrack | null {
    return this.local?.getAudioTracks().find((t) => t.readyState === 'live') ?? null;
  }

  private applyAll(): void {
    for (const peer of this.peers.values()) void this.applyMedia(peer.pc);
  }

  /** Puts the right tracks on a connection's senders and caps them for the mode (no renegotiation). */
  private async applyMedia(pc: RTCPeerConnection): Promise<void> {
    if (typeof pc.getTransceivers !== 'function') return;
    const mode = this.view.mode;
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.currentDirection === 'stopped' || pc.connectionState === 'closed') continue;
      const kind = transceiver.receiver.track.kind;
      const sender = transceiver.sender;
      const track = kind === 'video' ? this.videoTrack() : this.audioTrack();
      try {
        if (sender.track !== track) await sender.replaceTrack(track);
        if (kind === 'video') {
          if (track) await encode(sender, videoEncodingFor(mode));
        } else await encode(sender, { maxBitrate: mode === 'audio' ? AUDIO_ONLY_OPUS_BPS : undefined });
      } catch {
        // Not negotiated yet, or closed meanwhile: applied again once connected.
      }
    }
  }

  private startStats(): void {
    if (this.statsTimer !== undefined || typeof window === 'undefined') return;
    this.statsTimer = setInterval(() => void this.readStats(), LEVEL_TICK_MS);
  }

  private stopStats(): void {
    clearInterval(this.statsTimer);
    this.statsTimer = undefined;
  }

  /** Every second the audio levels (who speaks); every fifth, each link's quality and the automatic step-down. */
  private async readStats(): Promise<void> {
    if (this.statsBusy || this.destroyed) return;
    this.statsBusy = true;
    try {
      this.tick += 1;
      const full = this.tick % QUALITY_EVERY_TICKS === 0;
      const levels: Record<string, number | null> = {};
      const quality: Record<string, LinkQuality> = {};
      const readings: OutboundReading[] = [];
      const stats: ReturnType<RoomTestHandle['stats']> = {};
      for (const [id, peer] of [...this.peers]) {
        if (peer.pc.connectionState !== 'connected') continue;
        const entries: StatsEntry[] = [];
        (await peer.pc.getStats()).forEach((e: StatsEntry) => entries.push(e));
        if (this.peers.get(id) !== peer) continue;
        const inbound = inboundReading(entries, full ? peer.counters : null);
        levels[id] = inbound.audioLevel;
        if (!full) continue;
        peer.counters = inbound.counters;
        const other = this.view.participants.find((p) => p.participantId === id);
        quality[id] = linkQuality(inbound, !!other?.video && other.mode !== 'audio');
        const outbound = outboundReading(entries);
        if (peer.connectedAt > 0 && Date.now() - peer.connectedAt >= WARM_UP_MS) readings.push(outbound);
        stats[id] = {
          outbound,
          inbound: { loss: inbound.loss, jitter: inbound.jitter, fps: inbound.fps, audioLevel: inbound.audioLevel },
          quality: quality[id] ?? null,
        };
      }
      const speaker = loudest(levels, this.view.speaker);
      if (!full) {
        if (speaker !== this.view.speaker) this.update({ speaker });
        return;
      }
      this.lastStats = stats;
      this.update({ speaker, quality });
      const decision = decideStepDown(this.view.mode, this.streak, readings);
      this.streak = decision.streak;
      if (decision.stepped) {
        this.setMode(decision.mode);
        this.update({ info: { kind: 'stepDown', mode: decision.mode } });
      }
    } catch {
      // A connection closed during the reading: the next one goes on.
    } finally {
      this.statsBusy = false;
    }
  }

  private maybeJoin(): void {
    if (this.destroyed || !this.wanted || this.status !== 'open' || this.joinedGeneration === this.generation) return;
    this.joinedGeneration = this.generation;
    this.deps.send({ type: 'room.join', roomId: this.roomId });
  }

  private onError(code: RoomErrorCode): void {
    if (isFatalRoomError(code)) {
      this.wanted = false;
      this.closeAll();
      this.update({ phase: 'error', error: code, participants: [], me: null, notice: null });
      return;
    }
    // The server no longer knows me (it restarted, or a signal crossed a reconnect): join again.
    if (code === 'NOT_IN_ROOM' && Date.now() - this.lastActionAt > ACTION_WINDOW_MS && this.view.phase !== 'joining') {
      // The call stays on screen until the answer: the connections are rebuilt by `room.joined`.
      this.joinedGeneration = -1;
      this.maybeJoin();
      return;
    }
    this.update({ notice: code });
  }

  /** Back after a reconnect: restart the connections I started; keep those I answered while they work. */
  private afterRejoin(): void {
    for (const [id, peer] of [...this.peers]) {
      const state = peer.pc.connectionState;
      if (peer.offerer || state === 'failed' || state === 'closed' || state === 'disconnected') this.closePeer(id);
    }
  }

  private applyParticipants(participants: RoomParticipant[]): void {
    const me = selfIn(participants, this.myId);
    if (!me) {
      // Not (or no longer) listed: the server will say why (removed, error); keep no media meanwhile.
      this.closeAll();
      this.update({ participants, me: null });
      return;
    }
    // Someone took their seat back (reload, another tab, reconnect): the link to the old tab is dead, rebuild now.
    for (const p of participants) {
      if (p.participantId === me.participantId) continue;
      const before = this.epochs.get(p.participantId);
      if (before !== undefined && before !== p.epoch) this.closePeer(p.participantId);
    }
    this.epochs.clear();
    for (const p of participants) this.epochs.set(p.participantId, p.epoch);
    const { close, open } = reconcilePeers(this.peers.keys(), me, participants);
    for (const id of close) this.closePeer(id);
    this.update({ participants, me, phase: me.status === 'admitted' ? 'call' : 'lobby' });
    for (const id of open) void this.startOffer(id);
    if (me.status === 'admitted') this.publishMedia();
  }

  private signal(to: string, data: SignalData): void {
    // Signals are not queued across a reconnect: the connections are rebuilt after the re-join.
    if (this.status !== 'open' || !this.wanted) return;
    this.deps.send({ type: 'room.signal', roomId: this.roomId, to, data });
  }

  private createPeer(id: string, offerer: boolean): Peer {
    const pc = new this.PC({ iceServers: this.iceServers.map((s) => ({ ...s })) });
    const peer: Peer = { pc, offerer, pending: [], remoteSet: false, stream: null, timer: undefined, connectedAt: 0, counters: null };
    pc.onicecandidate = (event) => {
      const c = event.candidate;
      if (!c || !c.candidate) return;
      this.signal(id, { type: 'candidate', candidate: { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex } });
    };
    pc.ontrack = (event) => {
      if (this.peers.get(id) !== peer) return;
      const tracks = peer.stream ? peer.stream.getTracks() : [];
      if (!tracks.includes(event.track)) peer.stream = new MediaStream([...tracks, event.track]);
      this.publishPeers();
    };
    pc.onconnectionstatechange = () => {
      if (this.peers.get(id) !== peer) return;
      if (pc.connectionState === 'connected' && peer.connectedAt === 0) {
        peer.connectedAt = Date.now();
        void this.applyMedia(pc);
      }
      this.watch(id, peer);
      this.publishPeers();
    };
    this.peers.set(id, peer);
    peersRegistry()?.set(id, pc);
    this.publishPeers();
    this.startStats();
    return peer;
  }

  /** Restarts a connection I started when it fails or stays disconnected; drops one I answered that failed. */
  private watch(id: string, peer: Peer): void {
    clearTimeout(peer.timer);
    peer.timer = undefined;
    const state = peer.pc.connectionState;
    if (state !== 'failed' && state !== 'disconnected') return;
    if (!peer.offerer) {
      if (state === 'failed') this.closePeer(id);
      return;
    }
    peer.timer = setTimeout(
      () => {
        if (this.peers.get(id) !== peer) return;
        this.closePeer(id);
        const me = selfIn(this.view.participants, this.myId);
        if (reconcilePeers(this.peers.keys(), me, this.view.participants).open.includes(id)) void this.startOffer(id);
      },
      state === 'failed' ? RETRY_MS : DISCONNECTED_GRACE_MS,
    );
  }

  private addLocalTracks(pc: RTCPeerConnection, offerer: boolean): void {
    const local = this.local ?? this.screen;
    for (const kind of ['audio', 'video'] as const) {
      // The camera even in sound-only mode (the sender carries nothing until the mode goes up), or the screen.
      const track =
        kind === 'audio'
          ? this.audioTrack()
          : (this.screen?.getVideoTracks().find((t) => t.readyState === 'live') ??
            this.local?.getVideoTracks().find((t) => t.readyState === 'live'));
      // After the other's offer, addTrack reuses the transceiver the offer created for this kind.
      if (track && local) pc.addTrack(track, local);
      // Without a device now, still able to send one later (another device, a shared screen) without renegotiating.
      else if (offerer) pc.addTransceiver(kind, { direction: 'sendrecv' });
      else
        for (const t of pc.getTransceivers?.() ?? [])
          if (t.receiver.track.kind === kind && t.direction === 'recvonly') t.direction = 'sendrecv';
    }
  }

  private async startOffer(id: string): Promise<void> {
    if (this.peers.has(id)) return;
    const peer = this.createPeer(id, true);
    try {
      this.addLocalTracks(peer.pc, true);
      const offer = await peer.pc.createOffer();
      if (this.peers.get(id) !== peer) return;
      await peer.pc.setLocalDescription(offer);
      if (this.peers.get(id) !== peer || !peer.pc.localDescription) return;
      this.signal(id, { type: 'offer', sdp: peer.pc.localDescription.sdp });
      void this.applyMedia(peer.pc);
    } catch {
      if (this.peers.get(id) === peer) this.closePeer(id);
    }
  }

  private async onSignal(from: string, data: SignalData): Promise<void> {
    const me = selfIn(this.view.participants, this.myId);
    if (!me || me.status !== 'admitted') return;
    const existing = this.peers.get(from);
    if (data.type === 'offer') {
      const other = this.view.participants.find((p) => p.participantId === from);
      // Both offered at once: mine stands when I am the newer, and the other drops its own for it.
      if (existing?.offerer && existing.pc.signalingState === 'have-local-offer' && other && offersTo(me, other)) return;
      if (existing) this.closePeer(from);
      const peer = this.createPeer(from, false);
      try {
        await peer.pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
        if (this.peers.get(from) !== peer) return;
        this.flushCandidates(peer);
        this.addLocalTracks(peer.pc, false);
        const answer = await peer.pc.createAnswer();
        if (this.peers.get(from) !== peer) return;
        await peer.pc.setLocalDescription(answer);
        if (this.peers.get(from) !== peer || !peer.pc.localDescription) return;
        this.signal(from, { type: 'answer', sdp: peer.pc.localDescription.sdp });
        void this.applyMedia(peer.pc);
      } catch {
        if (this.peers.get(from) === peer) this.closePeer(from);
      }
      return;
    }
    if (!existing) return;
    if (data.type === 'answer') {
      if (existing.pc.signalingState !== 'have-local-offer') return;
      try {
        await existing.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
        if (this.peers.get(from) === existing) this.flushCandidates(existing);
      } catch {
        if (this.peers.get(from) === existing) this.closePeer(from);
      }
      return;
    }
    if (!existing.remoteSet) {
      existing.pending.push(data.candidate);
      return;
    }
    existing.pc.addIceCandidate(data.candidate).catch(() => undefined);
  }

  private flushCandidates(peer: Peer): void {
    peer.remoteSet = true;
    const pending = peer.pending.splice(0);
    for (const c of pending) peer.pc.addIceCandidate(c).catch(() => undefined);
  }

  private closePeer(id: string): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    clearTimeout(peer.timer);
    this.peers.delete(id);
    const registry = peersRegistry();
    if (registry?.get(id) === peer.pc) registry.delete(id);
    peer.pc.onicecandidate = null;
    peer.pc.ontrack = null;
    peer.pc.onconnectionstatechange = null;
    peer.pc.close();
    this.publishPeers();
  }

  private closeAll(): void {
    for (const id of [...this.peers.keys()]) this.closePeer(id);
    this.stopStats();
    this.epochs.clear();
  }

  private publishPeers(): void {
    const peers: Record<string, RemotePeer> = {};
    for (const [id, p] of this.peers) peers[id] = { stream: p.stream, state: p.pc.connectionState };
    this.update({ peers });
  }

  private update(patch: Partial<RoomView>): void {
    if (this.destroyed) return;
    this.view = { ...this.view, ...patch };
    this.deps.onView(this.view);
  }
}

/** Sets the first encoding of a sender (an `undefined` value removes the setting). */
async function encode(
  sender: RTCRtpSender,
  values: Partial<Record<'maxBitrate' | 'scaleResolutionDownBy' | 'maxFramerate', number | undefined>>,
): Promise<void> {
  const params = sender.getParameters();
  const first = params.encodings?.[0];
  if (!first) return;
  let changed = false;
  const target = first as Record<string, unknown>;
  for (const [key, value] of Object.entries(values)) {
    if (target[key] === value) continue;
    changed = true;
    if (value === undefined) delete target[key];
    else target[key] = value;
  }
  if (changed) await sender.setParameters(params);
}

export interface RoomControls {
  view: RoomView;
  /** The socket's state, for a "reconnecting" banner. */
  connection: RealtimeStatus;
  join: (local: MediaStream | null, mode?: SendMode) => void;
  leave: () => void;
  admit: (participantId: string) => void;
  sendToLobby: (participantId: string) => void;
  remove: (participantId: string) => void;
  askToMute: (participantId: string) => void;
  dismissNotice: () => void;
  dismissInfo: () => void;
  /** Back to the pre-join screen (after leaving). */
  prepare: () => void;
  /** Takes the seat back from another tab. */
  reclaim: () => void;
  setLocal: (local: MediaStream | null) => void;
  setMic: (on: boolean) => void;
  setCamera: (on: boolean) => void;
  setMode: (mode: SendMode) => void;
  setHand: (raised: boolean) => void;
  /** False when not sent (empty, or not in the call). */
  sendChat: (text: string) => boolean;
  share: (screen: MediaStream) => void;
  stopShare: () => void;
}

/**
 * One live room over the app's WebSocket: joining, the lobby, host actions and the peer connections.
 * Leaving the page leaves the room.
 *
 * @example
 * const room = useRoom(roomId);
 * <Button onClick={() => room.join(stream)}>Join</Button>
 */
export function useRoom(roomId: string): RoomControls {
  const { send, status, generation } = useRealtimeConnection();
  const [view, setView] = useState<RoomView>(INITIAL_ROOM_VIEW);
  const engine = useRef<RoomEngine | null>(null);
  const sendRef = useRef(send);

  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  useEffect(() => {
    const e = new RoomEngine(roomId, { send: (m) => sendRef.current(m), onView: setView });
    engine.current = e;
    if (typeof window !== 'undefined') window.__vxRoom = e.testHandle();
    return () => {
      e.destroy();
      if (engine.current === e) engine.current = null;
    };
  }, [roomId]);

  useEffect(() => {
    engine.current?.connection(status, generation);
  }, [status, generation, roomId]);

  useRealtime((m) => engine.current?.handle(m));

  // No goodbye on closing or reloading the tab: the server keeps the seat (and an admission) for a minute, so a
  // reload comes back into the call instead of the lobby. Leaving the page inside the app does leave the room.

  // Stable functions: screens may list them as effect dependencies.
  const actions = useMemo<Omit<RoomControls, 'view' | 'connection'>>(
    () => ({
      join: (local, mode) => engine.current?.join(local, mode),
      leave: () => engine.current?.leave(),
      admit: (id) => engine.current?.admit(id),
      sendToLobby: (id) => engine.current?.sendToLobby(id),
      remove: (id) => engine.current?.remove(id),
      askToMute: (id) => engine.current?.askToMute(id),
      dismissNotice: () => engine.current?.dismissNotice(),
      dismissInfo: () => engine.current?.dismissInfo(),
      prepare: () => engine.current?.prepare(),
      reclaim: () => engine.current?.reclaim(),
      setLocal: (local) => engine.current?.setLocal(local),
      setMic: (on) => engine.current?.setMic(on),
      setCamera: (on) => engine.current?.setCamera(on),
      setMode: (mode) => engine.current?.setMode(mode),
      setHand: (raised) => engine.current?.setHand(raised),
      sendChat: (text) => engine.current?.sendChat(text) ?? false,
      share: (screen) => engine.current?.share(screen),
      stopShare: () => engine.current?.stopShare(),
    }),
    [],
  );

  return { view, connection: status, ...actions };
}
