import { Button, CheckIcon, ColorSwatch, Group } from '@mantine/core';
import { ANNOTATION_COLORS } from '@vuonxa/core';
import type { Annotation, AnnotationStroke } from '@vuonxa/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useT } from '../../i18n/use-t';
import {
  DEFAULT_STROKE_WIDTH,
  MAX_STROKE_POINTS,
  STROKE_CSS,
  displayedFrame,
  newStrokeId,
  simplifyStroke,
  strokePixels,
  toDisplayPoint,
  toFramePoint,
} from './annotation-logic';
import type { AnnotationColor, FramePoint, Size } from './annotation-logic';

/** How long a stroke I sent stays drawn while the room has not sent it back (refused, or the link dropped). */
const SENT_STROKE_MS = 5_000;

type Drawn = Pick<AnnotationStroke, 'points' | 'color' | 'width'>;

/** Draws strokes on a canvas the size of the displayed frame (device pixels for a sharp line). */
function renderStrokes(canvas: HTMLCanvasElement, frame: Size, mirror: boolean, strokes: readonly Drawn[]): void {
  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  const width = Math.max(1, Math.round(frame.width * dpr));
  const height = Math.max(1, Math.round(frame.height * dpr));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, frame.width, frame.height);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  // A soft dark edge: white and yellow stay readable on a bright field.
  ctx.shadowColor = 'rgba(0, 0, 0, 0.6)';
  ctx.shadowBlur = 2;
  for (const stroke of strokes) {
    const px = strokePixels(stroke.width, frame.height);
    const css = STROKE_CSS[stroke.color];
    ctx.strokeStyle = css;
    ctx.fillStyle = css;
    const [first, ...rest] = stroke.points;
    if (!first) continue;
    const [x0, y0] = toDisplayPoint(first, frame, mirror);
    ctx.beginPath();
    if (rest.length === 0) {
      // A tap: a dot.
      ctx.arc(x0, y0, px / 2, 0, Math.PI * 2);
      ctx.fill();
      continue;
    }
    ctx.lineWidth = px;
    ctx.moveTo(x0, y0);
    for (const p of rest) {
      const [x, y] = toDisplayPoint(p, frame, mirror);
      ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}

/**
 * The drawings on a procedure stream: a transparent canvas laid exactly over the displayed video frame (the
 * bands of `object-fit: contain` excluded), showing every stroke the room holds for it. In draw mode it takes
 * the pointer (mouse, pen, finger: `touch-action: none` so a finger draws instead of scrolling) and sends each
 * finished line; otherwise clicks go through to the tile.
 */
export function AnnotationOverlay({
  target,
  label,
  video,
  strokes,
  fit,
  mirror,
  drawing,
  color,
  onStroke,
}: {
  /** Whose stream (the canvas's `data-target`). */
  target: string;
  label: string;
  /** The `<video>` showing the stream: its size gives the frame's. */
  video: HTMLVideoElement | null;
  strokes: readonly Annotation[];
  fit: 'contain' | 'cover';
  /** The video is shown flipped (one's own preview). */
  mirror: boolean;
  drawing: boolean;
  color: AnnotationColor;
  /** Sends a finished stroke; false when it could not be sent. */
  onStroke: (stroke: AnnotationStroke) => boolean;
}) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [sizes, setSizes] = useState({ bw: 0, bh: 0, vw: 0, vh: 0 });
  /** The line being drawn (one pointer at a time: a second finger is ignored). */
  const live = useRef<{ pointerId: number; points: FramePoint[] } | null>(null);
  /** The last line I sent, drawn until the room sends it back. */
  const sent = useRef<AnnotationStroke | null>(null);
  const frame = useMemo(
    () => displayedFrame({ width: sizes.bw, height: sizes.bh }, { width: sizes.vw, height: sizes.vh }, fit),
    [sizes, fit],
  );
  const scene = useRef({ strokes, frame, mirror, color });

  // The box follows the tile; the frame follows the video's own size (known once playing, changes with the camera).
  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => {
      const next = { bw: box.clientWidth, bh: box.clientHeight, vw: video?.videoWidth ?? 0, vh: video?.videoHeight ?? 0 };
      setSizes((prev) => (prev.bw === next.bw && prev.bh === next.bh && prev.vw === next.vw && prev.vh === next.vh ? prev : next));
    };
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(box);
    if (!observer) window.addEventListener('resize', measure);
    video?.addEventListener('loadedmetadata', measure);
    video?.addEventListener('resize', measure);
    const first = window.setTimeout(measure, 0);
    return () => {
      window.clearTimeout(first);
      observer?.disconnect();
      window.removeEventListener('resize', measure);
      video?.removeEventListener('loadedmetadata', measure);
      video?.removeEventListener('resize', measure);
    };
  }, [video]);

  const paint = () => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const s = scene.current;
    const echoed = sent.current;
    if (echoed && s.strokes.some((a) => a.stroke.id === echoed.id)) sent.current = null;
    const drawn: Drawn[] = s.strokes.map((a) => a.stroke);
    if (sent.current) drawn.push(sent.current);
    if (live.current) drawn.push({ points: live.current.points, color: s.color, width: DEFAULT_STROKE_WIDTH });
    renderStrokes(canvas, s.frame, s.mirror, drawn);
  };

  // Every render: the strokes, the frame or the colour may have changed (a handful of lines, cheap to redraw).
  useEffect(() => {
    scene.current = { strokes, frame, mirror, color };
    paint();
  });

  const pointOf = (e: { clientX: number; clientY: number }, canvas: HTMLCanvasElement): FramePoint => {
    const r = canvas.getBoundingClientRect();
    return toFramePoint(e.clientX - r.left, e.clientY - r.top, { width: r.width, height: r.height }, mirror);
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!drawing || live.current) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    try {
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      // Without capture a line leaving the frame ends there.
    }
    live.current = { pointerId: e.pointerId, points: [pointOf(e, e.currentTarget)] };
    paint();
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const line = live.current;
    if (!line || line.pointerId !== e.pointerId) return;
    const native = e.nativeEvent;
    // A pen reports more positions than frames: take them all for a smooth line.
    const events = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    for (const ev of events.length > 0 ? events : [native]) line.points.push(pointOf(ev, e.currentTarget));
    if (line.points.length > 8 * MAX_STROKE_POINTS) line.points = simplifyStroke(line.points, 2 * MAX_STROKE_POINTS);
    paint();
  };

  const finish = (e: ReactPointerEvent<HTMLCanvasElement>, keep: boolean) => {
    const line = live.current;
    if (!line || line.pointerId !== e.pointerId) return;
    live.current = null;
    const points = keep ? simplifyStroke(line.points) : [];
    if (points.length > 0) {
      const stroke: AnnotationStroke = { id: newStrokeId(), points, color, width: DEFAULT_STROKE_WIDTH };
      if (onStroke(stroke)) {
        sent.current = stroke;
        window.setTimeout(() => {
          if (sent.current !== stroke) return;
          sent.current = null;
          paint();
        }, SENT_STROKE_MS);
      }
    }
    paint();
  };

  return (
    <div ref={boxRef} style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={label}
        data-testid="annotation-canvas"
        data-target={target}
        data-strokes={strokes.length}
        data-drawing={drawing ? 'true' : 'false'}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(e) => finish(e, true)}
        onPointerCancel={(e) => finish(e, false)}
        style={{
          position: 'absolute',
          left: frame.x,
          top: frame.y,
          width: frame.width,
          height: frame.height,
          pointerEvents: drawing ? 'auto' : 'none',
          touchAction: drawing ? 'none' : 'auto',
          cursor: drawing ? 'crosshair' : undefined,
        }}
      />
    </div>
  );
}

