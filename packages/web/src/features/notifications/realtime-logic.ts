import { serverMessageSchema } from '@vuonxa/core';
import type { Locale, Notification, ServerMessage } from '@vuonxa/core';
import { formatDateTime } from '../../i18n/format';

export const RECONNECT_BASE_MS = 1_000;
export const RECONNECT_CAP_MS = 30_000;
export const PING_INTERVAL_MS = 25_000;

/**
 * How long to wait before reconnection attempt `attempt` (0 for the first after a drop): doubling from 1 s,
 * capped at 30 s, each delay shortened by up to a quarter at random so that a hub's many browsers do not all
 * come back in the same instant after a server restart.
 *
 * @example
 * reconnectDelay(0, () => 1); // 1000
 * reconnectDelay(10, () => 1); // 30000
 * reconnectDelay(3, () => 0); // 6000 (8 s less a quarter)
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, Math.min(attempt, 30)));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * (0.75 + 0.25 * r));
}

/** A WebSocket frame as a server message, or null when it is not JSON or not one of the agreed shapes. */
export function parseServerMessage(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = serverMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The address of the app's one WebSocket, same origin as the page: `wss://host/api/ws` over HTTPS. */
export function realtimeUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/ws`;
}

export interface NotificationState {
  items: Notification[];
  unread: number;
}

export type NotificationAction =
  | { type: 'loaded'; items: Notification[]; unread: number }
  | { type: 'received'; notification: Notification }
  | { type: 'read'; ids: string[]; at: string }
  | { type: 'allRead'; at: string };

/** At most this many notifications are kept in the dropdown. */
export const MAX_NOTIFICATIONS = 50;

/**
 * The bell's state: the list loaded from `GET /api/notifications`, new ones pushed by the WebSocket (a
 * notification seen twice, e.g. pushed then listed after a reconnect, counts once), and reads.
 */
export function notificationsReducer(state: NotificationState, action: NotificationAction): NotificationState {
  switch (action.type) {
    case 'loaded':
      return { items: action.items.slice(0, MAX_NOTIFICATIONS), unread: Math.max(0, action.unread) };
    case 'received': {
      const n = action.notification;
      if (state.items.some((i) => i.id === n.id)) return state;
      return { items: [n, ...state.items].slice(0, MAX_NOTIFICATIONS), unread: state.unread + (n.readAt === null ? 1 : 0) };
    }
    case 'read': {
      const ids = new Set(action.ids);
      let marked = 0;
      const items = state.items.map((i) => {
        if (!ids.has(i.id) || i.readAt !== null) return i;
        marked += 1;
        return { ...i, readAt: action.at };
      });
      return { items, unread: Math.max(0, state.unread - marked) };
    }
    case 'allRead':
      return { items: state.items.map((i) => (i.readAt === null ? { ...i, readAt: action.at } : i)), unread: 0 };
  }
}

/** Where a notification leads: the request, else the session, else the patient's visit (its page for the account that booked), else nowhere. */
export function notificationHref(n: Pick<Notification, 'consultId' | 'sessionId'> & { visitId?: string | null }): string | null {
  if (n.consultId) return `/consults/${encodeURIComponent(n.consultId)}`;
  if (n.sessionId) return `/sessions/${encodeURIComponent(n.sessionId)}`;
  if (n.visitId) return `/patient/visits/${encodeURIComponent(n.visitId)}`;
  return null;
}

/** What a notification names: a request's reference as it is; a session's or a visit's is when it starts, in the reader's language. */
export function notificationRef(n: Pick<Notification, 'kind' | 'ref'>, locale: Locale): string {
  if (!n.ref) return '—';
  return n.kind.startsWith('session.') || n.kind.startsWith('visit.') ? formatDateTime(n.ref, locale) || '—' : n.ref;
}
