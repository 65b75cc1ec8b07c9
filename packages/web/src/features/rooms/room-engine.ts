import type { ClientMessage, IceServerConfig, RoomParticipant, ServerMessage } from '@vuonxa/core';
import type { AnnotationAction } from '@vuonxa/core';
import type { RealtimeStatus } from '../notifications/use-realtime';
import { applyAnnotation, groupAnnotations } from './annotation-logic';
import { AUDIO_ONLY_OPUS_BPS, isFatalRoomError, selfIn } from './room-logic';
import type { RoomErrorCode, SendMode } from './room-logic';
import { RoomMedia } from './room-media';
import { PeerMesh } from './room-peers';
import type { MediaPath, MediaPathKind } from './room-path';
import { SfuLinks, sfuAudioCap } from './room-sfu';
import { RoomStats } from './room-stats';
import { INITIAL_ROOM_VIEW } from './room-types';
import type { EngineDeps, RoomTestHandle, RoomView } from './room-types';

/** After a host action, a NOT_IN_ROOM answer is about its target, not about me. */
const ACTION_WINDOW_MS = 5_000;

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
 * - That is the `p2p` path (PeerMesh). When `room.joined` says `sfu`, the media goes through the media server
 *   instead (SfuLinks, room-sfu.ts: `room.sfu` messages with the server); both follow `MediaPath` (room-path.ts).
 */
export class RoomEngine {
  private view: RoomView = INITIAL_ROOM_VIEW;
  private wanted = false;
  private joinedOnce = false;
  private status: RealtimeStatus = 'connecting';
  private generation = 0;
  private joinedGeneration = -1;
  private myId: string | null = null;
  private iceServers: IceServerConfig[] = [];
  private lastActionAt = 0;
  private destroyed = false;
  private readonly media: RoomMedia;
  private readonly peers: PeerMesh;
  /** The media-server links (`room.joined.media` is `sfu`); the mesh otherwise. */
  private readonly sfu: SfuLinks;
  private mediaPath: MediaPathKind | null = null;
  private readonly stats: RoomStats;

  constructor(
    private readonly roomId: string,
    private readonly deps: EngineDeps,
  ) {
    const update = (patch: Partial<RoomView>) => this.update(patch);
    this.media = new RoomMedia({
      roomId,
      mode: () => this.view.mode,
      destroyed: () => this.destroyed,
      peers: () => this.path.senders,
      update,
      participantAction: (message) => this.participantAction(message),
    });
    this.peers = new PeerMesh({
      PeerConnection: deps.PeerConnection ?? RTCPeerConnection,
      iceServers: () => this.iceServers,
      participants: () => this.view.participants,
      myId: () => this.myId,
      signal: (to, data) => {
        // Signals are not queued across a reconnect: the connections are rebuilt after the re-join.
        if (this.status === 'open' && this.wanted) this.deps.send({ type: 'room.signal', roomId, to, data });
      },
      update,
      addLocalTracks: (pc, offerer) => this.media.addLocalTracks(pc, offerer),
      applyMedia: (pc) => this.media.applyMedia(pc),
      startStats: () => this.stats.start(),
    });
    this.sfu = new SfuLinks({
      PeerConnection: deps.PeerConnection ?? RTCPeerConnection,
      iceServers: () => this.iceServers,
      participants: () => this.view.participants,
      myId: () => this.myId,
      mode: () => this.view.mode,
      send: (link, data) => {
        // Not queued across a reconnect either: the server drops my links, they are rebuilt after the re-join.
        if (this.status === 'open' && this.wanted) this.deps.send({ type: 'room.sfu', roomId, link, data });
      },
      update,
      addSender: (pc, link) => this.media.addSfuSender(pc, link),
      hasMicrophone: () => this.media.hasMicrophone(),
      applyMedia: (pc) => this.media.applyMedia(pc),
      startStats: () => this.stats.start(),
    });
    this.stats = new RoomStats({
      destroyed: () => this.destroyed,
      peers: () => this.peers.all,
      view: () => this.view,
      update,
      setMode: (mode) => this.setMode(mode),
      reader: () => (this.mediaPath === 'sfu' ? this.sfu : null),
    });
  }

  /** The media path in use: the SFU links when `room.joined` said so, else the mesh. */
  private get path(): MediaPath {
    return this.mediaPath === 'sfu' ? this.sfu : this.peers;
  }

  /** `room.joined` names the path: a change (between two joins) drops the other one's connections. */
  private choosePath(media: MediaPathKind | undefined): void {
    const next = media === 'sfu' ? 'sfu' : 'p2p';
    if (next === this.mediaPath) return;
    this.path.closeAll();
    this.mediaPath = next;
    this.media.audioCap = next === 'sfu' ? sfuAudioCap : (mode) => (mode === 'audio' ? AUDIO_ONLY_OPUS_BPS : undefined);
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
    this.media.local = local;
    this.wanted = true;
    this.joinedGeneration = -1;
    this.update({ phase: 'joining', error: null, notice: null, info: null, resume: false, mode, ...this.media.trackState() });
    this.maybeJoin();
  }

