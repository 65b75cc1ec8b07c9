import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { parseDicomFile } from './dicom-deflate';
import { BROWSER_DECODERS, decodeFrame, frameValues } from './dicom-frames';
import type { FrameDecoders, FrameResult } from './dicom-frames';
import { readStoredValues } from './dicom-render';
import type { DicomImage, DicomParseResult, DicomProblem } from './dicom-render';

const MAX_CACHED = 400;
const cache = new Map<string, Promise<DicomParseResult>>();
/** Decoded frames kept, by their bytes: a few hundred CT slices, or a few dozen ultrasound colour frames. */
const MAX_DECODED_BYTES = 128 * 1024 * 1024;
const frames = new Map<string, { promise: Promise<FrameResult>; bytes: number }>();
let decodedBytes = 0;

function codeFor(status: number): string {
  if (status === 401) return 'AUTH_REQUIRED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status >= 502 && status <= 504) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}

async function fetchInstance(url: string): Promise<DicomParseResult> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : 'Network error');
  }
  if (!res.ok) throw new ApiError(res.status, codeFor(res.status), res.statusText);
  return parseDicomFile(new Uint8Array(await res.arrayBuffer()));
}

/**
 * One instance fetched and parsed once per page life (scrolling back through a series costs nothing);
 * a failed fetch is forgotten so that "try again" asks the server again.
 */
export function loadInstance(url: string): Promise<DicomParseResult> {
  const hit = cache.get(url);
  if (hit) return hit;
  const promise = fetchInstance(url);
  cache.set(url, promise);
  promise.catch(() => cache.delete(url));
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return promise;
}

/**
 * One frame of the instance at `url` decoded once per page life, by URL and frame (a series scrolled back and
 * forth decodes nothing twice); the least recently asked-for frames go when the decoded bytes pass the budget.
 *
 * @example
 * const r = await loadFrame(url, image, 0);
 */
export function loadFrame(url: string, image: DicomImage, frame: number, decoders: FrameDecoders = BROWSER_DECODERS): Promise<FrameResult> {
  const key = `${url}#${frame}`;
  const hit = frames.get(key);
  if (hit) {
    frames.delete(key);
    frames.set(key, hit);
    return hit.promise;
  }
  const entry = { promise: decodeFrame(image, frame, decoders), bytes: 0 };
  frames.set(key, entry);
  void entry.promise.then((r) => {
    if (frames.get(key) !== entry || !r.ok) return;
    entry.bytes = r.bytes.byteLength;
    decodedBytes += entry.bytes;
    for (const [k, e] of frames) {
      if (decodedBytes <= MAX_DECODED_BYTES) break;
      if (k === key) continue;
      frames.delete(k);
      decodedBytes -= e.bytes;
    }
  });
  return entry.promise;
}

/** Whether frame 0 of a parsed instance needs decoding before it can be shown (so it is worth prefetching). */
const needsDecoding = (r: DicomParseResult): r is { ok: true; image: DicomImage } => r.ok && r.image.encoding !== 'native';

export interface InstanceState {
  result: DicomParseResult | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * The parsed instance at `url`, plus a background fetch of `prefetch` (the next slices) once it is in.
 *
 * @example
 * const { result, error, loading } = useDicomInstance(urls[i], urls.slice(i + 1, i + 4), nonce);
 */
export function useDicomInstance(url: string, prefetch: readonly string[], nonce: number): InstanceState {
  const [state, setState] = useState<{ key: string; result?: DicomParseResult; error?: unknown } | null>(null);
  const key = `${url}#${nonce}`;
  const prefetchKey = prefetch.join('|');
  useEffect(() => {
    let live = true;
    loadInstance(url).then(
      (result) => {
        if (!live) return;
        setState({ key, result });
        // One after the other: a weak link is not flooded with parallel downloads. Compressed slices are decoded
        // as they arrive, so stepping through the series shows them at once.
        void prefetchKey
          .split('|')
          .filter(Boolean)
          .reduce<Promise<unknown>>(
            (p, next) =>
              p
                .then(() => loadInstance(next))
                .then((r) => (needsDecoding(r) ? loadFrame(next, r.image, 0) : undefined))
                .catch(() => undefined),
            Promise.resolve(),
          );
      },
      (error: unknown) => {
        if (live) setState({ key, error });
      },
    );
    return () => {
      live = false;
    };
  }, [url, key, prefetchKey]);
  const current = state?.key === key ? state : null;
  return { result: current?.result, error: current?.error, loading: current === null };
}

export interface FrameState {
  /** The frame's stored values, once available. */
  stored: Int32Array | null;
  problem: DicomProblem | null;
  loading: boolean;
}

/**
 * The stored values of frame `frame` of `image` (the instance at `url`): read at once from native pixel data,
 * decoded in the background (and cached by `loadFrame`) for RLE and JPEG.
 *
 * @example
 * const { stored, problem, loading } = useDicomFrame(url, image, 0);
 */
export function useDicomFrame(url: string, image: DicomImage | null, frame: number): FrameState {
  const native = useMemo(() => (image?.encoding === 'native' ? readStoredValues(image, frame) : null), [image, frame]);
  const [state, setState] = useState<{ image: DicomImage; frame: number; result: FrameResult } | null>(null);
  useEffect(() => {
    if (!image || image.encoding === 'native') return;
    let live = true;
    void loadFrame(url, image, frame).then((result) => {
      if (live) setState({ image, frame, result });
    });
    return () => {
      live = false;
    };
  }, [url, image, frame]);
  const current = state && state.image === image && state.frame === frame ? state.result : null;
  const decoded = useMemo(() => (image && current?.ok ? frameValues(image, current.bytes) : null), [image, current]);
  if (!image) return { stored: null, problem: null, loading: false };
  if (native) return { stored: native, problem: null, loading: false };
  return { stored: decoded, problem: current && !current.ok ? current.problem : null, loading: current === null };
}
