import { useCallback, useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { realtimeUrl } from './realtime-logic';
import { RealtimeContext, connectRealtime } from './use-realtime';
import type { RealtimeHandler } from './use-realtime';

/**
 * The signed-in shell's one WebSocket (`/api/ws`), shared by every screen through `useRealtime`. Opened when
 * the shell mounts, closed on sign-out (the shell unmounts).
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Set<RealtimeHandler>());

  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    const connection = connectRealtime({
      url: realtimeUrl(window.location),
      onMessage: (message) => {
        for (const handler of [...handlers.current]) handler(message);
      },
    });
    return () => connection.close();
  }, []);

  const subscribe = useCallback((handler: RealtimeHandler) => {
    const set = handlers.current;
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }, []);

  return <RealtimeContext.Provider value={subscribe}>{children}</RealtimeContext.Provider>;
}
