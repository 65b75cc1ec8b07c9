import type { RoomParticipant } from '@vuonxa/core';

/** How media flows in the room, as `room.joined` says (see MEDIA_PATHS in @vuonxa/core). */
export type MediaPathKind = 'p2p' | 'sfu';

/**
 * One media path of the room as the engine drives it: the peer-to-peer mesh (`PeerMesh`, one connection per remote
 * participant) or the media-server links (`SfuLinks`: `audio`, `publish`, `subscribe`). The engine picks one from
 * `room.joined.media`; each path turns the participants list into connections and shows what arrives in
 * `view.peers` itself.
 */
export interface MediaPath {
  /** Every connection of the path, by key: a participant id (p2p) or `sfu:<link>` (sfu). */
  readonly all: ReadonlyMap<string, { readonly pc: RTCPeerConnection }>;
  /** The connections whose senders carry my microphone or video (RoomMedia puts tracks and caps on them). */
  readonly senders: ReadonlyMap<string, { readonly pc: RTCPeerConnection }>;
  /** The participants as newly listed (me among them): closes what must go; returns what to start (`startOffer`). */
  reconcile(me: RoomParticipant, participants: RoomParticipant[]): string[];
  /** Starts, with an offer of mine, one of the keys `reconcile` returned. */
  startOffer(key: string): Promise<void>;
  /** A second `room.joined` (after a reconnect): drops what the server no longer holds. */
  afterRejoin(): void;
  /** The mode I send in changed (after RoomMedia capped the senders and the room was told). */
  modeChanged(): void;
  /** Another microphone or camera (or none) is in use (after RoomMedia put the new tracks on the senders). */
  devicesChanged(): void;
  closeAll(): void;
}
