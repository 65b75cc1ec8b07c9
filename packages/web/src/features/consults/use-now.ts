import { useEffect, useState } from 'react';

/**
 * The current time in ms, refreshed every `intervalMs` (countdowns to a response target).
 *
 * @example
 * const now = useNow(30_000);
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
