import type { ANNOTATION_COLORS, Annotation, AnnotationAction, RoomParticipant } from '@vuonxa/core';
import { videoEncodingFor } from './room-logic';
import type { SendMode } from './room-logic';

/**
 * Surgery support, the pure part: where the video frame is drawn inside its tile (object-fit), pointer positions
 * as points of the frame (0..1, the same for every viewer whatever the size of their tile), strokes kept under
 * the protocol's 500 points, and the strokes of each procedure stream as the room's messages change them.
 */

export type AnnotationColor = (typeof ANNOTATION_COLORS)[number];
/** A point of the video frame: 0..1 from its left edge and from its top edge. */
export type FramePoint = [number, number];
/** The strokes on each procedure stream, by the streaming participant's id, in the order they were drawn. */
export type AnnotationsByTarget = Readonly<Record<string, Annotation[]>>;

/** The protocol's limit of points per stroke (`annotationStrokeSchema`). */
export const MAX_STROKE_POINTS = 500;
/** The line width sent with a stroke (1..12), drawn in proportion to the frame's height (see `strokePixels`). */
export const DEFAULT_STROKE_WIDTH = 4;
/** What the widths are measured against: a frame shown 480 px high draws a width-4 line 4 px wide. */
const REFERENCE_FRAME_HEIGHT = 480;
/** Colours as drawn on the video: bright, readable on tissue and on dark drapes alike. */
export const STROKE_CSS: Readonly<Record<AnnotationColor, string>> = {
  red: '#ff3b30',
  yellow: '#ffd60a',
  green: '#34c759',
  blue: '#0a84ff',
  white: '#ffffff',
};

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  /** From the box's left and top edges (negative when `cover` crops the frame). */
  x: number;
  y: number;
}

/**
 * Where a video frame of `video` pixels is shown inside a box of `box` pixels with CSS `object-fit` (centred,
 * the default `object-position`): `contain` letterboxes (bands on two sides), `cover` crops (the frame overflows).
 * Before the video's size is known the frame is taken as the whole box.
 *
 * @example
 * displayedFrame({ width: 400, height: 400 }, { width: 1280, height: 720 }, 'contain'); // { x: 0, y: 87.5, width: 400, height: 225 }
 */
