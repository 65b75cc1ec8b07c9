import { ROOM_ERRORS } from '@vuonxa/core';
import type { RoomParticipant } from '@vuonxa/core';

export type RoomErrorCode = (typeof ROOM_ERRORS)[number];

type Seat = Pick<RoomParticipant, 'participantId' | 'joinedAt'>;

function time(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Whether `a` came into the room before `b`: earlier `joinedAt`, ties broken by the smaller participant id.
 *
 * @example
 * isOlder({ participantId: 'p1', joinedAt: '2026-01-05T08:00:00Z' }, { participantId: 'p0', joinedAt: '2026-01-05T08:01:00Z' }); // true
 */
export function isOlder(a: Seat, b: Seat): boolean {
  const ta = time(a.joinedAt);
  const tb = time(b.joinedAt);
  if (ta !== tb) return ta < tb;
  return a.participantId < b.participantId;
}

/**
 * Whether `me` makes the offer to `other` (the glare rule): the newer of two admitted participants offers,
 * the older waits and answers.
 */
export function offersTo(me: Seat, other: Seat): boolean {
  return me.participantId !== other.participantId && isOlder(other, me);
}

/** My own entry in the list, by participant id. */
export function selfIn(participants: readonly RoomParticipant[], myId: string | null): RoomParticipant | undefined {
  return myId === null ? undefined : participants.find((p) => p.participantId === myId);
}

export interface PeerPlan {
  /** Admitted others I call: I am the newer. */
  offerTo: string[];
  /** Admitted others who call me: they are the newer. */
  answerFrom: string[];
}

/** With whom I hold a media connection, and who starts each; nobody while I am not admitted. */
export function peerPlan(me: RoomParticipant | undefined, participants: readonly RoomParticipant[]): PeerPlan {
  const plan: PeerPlan = { offerTo: [], answerFrom: [] };
  if (!me || me.status !== 'admitted') return plan;
  for (const p of participants) {
    if (p.participantId === me.participantId || p.status !== 'admitted') continue;
    if (offersTo(me, p)) plan.offerTo.push(p.participantId);
    else plan.answerFrom.push(p.participantId);
  }
  return plan;
}

export interface PeerChanges {
  /** Connections to close: the other left, went back to the lobby, or I am no longer admitted. */
  close: string[];
  /** Connections to open now, with an offer from me. */
  open: string[];
}

/**
 * What to do with the media connections after the list of people changed: close those to whoever is no longer
 * an admitted participant, and open (offering) those I am due to start and do not have yet. Connections I
 * answer are made when the offer comes.
 *
 * @example
 * reconcilePeers(['p1', 'p9'], me, list); // { close: ['p9'], open: ['p3'] }
 */
export function reconcilePeers(
  current: Iterable<string>,
  me: RoomParticipant | undefined,
  participants: readonly RoomParticipant[],
): PeerChanges {
  const plan = peerPlan(me, participants);
  const wanted = new Set([...plan.offerTo, ...plan.answerFrom]);
  const have = new Set(current);
  return {
    close: [...have].filter((id) => !wanted.has(id)),
    open: plan.offerTo.filter((id) => !have.has(id)),
  };
}

/** The participants shown as tiles: the admitted ones, oldest first, me among them when admitted. */
export function admittedInOrder(participants: readonly RoomParticipant[]): RoomParticipant[] {
  return participants.filter((p) => p.status === 'admitted').sort((a, b) => (isOlder(a, b) ? -1 : isOlder(b, a) ? 1 : 0));
}

/** Those waiting in the lobby, in order of arrival. */
export function lobbyInOrder(participants: readonly RoomParticipant[]): RoomParticipant[] {
  return participants.filter((p) => p.status === 'lobby').sort((a, b) => (isOlder(a, b) ? -1 : isOlder(b, a) ? 1 : 0));
}

/** Errors that end the attempt to be in the room; the others (an action refused) are shown beside the call. */
export function isFatalRoomError(code: RoomErrorCode): boolean {
  return code === 'NOT_FOUND' || code === 'FORBIDDEN' || code === 'NOT_OPEN' || code === 'REMOVED';
}

export function isRoomErrorCode(code: string): code is RoomErrorCode {
  return (ROOM_ERRORS as readonly string[]).includes(code);
}

/** Columns of the video grid for `count` tiles: one alone, two side by side, then a 2×2, then three across. */
export function gridColumns(count: number): number {
  if (count <= 1) return 1;
  if (count <= 4) return 2;
  return 3;
}

/** What the pre-join screen obtained from the browser. */
export type MediaMode = 'pending' | 'full' | 'audio-only' | 'video-only' | 'none';

/** The mode of a local stream (or its absence): which kinds of track it carries. */
export function mediaModeOf(stream: { getAudioTracks(): unknown[]; getVideoTracks(): unknown[] } | null): Exclude<MediaMode, 'pending'> {
  if (!stream) return 'none';
  const audio = stream.getAudioTracks().length > 0;
  const video = stream.getVideoTracks().length > 0;
  if (audio && video) return 'full';
  if (audio) return 'audio-only';
  if (video) return 'video-only';
  return 'none';
}

/** A person's initials for a tile without video: "Nguyễn Văn An" → "NA". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1] ?? '') : '';
  return (first.charAt(0) + last.charAt(0)).toLocaleUpperCase();
}
