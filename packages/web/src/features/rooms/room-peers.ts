import type { IceServerConfig, RoomParticipant, SignalData } from '@vuonxa/core';
import { offersTo, reconcilePeers, selfIn } from './room-logic';
import type { InboundCounters } from './room-logic';
import type { MediaPath } from './room-path';
import type { RemotePeer, ViewUpdate } from './room-types';

/** How long a connection I started may stay `disconnected` before I start it again. */
const DISCONNECTED_GRACE_MS = 5_000;
/** The pause before starting again a connection that failed. */
const RETRY_MS = 1_000;

export interface Peer {
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

/** What the peer connections need from the room engine. */
export interface PeersHost {
  PeerConnection: typeof RTCPeerConnection;
  iceServers: () => IceServerConfig[];
  /** The participants as last listed, and my id among them. */
  participants: () => RoomParticipant[];
  myId: () => string | null;
  /** Sends a signal to another participant (dropped while the socket is not open). */
  signal: (to: string, data: SignalData) => void;
  update: ViewUpdate;
  /** Puts my tracks on a new connection, then on its senders once negotiated (see `RoomMedia`). */
  addLocalTracks: (pc: RTCPeerConnection, offerer: boolean) => void;
  applyMedia: (pc: RTCPeerConnection) => Promise<void>;
  /** A connection exists: the stats polling runs. */
  startStats: () => void;
}

function peersRegistry(): Map<string, RTCPeerConnection> | null {
  if (typeof window === 'undefined') return null;
  window.__vxPeers ??= new Map();
  return window.__vxPeers;
}

/**
 * One RTCPeerConnection per remote admitted participant (a mesh): offers, answers, trickled ICE candidates, and
 * starting again the connections I started when they fail.
 */
export class PeerMesh implements MediaPath {
  readonly all = new Map<string, Peer>();
  /** Each remote participant's epoch as last listed: a change means a new tab or reload, the link is rebuilt. */
  private readonly epochs = new Map<string, number>();

  constructor(private readonly host: PeersHost) {}

  /** Every connection carries my microphone and video. */
  get senders(): ReadonlyMap<string, Peer> {
    return this.all;
  }

  modeChanged(): void {
    // Each connection's senders are capped in place (RoomMedia.applyAll): no renegotiation.
  }

  devicesChanged(): void {
    // The new tracks replace the old on the same senders (RoomMedia.applyAll): no renegotiation.
  }

  /** Back after a reconnect: restart the connections I started; keep those I answered while they work. */
  afterRejoin(): void {
    for (const [id, peer] of [...this.all]) {
      const state = peer.pc.connectionState;
      if (peer.offerer || state === 'failed' || state === 'closed' || state === 'disconnected') this.close(id);
    }
  }

  /** The participants as newly listed (me among them): closes the links to drop; returns those to offer. */
  reconcile(me: RoomParticipant, participants: RoomParticipant[]): string[] {
    // Someone took their seat back (reload, another tab, reconnect): the link to the old tab is dead, rebuild now.
    for (const p of participants) {
      if (p.participantId === me.participantId) continue;
      const before = this.epochs.get(p.participantId);
      if (before !== undefined && before !== p.epoch) this.close(p.participantId);
    }
    this.epochs.clear();
    for (const p of participants) this.epochs.set(p.participantId, p.epoch);
    const { close, open } = reconcilePeers(this.all.keys(), me, participants);
    for (const id of close) this.close(id);
    return open;
  }

  private createPeer(id: string, offerer: boolean): Peer {
    const pc = new this.host.PeerConnection({ iceServers: this.host.iceServers().map((s) => ({ ...s })) });
    const peer: Peer = { pc, offerer, pending: [], remoteSet: false, stream: null, timer: undefined, connectedAt: 0, counters: null };
    pc.onicecandidate = (event) => {
      const c = event.candidate;
      if (!c || !c.candidate) return;
      this.host.signal(id, { type: 'candidate', candidate: { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex } });
    };
    pc.ontrack = (event) => {
      if (this.all.get(id) !== peer) return;
      const tracks = peer.stream ? peer.stream.getTracks() : [];
      if (!tracks.includes(event.track)) peer.stream = new MediaStream([...tracks, event.track]);
      this.publish();
    };
    pc.onconnectionstatechange = () => {
      if (this.all.get(id) !== peer) return;
      if (pc.connectionState === 'connected' && peer.connectedAt === 0) {
        peer.connectedAt = Date.now();
        void this.host.applyMedia(pc);
      }
      this.watch(id, peer);
      this.publish();
    };
    this.all.set(id, peer);
    peersRegistry()?.set(id, pc);
    this.publish();
    this.host.startStats();
    return peer;
  }

