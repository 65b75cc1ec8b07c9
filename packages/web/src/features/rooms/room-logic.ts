import { MODE_VIDEO_BITRATE, ROOM_ERRORS } from '@vuonxa/core';
import type { MEDIA_MODES, RoomParticipant } from '@vuonxa/core';

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

/** How much video a participant sends: full, reduced (weak link), or none (sound only). */
export type SendMode = (typeof MEDIA_MODES)[number];

/** Whether the stats loop steps down below this many bits per second of estimated outgoing capacity. */
export const WEAK_BITRATE_BPS = 400_000;
/** …or above this fraction of packets lost (as the other side reports). */
export const WEAK_LOSS = 0.08;
/** Weak readings in a row before stepping down one mode. */
export const WEAK_READINGS = 2;

/** What one stats reading says about my sending to one peer (`null`: not measured). */
export interface OutboundReading {
  /** The estimate of the selected candidate pair, bits per second. */
  availableBps: number | null;
  /** The worst fraction lost the other side reports for my streams (0–1). */
  loss: number | null;
  /** Seconds. */
  rtt: number | null;
}

/** A getStats() entry, as far as these functions read it. */
export interface StatsEntry {
  type: string;
  id?: string;
  kind?: string;
  state?: string;
  nominated?: boolean;
  selected?: boolean;
  availableOutgoingBitrate?: number;
  currentRoundTripTime?: number;
  roundTripTime?: number;
  fractionLost?: number;
  packetsLost?: number;
  packetsReceived?: number;
  jitter?: number;
  framesPerSecond?: number;
  audioLevel?: number;
  selectedCandidatePairId?: string;
}

/**
 * My sending to one peer from its getStats() entries: the selected candidate pair's `availableOutgoingBitrate`
 * and round trip, the worst `fractionLost` among the `remote-inbound-rtp` reports.
 */
export function outboundReading(entries: readonly StatsEntry[]): OutboundReading {
  const transport = entries.find((e) => e.type === 'transport' && e.selectedCandidatePairId);
  const pair =
    entries.find((e) => e.type === 'candidate-pair' && transport && e.id === transport.selectedCandidatePairId) ??
    entries.find((e) => e.type === 'candidate-pair' && e.state === 'succeeded' && (e.selected || e.nominated));
  let loss: number | null = null;
  let rtt: number | null = pair?.currentRoundTripTime ?? null;
  for (const e of entries) {
    if (e.type !== 'remote-inbound-rtp') continue;
    if (typeof e.fractionLost === 'number') loss = Math.max(loss ?? 0, e.fractionLost);
    if (rtt === null && typeof e.roundTripTime === 'number') rtt = e.roundTripTime;
  }
  return { availableBps: pair?.availableOutgoingBitrate ?? null, loss, rtt };
}

/** A reading is weak when the estimated capacity is under 400 kbps or more than 8% of packets are lost. */
export function isWeakReading(r: OutboundReading): boolean {
  return (r.availableBps !== null && r.availableBps < WEAK_BITRATE_BPS) || (r.loss !== null && r.loss > WEAK_LOSS);
}

/** The next mode down: normal → low → audio (audio stays). */
export function lowerMode(mode: SendMode): SendMode {
  return mode === 'normal' ? 'low' : 'audio';
}

export interface StepDown {
  /** The mode to send in after this reading. */
  mode: SendMode;
  /** Weak readings in a row so far (reset after a step). */
  streak: number;
  /** The mode changed on this reading. */
  stepped: boolean;
}

/**
 * The automatic step-down after one stats round (every 5 s): weak when any peer's reading is weak; two weak
 * rounds in a row step down one mode. Never steps up (the person does, from the mode selector).
 *
 * @example
 * decideStepDown('normal', 1, [{ availableBps: 250_000, loss: 0, rtt: 0.2 }]); // { mode: 'low', streak: 0, stepped: true }
 */
export function decideStepDown(mode: SendMode, streak: number, readings: readonly OutboundReading[]): StepDown {
  if (mode === 'audio') return { mode, streak: 0, stepped: false };
  const weak = readings.some(isWeakReading);
  if (!weak) return { mode, streak: 0, stepped: false };
  const next = streak + 1;
  if (next >= WEAK_READINGS) return { mode: lowerMode(mode), streak: 0, stepped: true };
  return { mode, streak: next, stepped: false };
}

/** The cumulative inbound counters of one peer, kept between readings to compute the loss in between. */
export interface InboundCounters {
  packetsLost: number;
  packetsReceived: number;
}

export interface InboundReading {
  /** Fraction of packets lost since the previous reading (0–1). */
  loss: number;
  /** Seconds, the worst of audio and video. */
  jitter: number;
  /** Frames per second of the video received, `null` without video. */
  fps: number | null;
  /** The received audio level (0–1), `null` without audio. */
  audioLevel: number | null;
  counters: InboundCounters;
}