/**
 * The drawing tools under a procedure tile: draw mode (off by default, so clicks on the video still work), the
 * colour, undo of my last stroke, and clear (hosts and the person streaming).
 */
export function AnnotationToolbar({
  name,
  drawing,
  canDraw,
  onDrawing,
  color,
  onColor,
  undoable,
  onUndo,
  canClear,
  hasStrokes,
  onClear,
  pinned,
  onPin,
}: {
  name: string;
  drawing: boolean;
  /** The video is shown (nothing to draw on otherwise). */
  canDraw: boolean;
  onDrawing: (on: boolean) => void;
  color: AnnotationColor;
  onColor: (color: AnnotationColor) => void;
  /** I have a stroke on this stream. */
  undoable: boolean;
  onUndo: () => void;
  canClear: boolean;
  hasStrokes: boolean;
  onClear: () => void;
  pinned: boolean;
  onPin: () => void;
}) {
  const t = useT();
  return (
    <Group gap={6} wrap="wrap" role="toolbar" aria-label={t('room.annotation.tools', { name })} data-testid="annotation-toolbar">
      <Button
        size="compact-md"
        variant={drawing ? 'filled' : 'default'}
        color={drawing ? 'orange' : undefined}
        onClick={() => onDrawing(!drawing)}
        disabled={!canDraw && !drawing}
        aria-pressed={drawing}
        data-testid="annotation-draw-toggle"
        data-drawing={drawing ? 'true' : 'false'}
      >
        ✏️ {drawing ? t('room.annotation.drawing') : t('room.annotation.draw')}
      </Button>
      {ANNOTATION_COLORS.map((c) => (
        <ColorSwatch
          key={c}
          component="button"
          type="button"
          color={STROKE_CSS[c]}
          size={28}
          onClick={() => onColor(c)}
          aria-label={t('room.annotation.color', { color: t(`room.annotation.color.${c}`) })}
          aria-pressed={color === c}
          data-testid={`annotation-color-${c}`}
          style={{
            cursor: 'pointer',
            color: c === 'white' || c === 'yellow' ? '#000' : '#fff',
            outline: color === c ? '2px solid var(--mantine-color-teal-6)' : undefined,
            outlineOffset: 2,
          }}
        >
          {color === c && <CheckIcon size={12} />}
        </ColorSwatch>
      ))}
      <Button size="compact-md" variant="default" onClick={onUndo} disabled={!undoable} data-testid="annotation-undo">
        ↶ {t('room.annotation.undo')}
      </Button>
      {canClear && (
        <Button size="compact-md" variant="light" color="red" onClick={onClear} disabled={!hasStrokes} data-testid="annotation-clear">
          {t('room.annotation.clear')}
        </Button>
      )}
      <Button size="compact-md" variant="subtle" onClick={onPin} aria-pressed={pinned} data-testid="room-tile-pin">
        {pinned ? t('room.tile.unpin') : t('room.tile.pin')}
      </Button>
    </Group>
  );
}
