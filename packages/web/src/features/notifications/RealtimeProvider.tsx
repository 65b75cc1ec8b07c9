import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ClientMessage } from '@vuonxa/core';
import { realtimeUrl } from './realtime-logic';
import { RealtimeContext, connectRealtime } from './use-realtime';
import type { RealtimeConnection, RealtimeHandler, RealtimeStatus, RealtimeValue } from './use-realtime';

/**
 * The signed-in shell's one WebSocket (`/api/ws`), shared by every screen through `useRealtime` (receiving)
 * and `useRealtimeConnection` (sending, link state). Opened when the shell mounts, closed on sign-out (the
 * shell unmounts).
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Set<RealtimeHandler>());
  const connection = useRef<RealtimeConnection | null>(null);
  // Sent before the effect opened the socket (a child's effect runs first): kept for it.
  const early = useRef<ClientMessage[]>([]);
  const [link, setLink] = useState<{ status: RealtimeStatus; generation: number }>({ status: 'connecting', generation: 0 });

  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    const c = connectRealtime({
      url: realtimeUrl(window.location),
      onMessage: (message) => {
        for (const handler of [...handlers.current]) handler(message);
      },
      onStatus: (status) => setLink((prev) => ({ status, generation: status === 'open' ? prev.generation + 1 : prev.generation })),
    });
    connection.current = c;
    for (const message of early.current.splice(0)) c.send(message);
    return () => {
      connection.current = null;
      c.close();
    };
  }, []);

  const subscribe = useCallback((handler: RealtimeHandler) => {
    const set = handlers.current;
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }, []);

  const send = useCallback((message: ClientMessage) => {
    if (connection.current) connection.current.send(message);
    else early.current.push(message);
  }, []);

  const value = useMemo<RealtimeValue>(
    () => ({ subscribe, send, status: link.status, generation: link.generation }),
    [subscribe, send, link],
  );

  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}
