import type { ClientMessage, RecordingStatus, RoomChatMessage, RoomParticipant } from '@vuonxa/core';
import type { AnnotationsByTarget } from './annotation-logic';
import { INITIAL_RECORDING } from './recording-logic';
import type { InboundReading, LinkQuality, OutboundReading, RoomErrorCode, SendMode } from './room-logic';

/** For the end-to-end tests: the mode I send in, changing it, and the last stats reading of each peer. */
export interface RoomTestHandle {
  readonly mode: SendMode;
  setMode: (mode: SendMode) => void;
  stats: () => Record<string, { outbound: OutboundReading; inbound: Omit<InboundReading, 'counters'>; quality: LinkQuality | null }>;
  /** The room's media path as `room.joined` said (null before). */
  readonly media: 'p2p' | 'sfu' | null;
  /** SFU path: whose video each `mid` of the subscribe link carries (mid → participant id). */
  sfuStreams: () => Record<string, string>;
}

declare global {
  interface Window {
    /** For the end-to-end tests: the media connection to each remote participant, by participant id (SFU path: `sfu:<link>`). */
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
  /** SFU path: the media server's mix of everyone else's sound, played by one hidden audio element (null otherwise). */
  mix: MediaStream | null;
  // Surgery support and recording (see annotation-logic.ts, recording-logic.ts).
  /** I stream a procedure camera (what I asked; the server's word is `me.procedure`). */
  procedure: boolean;
  /** The strokes drawn on each procedure stream, by the streaming participant's id. */
  annotations: AnnotationsByTarget;
  /** The room's recording: off, asking everyone's consent, or on. */
  recording: RecordingStatus;
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
  mix: null,
  procedure: false,
  annotations: {},
  recording: INITIAL_RECORDING,
};

/** How the room engine's parts change what is shown. */
export type ViewUpdate = (patch: Partial<RoomView>) => void;

/** What the room engine is given: the app socket's send, the view's receiver, and (in tests) the peer connection. */
export interface EngineDeps {
  send: (message: ClientMessage) => void;
  onView: (view: RoomView) => void;
  /** For tests of the engine: the peer connection constructor. */
  PeerConnection?: typeof RTCPeerConnection;
}
