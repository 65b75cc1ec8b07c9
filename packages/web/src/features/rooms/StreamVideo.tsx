import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';

/**
 * A `<video>` playing a MediaStream. `muted` for one's own preview (no echo); `mirror` shows one's own image
 * as in a mirror, the way people expect to see themselves.
 */
export function StreamVideo({
  stream,
  muted = false,
  mirror = false,
  label,
  sinkId,
  style,
  onElement,
}: {
  stream: MediaStream | null;
  muted?: boolean;
  mirror?: boolean;
  label?: string;
  /** The audio output chosen before joining (browsers with `setSinkId`); the default one otherwise. */
  sinkId?: string | null;
  style?: CSSProperties;
  /** Gets the `<video>` element (null when it goes): the annotation overlay reads the frame's size from it. */
  onElement?: (video: HTMLVideoElement | null) => void;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!onElement) return;
    onElement(ref.current);
    return () => onElement(null);
  }, [onElement]);
  useEffect(() => {
    const video = ref.current;
    if (!video || video.srcObject === stream) return;
    video.srcObject = stream;
    // Autoplay can be refused before any click on the page; the next interaction starts it again.
    if (stream) video.play().catch(() => undefined);
  }, [stream]);
  useEffect(() => {
    const video = ref.current;
    if (!video || muted || !sinkId || typeof video.setSinkId !== 'function') return;
    video.setSinkId(sinkId).catch(() => undefined);
  }, [sinkId, muted]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      style={{
        width: '100%',
        height: '100%',
        objectFit: 'cover',
        display: 'block',
        background: '#1a1b1e',
        transform: mirror ? 'scaleX(-1)' : undefined,
        ...style,
      }}
    />
  );
}
