import { useCallback, useEffect, useRef, useState } from 'react';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface ListState<T> {
  id: string;
  key: string;
  items: T[];
  nextCursor: string | null;
  error?: unknown;
}

export interface PagedListOptions {
  /**
   * `reload()` keeps the rows on screen (and `loading` false) until the new first page replaces them: for a
   * list refreshed in the background, which must not flash empty. A change of key still empties the list.
   */
  keepOnReload?: boolean;
}

/**
 * Asks for one page: the first when `cursor` is null. `shown` is how many rows of this key are on screen
 * (0 after a change of key), so a reload may ask for as many and keep what "load more" brought.
 */
export type FetchPage<T> = (cursor: string | null, signal: AbortSignal, shown: number) => Promise<Page<T>>;

export interface PagedList<T> {
  items: T[];
  /** First page loading (after a change of filters or a reload, unless `keepOnReload`). */
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
export function usePagedList<T>(key: string, fetchPage: FetchPage<T>, options: PagedListOptions = {}): PagedList<T> {
  const { keepOnReload = false } = options;
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<ListState<T> | null>(null);
  const [moreFor, setMoreFor] = useState<string | null>(null);
  const moreController = useRef<AbortController | null>(null);
  const id = `${key}#${nonce}`;
  // Read by the first-page effect below, which runs after this one in the same commit.
  const shownRef = useRef(0);
  useEffect(() => {
    shownRef.current = state?.key === key ? state.items.length : 0;
  });

  useEffect(() => {
    const controller = new AbortController();
    fetchRef.current(null, controller.signal, shownRef.current).then(
      (page) => {
        if (!controller.signal.aborted) setState({ id, key, items: page.items, nextCursor: page.nextCursor });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => (keepOnReload && s?.key === key ? { ...s, id, error } : { id, key, items: [], nextCursor: null, error }));
      },
    );
    return () => {
      controller.abort();
      moreController.current?.abort();
    };
  }, [id, key, keepOnReload]);

  const current = state?.id === id ? state : null;
  const shown = current ?? (keepOnReload && state?.key === key ? state : null);

  const loadMore = useCallback(() => {
    if (!current?.nextCursor || moreFor === id) return;
    const controller = new AbortController();
    moreController.current = controller;
    setMoreFor(id);
    fetchRef.current(current.nextCursor, controller.signal, current.items.length).then(
      (page) => {
        setState((s) => (s?.id === id ? { id, key: s.key, items: [...s.items, ...page.items], nextCursor: page.nextCursor } : s));
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
    items: shown?.items ?? [],
    loading: shown === null,
    loadingMore: moreFor === id,
    hasMore: !!shown?.nextCursor,
    error: current?.error,
    loadMore,
    reload: useCallback(() => setNonce((n) => n + 1), []),
    update,
  };
}
