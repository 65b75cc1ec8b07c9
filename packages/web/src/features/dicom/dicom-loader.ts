import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { parseDicomImage } from './dicom-render';
import type { DicomParseResult } from './dicom-render';

const MAX_CACHED = 400;
const cache = new Map<string, Promise<DicomParseResult>>();

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
  return parseDicomImage(new Uint8Array(await res.arrayBuffer()));
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
        // One after the other: a weak link is not flooded with parallel downloads.
        void prefetchKey
          .split('|')
          .filter(Boolean)
          .reduce<Promise<unknown>>((p, next) => p.then(() => loadInstance(next)).catch(() => undefined), Promise.resolve());
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
