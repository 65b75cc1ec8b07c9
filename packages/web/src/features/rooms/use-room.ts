import { useEffect, useRef, useState } from 'react';
import type { ClientMessage, IceServerConfig, RoomParticipant, ServerMessage, SignalData } from '@vuonxa/core';
import { useRealtime, useRealtimeConnection } from '../notifications/use-realtime';
import type { RealtimeStatus } from '../notifications/use-realtime';
import { isFatalRoomError, offersTo, reconcilePeers, selfIn } from './room-logic';
import type { RoomErrorCode } from './room-logic';

declare global {
  interface Window {
    /** For the end-to-end tests: the media connection to each remote participant, by participant id. */
    __vxPeers?: Map<string, RTCPeerConnection>;
  }
}

/**
 * Where the person is: choosing devices (`idle`), waiting for the server's answer, waiting to be admitted,
 * in the call, or out (removed by a host, left, or refused with an error code).
 */
export type RoomPhase = 'idle' | 'joining' | 'lobby' | 'call' | 'removed' | 'left' | 'error';

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
}

export const INITIAL_ROOM_VIEW: RoomView = { phase: 'idle', title: '', me: null, participants: [], error: null, notice: null, peers: {} };

/** How long a connection I started may stay `disconnected` before I start it again. */
const DISCONNECTED_GRACE_MS = 5_000;
/** The pause before starting again a connection that failed. */
const RETRY_MS = 1_000;
/** After a host action, a NOT_IN_ROOM answer is about its target, not about me. */
const ACTION_WINDOW_MS = 5_000;

interface Peer {
  pc: RTCPeerConnection;
  /** I made the offer (I am the newer of the two). */
  offerer: boolean;
  /** Candidates that came before the other's description. */
  pending: RTCIceCandidateInit[];
  remoteSet: boolean;
  stream: MediaStream | null;
  timer: ReturnType<typeof setTimeout> | undefined;
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
  join(local: MediaStream | null): void {
    if (this.destroyed) return;
    this.local = local;
    this.wanted = true;
    this.joinedGeneration = -1;
    this.update({ phase: 'joining', error: null, notice: null });
    this.maybeJoin();
  }

  leave(): void {
    if (this.wanted && this.status === 'open') this.deps.send({ type: 'room.leave', roomId: this.roomId });
    this.wanted = false;
    this.closeAll();
    this.update({ phase: 'left', participants: [], me: null, notice: null });
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
    this.destroyed = true;
    this.closeAll();
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
        this.update({ title: message.title, error: null });
        this.applyParticipants(list);
        return;
      }
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
    const { close, open } = reconcilePeers(this.peers.keys(), me, participants);
    for (const id of close) this.closePeer(id);
    this.update({ participants, me, phase: me.status === 'admitted' ? 'call' : 'lobby' });
    for (const id of open) void this.startOffer(id);
  }

  private signal(to: string, data: SignalData): void {
    // Signals are not queued across a reconnect: the connections are rebuilt after the re-join.
    if (this.status !== 'open' || !this.wanted) return;
    this.deps.send({ type: 'room.signal', roomId: this.roomId, to, data });
  }

  private createPeer(id: string, offerer: boolean): Peer {
    const pc = new this.PC({ iceServers: this.iceServers.map((s) => ({ ...s })) });
    const peer: Peer = { pc, offerer, pending: [], remoteSet: false, stream: null, timer: undefined };
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
      this.watch(id, peer);
      this.publishPeers();
    };
    this.peers.set(id, peer);
    peersRegistry()?.set(id, pc);
    this.publishPeers();
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
    const local = this.local;
    for (const kind of ['audio', 'video'] as const) {
      const track = local?.getTracks().find((t) => t.kind === kind && t.readyState === 'live');
      // After the other's offer, addTrack reuses the transceiver the offer created for this kind.
      if (track && local) pc.addTrack(track, local);
      else if (offerer) pc.addTransceiver(kind, { direction: 'recvonly' });
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

export interface RoomControls {
  view: RoomView;
  /** The socket's state, for a "reconnecting" banner. */
  connection: RealtimeStatus;
  join: (local: MediaStream | null) => void;
  leave: () => void;
  admit: (participantId: string) => void;
  sendToLobby: (participantId: string) => void;
  remove: (participantId: string) => void;
  dismissNotice: () => void;
  /** Back to the pre-join screen (after leaving). */
  prepare: () => void;
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

  return {
    view,
    connection: status,
    join: (local) => engine.current?.join(local),
    leave: () => engine.current?.leave(),
    admit: (id) => engine.current?.admit(id),
    sendToLobby: (id) => engine.current?.sendToLobby(id),
    remove: (id) => engine.current?.remove(id),
    dismissNotice: () => engine.current?.dismissNotice(),
    prepare: () => engine.current?.prepare(),
  };
}
