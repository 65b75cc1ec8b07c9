import { annotationStrokeSchema, MODE_VIDEO_BITRATE } from '@vuonxa/core';
import type { Annotation, AnnotationStroke } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import {
  MAX_STROKE_POINTS,
  PROCEDURE_VIDEO_BPS,
  applyAnnotation,
  canClearAnnotations,
  decimate,
  displayedFrame,
  groupAnnotations,
  lastStrokeBy,
  simplifyStroke,
  toDisplayPoint,
  toFramePoint,
  videoSendSettings,
  withPending,
} from './annotation-logic';
import type { AnnotationsByTarget, FramePoint } from './annotation-logic';

const stroke = (id: string, points: FramePoint[] = [[0.1, 0.1]]): AnnotationStroke => ({ id, points, color: 'red', width: 4 });
const note = (target: string, from: string, id: string): Annotation => ({ target, from, stroke: stroke(id) });

describe('displayedFrame', () => {
  it('letterboxes a 16:9 frame in a square box (bands above and below)', () => {
    expect(displayedFrame({ width: 400, height: 400 }, { width: 1280, height: 720 }, 'contain')).toEqual({
      x: 0,
      y: 87.5,
      width: 400,
      height: 225,
    });
  });

  it('pillarboxes a 4:3 frame in a 16:9 box (bands left and right)', () => {
    expect(displayedFrame({ width: 1600, height: 900 }, { width: 640, height: 480 }, 'contain')).toEqual({
      x: 200,
      y: 0,
      width: 1200,
      height: 900,
    });
  });

  it('crops with cover: the frame overflows the box on one axis', () => {
    expect(displayedFrame({ width: 1600, height: 900 }, { width: 640, height: 480 }, 'cover')).toEqual({
      x: 0,
      y: -150,
      width: 1600,
      height: 1200,
    });
  });

  it('takes the whole box until the video size is known, nothing for an empty box', () => {
    expect(displayedFrame({ width: 320, height: 180 }, { width: 0, height: 0 }, 'contain')).toEqual({
      x: 0,
      y: 0,
      width: 320,
      height: 180,
    });
    expect(displayedFrame({ width: 0, height: 180 }, { width: 1280, height: 720 }, 'contain')).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

describe('frame points', () => {
  const frame = { width: 400, height: 225 };

  it('turns a position in the displayed frame into 0..1 of the frame, clamped at its edges', () => {
    expect(toFramePoint(100, 45, frame)).toEqual([0.25, 0.2]);
    expect(toFramePoint(-20, 300, frame)).toEqual([0, 1]);
  });

  it('flips x for a mirrored preview, and back when drawing', () => {
    expect(toFramePoint(100, 45, frame, true)).toEqual([0.75, 0.2]);
    expect(toDisplayPoint([0.75, 0.2], frame, true)).toEqual([100, 45]);
  });

  it('is the same point of the video whatever the size of the tile that shows it', () => {
    const small = displayedFrame({ width: 320, height: 320 }, { width: 1280, height: 720 }, 'contain');
    const large = displayedFrame({ width: 1920, height: 1080 }, { width: 1280, height: 720 }, 'contain');
    const p = toFramePoint(0.3 * small.width, 0.6 * small.height, small);
    expect(toDisplayPoint(p, large)).toEqual([0.3 * 1920, 0.6 * 1080]);
  });

  it('rounds to 1/10 000', () => {
    expect(toFramePoint(1, 1, { width: 3, height: 7 })).toEqual([0.3333, 0.1429]);
  });
});

describe('simplifyStroke', () => {
  it('collapses a straight line to its two ends', () => {
    const line: FramePoint[] = Array.from({ length: 1000 }, (_, i) => [i / 999, 0.5]);
    expect(simplifyStroke(line)).toEqual([
      [0, 0.5],
      [1, 0.5],
    ]);
  });

  it('keeps a long wavy pen stroke under the protocol limit, ends kept, close to the original', () => {
    const wave: FramePoint[] = Array.from({ length: 5000 }, (_, i) => [i / 4999, 0.5 + 0.4 * Math.sin((i / 4999) * Math.PI * 40)]);
    const out = simplifyStroke(wave);
    expect(out.length).toBeLessThanOrEqual(MAX_STROKE_POINTS);
    expect(out.length).toBeGreaterThan(40);
    expect(out[0]).toEqual(wave[0]);
    expect(out.at(-1)![0]).toBe(1);
    expect(out.at(-1)![1]).toBeCloseTo(wave.at(-1)![1], 4);
    // Every kept point is on the original curve (simplification never invents points).
    const key = ([x, y]: FramePoint) => `${Math.round(x * 10_000)}:${Math.round(y * 10_000)}`;
    const original = new Set(wave.map(key));
    expect(out.filter((p) => !original.has(key(p)))).toEqual([]);
    // Every crest and trough survives: 20 periods, so at least 40 turning points.
    const turns = out.slice(1, -1).filter((p, i) => (p[1] - out[i]![1]) * (out[i + 2]![1] - p[1]) < 0);
    expect(turns.length).toBeGreaterThanOrEqual(40);
    expect(annotationStrokeSchema.safeParse({ ...stroke('s'), points: out }).success).toBe(true);
  });

  it('keeps the corners of a shape', () => {
    const square: FramePoint[] = [];
    for (let i = 0; i <= 100; i += 1) square.push([0.2 + i * 0.006, 0.2]);
    for (let i = 1; i <= 100; i += 1) square.push([0.8, 0.2 + i * 0.006]);
    expect(simplifyStroke(square)).toEqual([
      [0.2, 0.2],
      [0.8, 0.2],
      [0.8, 0.8],
    ]);
  });

  it('drops repeated points, clamps to the frame, and keeps a tap as one point', () => {
    expect(
      simplifyStroke([
        [0.5, 0.5],
        [0.5, 0.5],
        [0.5, 0.5],
      ]),
    ).toEqual([[0.5, 0.5]]);
    expect(
      simplifyStroke([
        [-0.2, 0.5],
        [1.4, 0.5],
      ]),
    ).toEqual([
      [0, 0.5],
      [1, 0.5],
    ]);
  });

  it('honours a smaller limit', () => {
    const zigzag: FramePoint[] = Array.from({ length: 300 }, (_, i) => [i / 299, i % 2 === 0 ? 0.1 : 0.9]);
    expect(simplifyStroke(zigzag, 50)).toHaveLength(50);
  });
});

describe('decimate', () => {
  it('takes evenly spaced points, first and last included', () => {
    const points: FramePoint[] = Array.from({ length: 11 }, (_, i) => [i / 10, 0]);
    expect(decimate(points, 3)).toEqual([
      [0, 0],
      [0.5, 0],
      [1, 0],
    ]);
    expect(decimate(points, 20)).toHaveLength(11);
  });
});

describe('applyAnnotation', () => {
  const start: AnnotationsByTarget = groupAnnotations([note('surgeon', 'a', 's1'), note('surgeon', 'b', 's2'), note('other', 'a', 's3')]);

  it('groups the strokes given on joining by stream, in order, without repeats', () => {
    expect(start['surgeon']!.map((a) => a.stroke.id)).toEqual(['s1', 's2']);
    expect(groupAnnotations([note('t', 'a', 'x'), note('t', 'a', 'x')])['t']).toHaveLength(1);
  });

  it('appends a stroke on its stream only', () => {
    const next = applyAnnotation(start, 'surgeon', 'c', { kind: 'stroke', stroke: stroke('s4') });
    expect(next['surgeon']!.map((a) => [a.stroke.id, a.from])).toEqual([
      ['s1', 'a'],
      ['s2', 'b'],
      ['s4', 'c'],
    ]);
    expect(next['other']).toBe(start['other']);
    expect(start['surgeon']).toHaveLength(2);
  });

  it('ignores a stroke it already has (my own echoed back)', () => {
    expect(applyAnnotation(start, 'surgeon', 'a', { kind: 'stroke', stroke: stroke('s1') })).toBe(start);
  });

  it('starts a stream that had no strokes', () => {
    expect(applyAnnotation({}, 'new', 'a', { kind: 'stroke', stroke: stroke('n1') })['new']).toEqual([note('new', 'a', 'n1')]);
  });

  it('undoes one stroke by id', () => {
    const next = applyAnnotation(start, 'surgeon', 'a', { kind: 'undo', strokeId: 's1' });
    expect(next['surgeon']!.map((a) => a.stroke.id)).toEqual(['s2']);
    expect(next['other']!.map((a) => a.stroke.id)).toEqual(['s3']);
    expect(applyAnnotation(start, 'surgeon', 'a', { kind: 'undo', strokeId: 'nope' })).toBe(start);
  });

  it('clears one stream and leaves the others', () => {
    const next = applyAnnotation(start, 'surgeon', 'b', { kind: 'clear' });
    expect(next['surgeon']).toEqual([]);
    expect(next['other']).toHaveLength(1);
    expect(applyAnnotation(next, 'surgeon', 'b', { kind: 'clear' })).toBe(next);
  });
});

describe('strokes and people', () => {
  it('finds my last stroke for Undo, not someone else’s', () => {
    const list = [note('t', 'me', 'm1'), note('t', 'me', 'm2'), note('t', 'other', 'o1')];
    expect(lastStrokeBy(list, 'me')).toBe('m2');
    expect(lastStrokeBy(list, 'nobody')).toBeNull();
    expect(lastStrokeBy(undefined, 'me')).toBeNull();
  });

  it('lets hosts and the person streaming clear, no one else', () => {
    expect(canClearAnnotations({ participantId: 'p1', host: true }, 'surgeon')).toBe(true);
    expect(canClearAnnotations({ participantId: 'surgeon', host: false }, 'surgeon')).toBe(true);
    expect(canClearAnnotations({ participantId: 'p2', host: false }, 'surgeon')).toBe(false);
  });

  it('shows my strokes on their way once, and drops them once the room has them', () => {
    const pending = [note('t', 'me', 'p1'), note('t', 'me', 'k1')];
    expect(withPending([note('t', 'x', 'k1')], pending).map((a) => a.stroke.id)).toEqual(['k1', 'p1']);
  });
});

describe('videoSendSettings', () => {
  it('sends a procedure camera at 2.5 Mbps keeping the resolution in normal mode', () => {
    expect(videoSendSettings('normal', true)).toEqual({
      encoding: { maxBitrate: PROCEDURE_VIDEO_BPS, scaleResolutionDownBy: 1, maxFramerate: undefined },
      degradation: 'maintain-resolution',
    });
    expect(PROCEDURE_VIDEO_BPS).toBe(2_500_000);
  });

  it('keeps the mode’s caps otherwise: a stepped-down link stays down', () => {
    expect(videoSendSettings('normal', false)).toEqual({
      encoding: { maxBitrate: MODE_VIDEO_BITRATE.normal, scaleResolutionDownBy: 1, maxFramerate: undefined },
      degradation: undefined,
    });
    expect(videoSendSettings('low', true).encoding).toEqual({
      maxBitrate: MODE_VIDEO_BITRATE.low,
      scaleResolutionDownBy: 2,
      maxFramerate: 15,
    });
    expect(videoSendSettings('low', true).degradation).toBeUndefined();
  });
});