  leave(): void {
    if (this.wanted && this.status === 'open') this.deps.send({ type: 'room.leave', roomId: this.roomId });
    this.wanted = false;
    this.closeAll();
    this.stopShare();
    this.update({ phase: 'left', participants: [], me: null, notice: null, info: null });
  }

  setLocal(local: MediaStream | null): void {
    this.media.setLocal(local);
    this.path.devicesChanged();
  }

  setMic(on: boolean): void {
    this.media.setMic(on);
  }

  setCamera(on: boolean): void {
    this.media.setCamera(on);
  }

  /** Chosen by the person (up or down) or by the automatic step-down: caps every video sender. */
  setMode(mode: SendMode): void {
    if (mode === this.view.mode) return;
    this.stats.resetStreak();
    this.update({ mode, info: this.view.info?.kind === 'stepDown' ? null : this.view.info });
    this.media.applyAll();
    this.media.changed();
    this.path.modeChanged();
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

  share(screen: MediaStream): void {
    this.media.share(screen);
  }

  stopShare(): void {
    this.media.stopShare();
  }

  /** Takes the seat back from the other tab: joins again once the devices are ready (see `resume`). */
  reclaim(): void {
    if (this.view.phase !== 'superseded') return;
    this.update({ phase: 'idle', resume: true, error: null, notice: null });
  }

  dismissInfo(): void {
    this.update({ info: null });
  }

  // ——— Surgery support (procedure camera, annotations) and recording with consent ———

  /** Streams (or stops streaming) my camera as a procedure camera: high quality, others may draw on it. */
  setProcedure(on: boolean): void {
    this.media.setProcedure(on);
  }

  /** Draws on, undoes on, or clears a procedure stream; the room sends it back to everyone (me included). */
  annotate(target: string, action: AnnotationAction): boolean {
    return this.participantAction({ type: 'room.annotate', roomId: this.roomId, target, action });
  }

  /** Hosts: ask everyone's consent to record, start once all agreed, stop, or give up asking. */
  record(action: 'ask' | 'start' | 'stop' | 'cancel'): void {
    this.hostAction({ type: 'room.record', roomId: this.roomId, action });
  }

  /** My answer to the recording notice. */
  answerRecording(accept: boolean): boolean {
    return this.participantAction({ type: 'room.recording_consent', roomId: this.roomId, accept });
  }

  // ——— End of surgery support and recording ———

  /** For the end-to-end tests. */
  testHandle(): RoomTestHandle {
    const mode = () => this.view.mode;
    const path = () => this.mediaPath;
    return {
      get mode() {
        return mode();
      },
      setMode: (m) => this.setMode(m),
      stats: () => this.stats.lastStats(),
      get media() {
        return path();
      },
      sfuStreams: () => this.sfu.streamMap(),
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
        if (this.joinedOnce) this.path.afterRejoin();
        this.choosePath(message.media);
        this.joinedOnce = true;
        // The server keeps what I last said of my media; after (re)joining it hears it once more.
        this.media.forgetPublished();
        this.update({ title: message.title, error: null, chat: message.chat });
        this.update({ annotations: groupAnnotations(message.annotations), recording: message.recording });
        this.applyParticipants(list);
        return;
      }
      case 'room.annotation': {
        const annotations = applyAnnotation(this.view.annotations, message.target, message.from, message.action);
        if (annotations !== this.view.annotations) this.update({ annotations });
        return;
      }
      case 'room.recording':
        this.update({ recording: message.recording });
        return;
      case 'room.chat':
        if (!this.view.chat.some((m) => m.id === message.message.id)) this.update({ chat: [...this.view.chat, message.message] });
        return;
      case 'room.speaking':
        // Through the media server the bridge tells who talks (the mix alone cannot); the last talker stays on.
        if (message.talking && message.participantId !== this.myId) this.update({ speaker: message.participantId });
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
        if (this.mediaPath !== 'sfu') void this.peers.onSignal(message.from, message.data);
        return;
      case 'room.sfu':
        if (this.mediaPath === 'sfu') this.sfu.onSignal(message.link, message.data, message.streams);
        return;
      case 'room.sfu_closed':
        if (this.mediaPath === 'sfu') this.sfu.onClosed(message.link);
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
    // The media server did not answer a link of mine: it starts again (and the notice says so meanwhile).
    if (code === 'MEDIA_UNAVAILABLE' && this.mediaPath === 'sfu') this.sfu.mediaUnavailable();
    this.update({ notice: code });
  }

  private applyParticipants(participants: RoomParticipant[]): void {
    const me = selfIn(participants, this.myId);
    if (!me) {
      // Not (or no longer) listed: the server will say why (removed, error); keep no media meanwhile.
      this.closeAll();
      this.update({ participants, me: null });
      return;
    }
    const open = this.path.reconcile(me, participants);
    this.update({ participants, me, phase: me.status === 'admitted' ? 'call' : 'lobby' });
    for (const id of open) void this.path.startOffer(id);
    if (me.status === 'admitted') this.media.publish();
  }

  private closeAll(): void {
    this.peers.closeAll();
    this.sfu.closeAll();
    this.stats.stop();
  }

  private update(patch: Partial<RoomView>): void {
    if (this.destroyed) return;
    this.view = { ...this.view, ...patch };
    this.deps.onView(this.view);
  }
}
