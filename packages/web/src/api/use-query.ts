import { useCallback, useEffect, useRef, useState } from 'react';

export interface QueryResult<T> {
  /** The last data received; kept while a reload is under way so the screen does not flash empty. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs `fetcher` when `key` changes (and on `reload()`), aborting the previous run; the answer of a stale
 * run is dropped, so a slow reply cannot overwrite a newer one.
 *
 * @example
 * const home = useQuery(`home:${me.activeFacilityId}`, (signal) => api.get('/api/home', homeSchema, { signal }));
 */
export function useQuery<T>(key: string, fetcher: (signal: AbortSignal) => Promise<T>): QueryResult<T> {
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });
  const [nonce, setNonce] = useState(0);
  const [result, setResult] = useState<{ id: string; data?: T; error?: unknown } | null>(null);
  const id = `${key}#${nonce}`;

  useEffect(() => {
    const controller = new AbortController();
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ id, data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setResult((prev) => ({ id, data: prev?.data, error }));
      },
    );
    return () => controller.abort();
  }, [id]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const loading = result?.id !== id;
  return { data: result?.data, error: loading ? undefined : result.error, loading, reload };
}
