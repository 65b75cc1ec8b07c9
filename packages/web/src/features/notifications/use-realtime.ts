import { createContext, useContext, useEffect, useRef } from 'react';
import type { ClientMessage, ServerMessage } from '@vuonxa/core';
import { PING_INTERVAL_MS, parseServerMessage, reconnectDelay } from './realtime-logic';

export type RealtimeHandler = (message: ServerMessage) => void;

/** Subscribes to the app's one WebSocket; returns the unsubscribe. */
export type RealtimeSubscribe = (handler: RealtimeHandler) => () => void;

/** Where the socket is: opening for the first time, open, or waiting to reconnect after a drop. */
export type RealtimeStatus = 'connecting' | 'open' | 'reconnecting';

/** What the signed-in shell shares: the subscription, sending, and the state of the link. */
export interface RealtimeValue {
  subscribe: RealtimeSubscribe;
  /** Sends at once when open; otherwise queued and sent, in order, as soon as the socket (re)opens. */
  send: (message: ClientMessage) => void;
  status: RealtimeStatus;
  /** Counts the openings: changes on every (re)connection, so a screen can redo what the server forgot. */
  generation: number;
}

export const RealtimeContext = createContext<RealtimeValue | null>(null);

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
  const subscribe = useContext(RealtimeContext)?.subscribe;
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!subscribe) return;
    return subscribe((m) => ref.current(m));
  }, [subscribe]);
}

/**
 * The link's state and sending; outside the signed-in shell, `send` does nothing and the status stays
 * `connecting`.
 *
 * @example
 * const { send, status } = useRealtimeConnection();
 * if (status === 'open') send({ type: 'room.leave', roomId });
 */
export function useRealtimeConnection(): Pick<RealtimeValue, 'send' | 'status' | 'generation'> {
  const value = useContext(RealtimeContext);
  return value ?? OFFLINE;
}

const OFFLINE: Pick<RealtimeValue, 'send' | 'status' | 'generation'> = { send: () => undefined, status: 'connecting', generation: 0 };

/** Messages kept while the socket is down; beyond this the oldest are dropped (they would be stale anyway). */
export const SEND_QUEUE_MAX = 200;

export interface RealtimeConnection {
  close: () => void;
  /** Sends now when open, else queues until the next opening. */
  send: (message: ClientMessage) => void;
}

interface ConnectOptions {
  url: string;
  onMessage: RealtimeHandler;
  /** Called on every change of the link's state. */
  onStatus?: (status: RealtimeStatus) => void;
  /** For tests: the WebSocket constructor and the random source of the backoff jitter. */
  WebSocketImpl?: typeof WebSocket;
  random?: () => number;
}

/**
 * Keeps one WebSocket open to `url`: reconnects after a drop with a growing delay (1 s doubling to 30 s, with
 * jitter), sends `{ type: 'ping' }` every 25 s so that proxies keep an idle link open, and passes on only the
 * messages that match `serverMessageSchema`.
 */
export function connectRealtime({
  url,
  onMessage,
  onStatus,
  WebSocketImpl = WebSocket,
  random = Math.random,
}: ConnectOptions): RealtimeConnection {
  let socket: WebSocket | null = null;
  let queue: string[] = [];
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
      const pending = queue;
      queue = [];
      for (const data of pending) ws.send(data);
      onStatus?.('open');
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
      onStatus?.('reconnecting');
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
    send: (message) => {
      const data = JSON.stringify(message);
      if (socket && socket.readyState === WebSocketImpl.OPEN) {
        socket.send(data);
        return;
      }
      if (stopped) return;
      queue.push(data);
      if (queue.length > SEND_QUEUE_MAX) queue = queue.slice(queue.length - SEND_QUEUE_MAX);
    },
    close: () => {
      stopped = true;
      queue = [];
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
