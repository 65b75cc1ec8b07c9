import { useEffect } from 'react';

/**
 * Calls `refresh` every `intervalMs` while the page is visible, and at once when the window regains the focus
 * or the tab becomes visible again (a phone back from another app): live enough for a queue, and nothing is
 * fetched for a screen nobody looks at.
 *
 * @example
 * const ticket = useQuery(key, fetcher);
 * usePoll(ticket.reload, 10_000, phase !== 'over');
 */
export function usePoll(refresh: () => void, intervalMs: number, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const visible = () => document.visibilityState !== 'hidden';
    const timer = window.setInterval(() => {
      if (visible()) refresh();
    }, intervalMs);
    const onFocus = () => refresh();
    const onVisibility = () => {
      if (visible()) refresh();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh, intervalMs, enabled]);
}