export function displayedFrame(box: Size, video: Size, fit: 'contain' | 'cover'): Rect {
  if (box.width <= 0 || box.height <= 0) return { x: 0, y: 0, width: 0, height: 0 };
  if (video.width <= 0 || video.height <= 0) return { x: 0, y: 0, width: box.width, height: box.height };
  const sx = box.width / video.width;
  const sy = box.height / video.height;
  const scale = fit === 'contain' ? Math.min(sx, sy) : Math.max(sx, sy);
  const width = video.width * scale;
  const height = video.height * scale;
  return { x: (box.width - width) / 2, y: (box.height - height) / 2, width, height };
}

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * A pointer position, in pixels from the frame's top-left corner as displayed, as a point of the video frame.
 * `mirror`: the video is shown flipped (one's own preview), so the frame's left is on the right. Clamped to the
 * frame, rounded to 1/10 000 (messages stay small).
 */
export function toFramePoint(px: number, py: number, frame: Size, mirror = false): FramePoint {
  if (frame.width <= 0 || frame.height <= 0) return [0, 0];
  const x = clamp01(px / frame.width);
  const y = clamp01(py / frame.height);
  return [round4(mirror ? 1 - x : x), round4(y)];
}

/** A point of the frame in pixels of the displayed frame (the inverse of `toFramePoint`). */
export function toDisplayPoint(point: readonly [number, number], frame: Size, mirror = false): [number, number] {
  const x = mirror ? 1 - point[0] : point[0];
  return [x * frame.width, point[1] * frame.height];
}

/** The line width in display pixels of a stroke's `width` on a frame shown `frameHeight` pixels high. */
export function strokePixels(width: number, frameHeight: number): number {
  return Math.max(1, (width * frameHeight) / REFERENCE_FRAME_HEIGHT);
}

/** Distance of `p` from the segment `a`–`b`. */
function segmentDistance(p: FramePoint, a: FramePoint, b: FramePoint): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  if (length2 === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Ramer–Douglas–Peucker: the points that keep the line within `tolerance` of the original (ends always kept). */
function rdp(points: readonly FramePoint[], tolerance: number): FramePoint[] {
  const n = points.length;
  if (n <= 2) return [...points];
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  // An explicit stack: a long pen stroke would go too deep for recursion.
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let worstAt = -1;
    for (let i = from + 1; i < to; i += 1) {
      const d = segmentDistance(points[i]!, points[from]!, points[to]!);
      if (d > worst) {
        worst = d;
        worstAt = i;
      }
    }
    if (worstAt !== -1 && worst > tolerance) {
      keep[worstAt] = 1;
      stack.push([from, worstAt], [worstAt, to]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** `max` points taken evenly along the list, the first and the last among them. */
export function decimate(points: readonly FramePoint[], max: number): FramePoint[] {
  if (points.length <= max) return [...points];
  if (max <= 1) return points.slice(0, Math.max(0, max));
  const out: FramePoint[] = [];
  for (let i = 0; i < max; i += 1) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))]!);
  return out;
}

/**
 * A drawn line made fit to send: points clamped to the frame, repeats dropped, simplified (a tolerance that grows
 * until the line has at most `max` points, then even decimation as a last resort). The first and last points
 * stay; a tap stays a single point (a dot).
 */
export function simplifyStroke(points: readonly (readonly [number, number])[], max = MAX_STROKE_POINTS): FramePoint[] {
  const clean: FramePoint[] = [];
  for (const [x, y] of points) {
    const p: FramePoint = [round4(clamp01(x)), round4(clamp01(y))];
    const last = clean[clean.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) clean.push(p);
  }
  // A tiny tolerance first (a tenth of a pixel on a 720p frame): only points that add nothing visible go.
  let tolerance = 0.0002;
  let out = rdp(clean, tolerance);
  while (out.length > max && tolerance < 0.02) {
    tolerance *= 2;
    out = rdp(clean, tolerance);
  }
  return decimate(out, max);
}

/** A new stroke id (the protocol allows 40 characters). */
export function newStrokeId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** The strokes the room gives on joining, by stream. */
export function groupAnnotations(list: readonly Annotation[]): AnnotationsByTarget {
  const out: Record<string, Annotation[]> = {};
  for (const a of list) {
    const strokes = (out[a.target] ??= []);
    if (!strokes.some((s) => s.stroke.id === a.stroke.id)) strokes.push(a);
  }
  return out;
}

/**
 * The strokes after one `room.annotation`: a stroke is added (once: a repeated id changes nothing), an undo
 * takes that stroke away, a clear empties that stream. The other streams are untouched; an action that changes
 * nothing returns the same object (no re-render).
 */
export function applyAnnotation(state: AnnotationsByTarget, target: string, from: string, action: AnnotationAction): AnnotationsByTarget {
  const current = state[target] ?? [];
  switch (action.kind) {
    case 'stroke': {
      if (current.some((a) => a.stroke.id === action.stroke.id)) return state;
      return { ...state, [target]: [...current, { target, from, stroke: action.stroke }] };
    }
    case 'undo': {
      const next = current.filter((a) => a.stroke.id !== action.strokeId);
      return next.length === current.length ? state : { ...state, [target]: next };
    }
    case 'clear':
      return current.length === 0 ? state : { ...state, [target]: [] };
  }
}

/** The id of the last stroke I drew on a stream (what Undo takes away), or null. */
export function lastStrokeBy(strokes: readonly Annotation[] | undefined, participantId: string): string | null {
  for (let i = (strokes?.length ?? 0) - 1; i >= 0; i -= 1) {
    const a = strokes![i]!;
    if (a.from === participantId) return a.stroke.id;
  }
  return null;
}

/** Who may clear every stroke of a stream: the hosts and the person who streams it. */
export function canClearAnnotations(me: Pick<RoomParticipant, 'participantId' | 'host'>, target: string): boolean {
  return me.host || me.participantId === target;
}

/** Strokes of my own still on their way to the room, shown meanwhile; those the room already has are dropped. */
export function withPending(strokes: readonly Annotation[], pending: readonly Annotation[]): Annotation[] {
  if (pending.length === 0) return [...strokes];
  const known = new Set(strokes.map((a) => a.stroke.id));
  return [...strokes, ...pending.filter((a) => !known.has(a.stroke.id))];
}

/** The procedure camera's cap: fine detail (tissue, sutures) needs more than the normal 1.5 Mbps. */
export const PROCEDURE_VIDEO_BPS = 2_500_000;
/** What the camera is asked for while it streams a procedure. */
export const PROCEDURE_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

export interface VideoSendSettings {
  encoding: ReturnType<typeof videoEncodingFor>;
  /** `maintain-resolution` for a procedure (frames drop before detail does); the browser's default otherwise. */
  degradation: RTCDegradationPreference | undefined;
}

/**
 * How the video sender sends: the procedure camera wins only in `normal` mode (a weak link stepped down to
 * `low` or sound only keeps that mode's caps, so the call stays up).
 */
export function videoSendSettings(mode: SendMode, procedure: boolean): VideoSendSettings {
  if (procedure && mode === 'normal') {
    return {
      encoding: { maxBitrate: PROCEDURE_VIDEO_BPS, scaleResolutionDownBy: 1, maxFramerate: undefined },
      degradation: 'maintain-resolution',
    };
  }
  return { encoding: videoEncodingFor(mode), degradation: undefined };
}
