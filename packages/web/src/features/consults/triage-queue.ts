/** The server's page size for the triage queue, and the most it gives at once. */
export const QUEUE_PAGE = 50;
export const QUEUE_PAGE_MAX = 200;

/**
 * How many rows to ask for when the queue is refreshed in the background: the whole pages on screen, so the
 * rows brought by "load more" stay, and a request arriving at the end of a queue loaded to its end shows
 * (within the server's maximum).
 *
 * @example
 * refreshLimit(0); // 50
 * refreshLimit(73); // 100
 */
export function refreshLimit(shown: number): number {
  return Math.min(QUEUE_PAGE_MAX, Math.max(1, Math.ceil(shown / QUEUE_PAGE)) * QUEUE_PAGE);
}

/**
 * "Showing X of N" under the queue while the server has more, else null. N is the server's count at the
 * first page; never less than what is shown and one more to come.
 *
 * @example
 * queueProgress(50, 73, true); // { shown: 50, total: 73 }
 * queueProgress(73, 73, false); // null
 */
export function queueProgress(shown: number, waiting: number, hasMore: boolean): { shown: number; total: number } | null {
  return hasMore ? { shown, total: Math.max(waiting, shown + 1) } : null;
}
