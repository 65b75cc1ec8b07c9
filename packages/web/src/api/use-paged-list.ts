import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface ListState<T> {
  id: string;
  items: T[];
  nextCursor: string | null;
  error?: unknown;
}

export interface PagedList<T> {
  items: T[];
  /** First page loading (after a change of filters or a reload). */
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  error: unknown;
  loadMore: () => void;
  reload: () => void;
  /** Replaces items in place, e.g. a user after a role was granted. */
  update: (fn: (items: T[]) => T[]) => void;
}

/**
 * A keyset-paged list: the first page loads when `key` (the filters) changes, `loadMore()` appends the
 * next page by cursor. Answers for an older key are dropped.
 *
 * @example
 * const list = usePagedList(JSON.stringify(filters), (cursor, signal) => auditApi.search(filters, cursor, signal));
 */
export function usePagedList<T>(key: string, fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>): PagedList<T> {
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<ListState<T> | null>(null);
  const [moreFor, setMoreFor] = useState<string | null>(null);
  const moreController = useRef<AbortController | null>(null);
  const id = `${key}#${nonce}`;

  useEffect(() => {
    const controller = new AbortController();
    fetchRef.current(null, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) setState({ id, items: page.items, nextCursor: page.nextCursor });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ id, items: [], nextCursor: null, error });
      },
    );
    return () => {
      controller.abort();
      moreController.current?.abort();
    };
  }, [id]);

  const current = state?.id === id ? state : null;

  const loadMore = useCallback(() => {
    if (!current?.nextCursor || moreFor === id) return;
    const controller = new AbortController();
    moreController.current = controller;
    setMoreFor(id);
    fetchRef.current(current.nextCursor, controller.signal).then(
      (page) => {
        setState((s) => (s?.id === id ? { id, items: [...s.items, ...page.items], nextCursor: page.nextCursor } : s));
        setMoreFor(null);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => (s?.id === id ? { ...s, error } : s));
        setMoreFor(null);
      },
    );
  }, [current, moreFor, id]);

  const update = useCallback((fn: (items: T[]) => T[]) => {
    setState((s) => (s ? { ...s, items: fn(s.items) } : s));
  }, []);

  return {
    items: current?.items ?? [],
    loading: current === null,
    loadingMore: moreFor === id,
    hasMore: !!current?.nextCursor,
    error: current?.error,
    loadMore,
    reload: useCallback(() => setNonce((n) => n + 1), []),
    update,
  };
}