  /** Restarts a connection I started when it fails or stays disconnected; drops one I answered that failed. */
  private watch(id: string, peer: Peer): void {
    clearTimeout(peer.timer);
    peer.timer = undefined;
    const state = peer.pc.connectionState;
    if (state !== 'failed' && state !== 'disconnected') return;
    if (!peer.offerer) {
      if (state === 'failed') this.close(id);
      return;
    }
    peer.timer = setTimeout(
      () => {
        if (this.all.get(id) !== peer) return;
        this.close(id);
        const participants = this.host.participants();
        const me = selfIn(participants, this.host.myId());
        if (reconcilePeers(this.all.keys(), me, participants).open.includes(id)) void this.startOffer(id);
      },
      state === 'failed' ? RETRY_MS : DISCONNECTED_GRACE_MS,
    );
  }

  async startOffer(id: string): Promise<void> {
    if (this.all.has(id)) return;
    const peer = this.createPeer(id, true);
    try {
      this.host.addLocalTracks(peer.pc, true);
      const offer = await peer.pc.createOffer();
      if (this.all.get(id) !== peer) return;
      await peer.pc.setLocalDescription(offer);
      if (this.all.get(id) !== peer || !peer.pc.localDescription) return;
      this.host.signal(id, { type: 'offer', sdp: peer.pc.localDescription.sdp });
      void this.host.applyMedia(peer.pc);
    } catch {
      if (this.all.get(id) === peer) this.close(id);
    }
  }

  async onSignal(from: string, data: SignalData): Promise<void> {
    const participants = this.host.participants();
    const me = selfIn(participants, this.host.myId());
    if (!me || me.status !== 'admitted') return;
    const existing = this.all.get(from);
    if (data.type === 'offer') {
      const other = participants.find((p) => p.participantId === from);
      // Both offered at once: mine stands when I am the newer, and the other drops its own for it.
      if (existing?.offerer && existing.pc.signalingState === 'have-local-offer' && other && offersTo(me, other)) return;
      if (existing) this.close(from);
      const peer = this.createPeer(from, false);
      try {
        await peer.pc.setRemoteDescription({ type: 'offer', sdp: data.sdp });
        if (this.all.get(from) !== peer) return;
        this.flushCandidates(peer);
        this.host.addLocalTracks(peer.pc, false);
        const answer = await peer.pc.createAnswer();
        if (this.all.get(from) !== peer) return;
        await peer.pc.setLocalDescription(answer);
        if (this.all.get(from) !== peer || !peer.pc.localDescription) return;
        this.host.signal(from, { type: 'answer', sdp: peer.pc.localDescription.sdp });
        void this.host.applyMedia(peer.pc);
      } catch {
        if (this.all.get(from) === peer) this.close(from);
      }
      return;
    }
    if (!existing) return;
    if (data.type === 'answer') {
      if (existing.pc.signalingState !== 'have-local-offer') return;
      try {
        await existing.pc.setRemoteDescription({ type: 'answer', sdp: data.sdp });
        if (this.all.get(from) === existing) this.flushCandidates(existing);
      } catch {
        if (this.all.get(from) === existing) this.close(from);
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

  close(id: string): void {
    const peer = this.all.get(id);
    if (!peer) return;
    clearTimeout(peer.timer);
    this.all.delete(id);
    const registry = peersRegistry();
    if (registry?.get(id) === peer.pc) registry.delete(id);
    peer.pc.onicecandidate = null;
    peer.pc.ontrack = null;
    peer.pc.onconnectionstatechange = null;
    peer.pc.close();
    this.publish();
  }

  closeAll(): void {
    for (const id of [...this.all.keys()]) this.close(id);
    this.epochs.clear();
  }

  private publish(): void {
    const peers: Record<string, RemotePeer> = {};
    for (const [id, p] of this.all) peers[id] = { stream: p.stream, state: p.pc.connectionState };
    this.host.update({ peers });
  }
}
