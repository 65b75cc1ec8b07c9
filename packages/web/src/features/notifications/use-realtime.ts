import { createContext, useContext, useEffect, useRef } from 'react';
import type { ServerMessage } from '@vuonxa/core';
import { PING_INTERVAL_MS, parseServerMessage, reconnectDelay } from './realtime-logic';

export type RealtimeHandler = (message: ServerMessage) => void;

/** Subscribes to the app's one WebSocket; returns the unsubscribe. */
export type RealtimeSubscribe = (handler: RealtimeHandler) => () => void;

export const RealtimeContext = createContext<RealtimeSubscribe | null>(null);

/**
 * Calls `handler` for every message the server pushes (`notification`, `consult.changed`, and `hello` after
 * each (re)connection, the moment to refetch what may have been missed). The latest handler is used, so it
 * need not be memoised. Outside the signed-in shell it does nothing.
 *
 * @example
 * useRealtime((m) => {
 *   if (m.type === 'consult.changed' && m.consultId === consult.id) reload();
 * });
 */
export function useRealtime(handler: RealtimeHandler): void {
  const subscribe = useContext(RealtimeContext);
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!subscribe) return;
    return subscribe((m) => ref.current(m));
  }, [subscribe]);
}

export interface RealtimeConnection {
  close: () => void;
}

interface ConnectOptions {
  url: string;
  onMessage: RealtimeHandler;
  /** For tests: the WebSocket constructor and the random source of the backoff jitter. */
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
}

/**
 * Keeps one WebSocket open to `url`: reconnects after a drop with a growing delay (1 s doubling to 30 s, with
 * jitter), sends `{ type: 'ping' }` every 25 s so that proxies keep an idle link open, and passes on only the
 * messages that match `serverMessageSchema`.
 */
export function connectRealtime({ url, onMessage, WebSocketImpl = WebSocket, random = Math.random }: ConnectOptions): RealtimeConnection {
  let socket: WebSocket | null = null;
  let attempt = 0;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;

  const open = () => {
    if (stopped) return;
    let ws: WebSocket;
    try {
      ws = new WebSocketImpl(url);
    } catch {
      schedule();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      clearInterval(pingTimer);
      pingTimer = setInterval(() => {
        if (ws.readyState === WebSocketImpl.OPEN) ws.send(JSON.stringify({ type: 'ping' }));
      }, PING_INTERVAL_MS);
    };
    ws.onmessage = (event: MessageEvent) => {
      const message = parseServerMessage(event.data);
      if (message) onMessage(message);
    };
    ws.onclose = () => {
      clearInterval(pingTimer);
      if (socket === ws) socket = null;
      schedule();
    };
    // An error is followed by close, which schedules the retry.
    ws.onerror = () => undefined;
  };

  const schedule = () => {
    if (stopped) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(open, reconnectDelay(attempt, random));
    attempt += 1;
  };

  // The browser says when the network is back: try at once instead of waiting out the backoff.
  const online = () => {
    if (stopped || socket) return;
    clearTimeout(retryTimer);
    attempt = 0;
    open();
  };
  if (typeof window !== 'undefined') window.addEventListener('online', online);

  open();

  return {
    close: () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      if (typeof window !== 'undefined') window.removeEventListener('online', online);
      const ws = socket;
      socket = null;
      if (ws) {
        ws.onclose = null;
        ws.onmessage = null;
        ws.close();
      }
    },
  };
}
