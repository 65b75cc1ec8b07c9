import { createElement, useMemo, useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent, Ref } from 'react';

/**
 * A tiny history-based router: the app has a handful of flat paths, so a 20 KB routing library would
 * cost more than it gives. `usePath()` re-renders on `navigate()` and on back/forward.
 */

const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('popstate', emit);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', emit);
  };
}

/**
 * Goes to `to` (path plus optional query) without reloading the page.
 *
 * @example
 * navigate('/audit?action=auth.login');
 * navigate('/login', { replace: true });
 * navigate('/network?province=11', { replace: true, keepScroll: true });
 */
export function navigate(to: string, opts: { replace?: boolean; keepScroll?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  // A filter changed in place (a province tile) keeps the reader where they are; a new page starts at the top.
  if (!opts.keepScroll) window.scrollTo(0, 0);
  emit();
}

/** The current path name, e.g. `/admin/users`; re-renders the caller when it changes. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** The current query string parsed, re-read whenever the location changes. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search);
}

export type RouteParams = Readonly<Record<string, string>>;

/**
 * Picks the route for a path: an exact match first, then patterns with `:name` segments in declaration
 * order; a trailing slash is ignored and parameters are URI-decoded.
 *
 * @example
 * matchRoute({ '/': Home, '/facilities/new': New, '/facilities/:id': Facility }, '/facilities/ab12/');
 * // { route: Facility, params: { id: 'ab12' } }
 */
export function matchRoute<T>(routes: Readonly<Record<string, T>>, path: string): { route: T; params: RouteParams } | undefined {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const exact = routes[clean];
  if (exact !== undefined) return { route: exact, params: {} };
  const parts = clean.split('/');
  for (const [pattern, route] of Object.entries(routes)) {
    if (!pattern.includes('/:')) continue;
    const want = pattern.split('/');
    if (want.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = want.every((w, i) => {
      const part = parts[i] ?? '';
      if (!w.startsWith(':')) return w === part;
      if (part === '') return false;
      try {
        params[w.slice(1)] = decodeURIComponent(part);
        return true;
      } catch {
        return false;
      }
    });
    if (ok) return { route, params };
  }
  return undefined;
}

/**
 * The current query string as a map, for pages that keep their filters in the address (shareable, and
 * back/forward restores them).
 */
export function useSearchParams(): URLSearchParams {
  const search = useSearch();
  return useMemo(() => new URLSearchParams(search), [search]);
}

export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  ref?: Ref<HTMLAnchorElement>;
};

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
}

/**
 * An `<a>` that navigates inside the app; modified clicks (new tab…) and external links behave as usual.
 * Usable as Mantine's `component={Link}`.
 */
export function Link({ href, onClick, target, ...rest }: LinkProps) {
  const internal = href.startsWith('/') && !href.startsWith('//');
  return createElement('a', {
    ...rest,
    href,
    target,
    onClick: (event: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(event);
      if (event.defaultPrevented || !internal || target === '_blank' || !isPlainLeftClick(event)) return;
      event.preventDefault();
      navigate(href);
    },
  });
}
