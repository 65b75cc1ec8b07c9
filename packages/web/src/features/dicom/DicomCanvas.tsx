import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import type { PointerEvent } from 'react';
import { renderFrame } from './dicom-render';
import type { DicomImage, Window } from './dicom-render';

export type Tool = 'window' | 'pan';

export interface View {
  zoom: number;
  pan: { x: number; y: number };
}

interface Props {
  image: DicomImage;
  stored: Int32Array;
  window: Window;
  invert: boolean;
  view: View;
  tool: Tool;
  /** How many modality units one pixel of dragging changes the window by. */
  sensitivity: number;
  onWindow: (w: Window) => void;
  onView: (v: View) => void;
  label: string;
}

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 16;
export const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

/**
 * The frame on a canvas at its own resolution, scaled to fit and then by the zoom. Dragging changes the
 * window (horizontal: width, vertical: centre) or pans (the pan tool, or with Shift); the wheel zooms.
 */
export function DicomCanvas({ image, stored, window: win, invert, view, tool, sensitivity, onWindow, onView, label }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { ref: boxRef, width, height } = useElementSize<HTMLDivElement>();
  const drag = useRef<{ x: number; y: number; window: Window; pan: View['pan']; mode: Tool } | null>(null);
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const data = ctx.createImageData(image.columns, image.rows);
    renderFrame(image, stored, win, data.data, invert);
    ctx.putImageData(data, 0, 0);
  }, [image, stored, win, invert]);

  // React's wheel listener is passive; zooming must keep the page from scrolling.
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const onWheel = (e: globalThis.WheelEvent) => {
      e.preventDefault();
      const v = viewRef.current;
      onView({ ...v, zoom: clampZoom(v.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1)) });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [boxRef, onView]);

  function onPointerDown(e: PointerEvent<HTMLDivElement>): void {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, window: win, pan: view.pan, mode: e.shiftKey || e.button === 1 ? 'pan' : tool };
  }
  function onPointerMove(e: PointerEvent<HTMLDivElement>): void {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (d.mode === 'pan') onView({ ...view, pan: { x: d.pan.x + dx, y: d.pan.y + dy } });
    else onWindow({ width: Math.max(1, d.window.width + dx * sensitivity), center: d.window.center + dy * sensitivity });
  }
  const end = () => {
    drag.current = null;
  };

  const fit = width > 0 && height > 0 ? Math.min(width / image.columns, height / image.rows) : 0;
  const w = image.columns * fit * view.zoom;
  const h = image.rows * fit * view.zoom;
  return (
    <Box
      ref={boxRef}
      h="100%"
      mih={320}
      bg="black"
      pos="relative"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={end}
      onPointerCancel={end}
      style={{ overflow: 'hidden', touchAction: 'none', cursor: tool === 'pan' ? 'grab' : 'crosshair' }}
    >
      <canvas
        ref={canvasRef}
        width={image.columns}
        height={image.rows}
        role="img"
        aria-label={label}
        data-testid="dicom-canvas"
        style={{
          position: 'absolute',
          left: (width - w) / 2 + view.pan.x,
          top: (height - h) / 2 + view.pan.y,
          width: w,
          height: h,
          imageRendering: view.zoom * fit > 2 ? 'pixelated' : 'auto',
        }}
      />
    </Box>
  );
}