/** What I receive from one peer, from its getStats() entries and the counters of the previous reading. */
export function inboundReading(entries: readonly StatsEntry[], previous: InboundCounters | null): InboundReading {
  let lost = 0;
  let received = 0;
  let jitter = 0;
  let fps: number | null = null;
  let audioLevel: number | null = null;
  for (const e of entries) {
    if (e.type !== 'inbound-rtp') continue;
    lost += Math.max(0, e.packetsLost ?? 0);
    received += e.packetsReceived ?? 0;
    jitter = Math.max(jitter, e.jitter ?? 0);
    if (e.kind === 'video' && typeof e.framesPerSecond === 'number') fps = (fps ?? 0) + e.framesPerSecond;
    if (e.kind === 'audio' && typeof e.audioLevel === 'number') audioLevel = Math.max(audioLevel ?? 0, e.audioLevel);
  }
  const dLost = Math.max(0, lost - (previous?.packetsLost ?? 0));
  const dReceived = Math.max(0, received - (previous?.packetsReceived ?? 0));
  const loss = dLost + dReceived > 0 ? dLost / (dLost + dReceived) : 0;
  return { loss, jitter, fps, audioLevel, counters: { packetsLost: lost, packetsReceived: received } };
}

export type LinkQuality = 'good' | 'fair' | 'poor';

/**
 * The quality of what I receive from one peer: poor with more than 10% lost, jitter over 100 ms or video under
 * 5 frames per second; fair with more than 3% lost, jitter over 30 ms or video under 12 fps (the `low` mode
 * sends 15); good otherwise.
 * `expectVideo`: the peer says it sends video (a low frame rate is not held against a sound-only participant).
 */
export function linkQuality(r: Pick<InboundReading, 'loss' | 'jitter' | 'fps'>, expectVideo: boolean): LinkQuality {
  const fps = expectVideo ? r.fps : null;
  if (r.loss > 0.1 || r.jitter > 0.1 || (fps !== null && fps < 5)) return 'poor';
  if (r.loss > 0.03 || r.jitter > 0.03 || (fps !== null && fps < 12)) return 'fair';
  return 'good';
}

/** The loudest remote participant (audio level above a whisper), else the one spoken before (`current`). */
export function loudest(levels: Readonly<Record<string, number | null>>, current: string | null): string | null {
  let best: string | null = null;
  let level = 0.02;
  for (const [id, l] of Object.entries(levels)) {
    if (l !== null && l > level) {
      best = id;
      level = l;
    }
  }
  if (best) return best;
  return current !== null && current in levels ? current : (Object.keys(levels)[0] ?? null);
}

/** The mode recommended after a download test: ≥ 1.5 Mbps normal, ≥ 300 kbps low, else sound only. */
export function recommendMode(kbps: number): SendMode {
  if (kbps >= MODE_VIDEO_BITRATE.normal / 1000) return 'normal';
  if (kbps >= MODE_VIDEO_BITRATE.low / 1000) return 'low';
  return 'audio';
}

/** Kilobits per second of a transfer of `bytes` in `ms`. */
export function kbps(bytes: number, ms: number): number {
  return ms > 0 ? Math.round((bytes * 8) / ms) : 0;
}

/** The participants list for hosts: raised hands first (in order of arrival), then the others. */
export function handsFirst(participants: readonly RoomParticipant[]): RoomParticipant[] {
  const inOrder = admittedInOrder(participants);
  return [...inOrder.filter((p) => p.handRaised), ...inOrder.filter((p) => !p.handRaised)];
}

/** The video encoding for a mode: the cap, and for `low` half the resolution at 15 fps. */
export function videoEncodingFor(mode: SendMode): { maxBitrate: number; scaleResolutionDownBy: number; maxFramerate: number | undefined } {
  if (mode === 'low') return { maxBitrate: MODE_VIDEO_BITRATE.low, scaleResolutionDownBy: 2, maxFramerate: 15 };
  // No frame rate cap: the one `low` set is lifted.
  return { maxBitrate: MODE_VIDEO_BITRATE[mode], scaleResolutionDownBy: 1, maxFramerate: undefined };
}

/**
 * Through the media server the camera goes out in two simulcast layers: `h` (the mode's encoding above) and `l`,
 * small, for sites in low mode (the server hands them this layer). A sender in low mode sends `l` only, at up to
 * the mode's cap, so a weak uplink carries one stream.
 */
export const SIMULCAST_RIDS = ['h', 'l'] as const;
export function simulcastLowLayer(mode: SendMode): {
  active: boolean;
  maxBitrate: number;
  scaleResolutionDownBy: number;
  maxFramerate: number;
} {
  if (mode === 'low') return { active: true, maxBitrate: MODE_VIDEO_BITRATE.low, scaleResolutionDownBy: 2, maxFramerate: 15 };
  return { active: true, maxBitrate: 150_000, scaleResolutionDownBy: 4, maxFramerate: 15 };
}

/**
 * Opus cap of my microphone in sound-only mode (16 kbps: with packet headers about 31 kbps on the wire each way,
 * the same rate as the mix the media server sends back); no cap otherwise.
 */
export const AUDIO_ONLY_OPUS_BPS = 16_000;
