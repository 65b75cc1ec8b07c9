import type { Notification } from '@vuonxa/core';
import { formatDateTime } from '../../i18n/format';
import { describe, expect, it } from 'vitest';
import {
  notificationHref,
  notificationRef,
  notificationsReducer,
  parseServerMessage,
  realtimeUrl,
  reconnectDelay,
  RECONNECT_CAP_MS,
} from './realtime-logic';

const note = (id: string, readAt: string | null = null): Notification => ({
  id,
  kind: 'consult.submitted',
  consultId: 'c1',
  sessionId: null,
  visitId: null,
  ref: 'HC-2026-0001',
  createdAt: '2026-01-05T01:00:00Z',
  readAt,
});

describe('reconnectDelay', () => {
  it('doubles from one second and stops at thirty', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((a) => reconnectDelay(a, top))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('takes up to a quarter off at random, never more', () => {
    expect(reconnectDelay(0, () => 0)).toBe(750);
    expect(reconnectDelay(9, () => 0)).toBe(22500);
    for (let i = 0; i < 50; i++) {
      const d = reconnectDelay(i % 8);
      expect(d).toBeGreaterThanOrEqual(750);
      expect(d).toBeLessThanOrEqual(RECONNECT_CAP_MS);
    }
  });

  it('survives a huge attempt number and a random source out of range', () => {
    expect(reconnectDelay(10_000, () => 5)).toBe(30000);
    expect(reconnectDelay(-3, () => -1)).toBe(750);
  });
});

describe('parseServerMessage', () => {
  it('reads the agreed messages', () => {
    expect(parseServerMessage('{"type":"consult.changed","consultId":"c1"}')).toEqual({ type: 'consult.changed', consultId: 'c1' });
    expect(parseServerMessage(JSON.stringify({ type: 'notification', notification: note('n1') }))).toEqual({
      type: 'notification',
      notification: note('n1'),
    });
  });

  it('drops what is not JSON, not a string, or not one of the shapes', () => {
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull();
    expect(parseServerMessage('{"type":"unknown"}')).toBeNull();
    expect(parseServerMessage('{"type":"notification","notification":{"id":"x"}}')).toBeNull();
  });
});

describe('realtimeUrl', () => {
  it('follows the page protocol', () => {
    expect(realtimeUrl({ protocol: 'https:', host: 'vuonxa.vn' })).toBe('wss://vuonxa.vn/api/ws');
    expect(realtimeUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/api/ws');
  });
});

describe('notificationsReducer', () => {
  const empty = { items: [], unread: 0 };

  it('loads the list and its unread count', () => {
    expect(notificationsReducer(empty, { type: 'loaded', items: [note('a')], unread: 1 })).toEqual({ items: [note('a')], unread: 1 });
  });

  it('puts a pushed notification first and counts it once', () => {
    const s1 = notificationsReducer(
      { items: [note('a', '2026-01-05T02:00:00Z')], unread: 0 },
      { type: 'received', notification: note('b') },
    );
    expect(s1.items.map((i) => i.id)).toEqual(['b', 'a']);
    expect(s1.unread).toBe(1);
    expect(notificationsReducer(s1, { type: 'received', notification: note('b') })).toBe(s1);
  });

  it('marks one read, and a second time changes nothing', () => {
    const s = { items: [note('a'), note('b')], unread: 2 };
    const s1 = notificationsReducer(s, { type: 'read', ids: ['a'], at: 'now' });
    expect(s1.unread).toBe(1);
    expect(s1.items[0]?.readAt).toBe('now');
    expect(notificationsReducer(s1, { type: 'read', ids: ['a'], at: 'later' }).unread).toBe(1);
  });

  it('marks all read', () => {
    const s1 = notificationsReducer({ items: [note('a'), note('b', 'before')], unread: 5 }, { type: 'allRead', at: 'now' });
    expect(s1.unread).toBe(0);
    expect(s1.items.map((i) => i.readAt)).toEqual(['now', 'before']);
  });
});

describe('notificationHref', () => {
  it('opens the request, else the session', () => {
    expect(notificationHref({ consultId: 'c1', sessionId: 's1' })).toBe('/consults/c1');
    expect(notificationHref({ consultId: null, sessionId: 's1' })).toBe('/sessions/s1');
    expect(notificationHref({ consultId: null, sessionId: null, visitId: 'v1' })).toBe('/patient/visits/v1');
    expect(notificationHref({ consultId: null, sessionId: null })).toBeNull();
  });
});

describe('notificationRef', () => {
  it('shows a request’s reference as it is and a session’s start in the reader’s language', () => {
    expect(notificationRef({ kind: 'consult.submitted', ref: 'HC-2026-000123' }, 'vi')).toBe('HC-2026-000123');
    const at = '2026-11-28T02:30:00.000Z';
    expect(notificationRef({ kind: 'session.invited', ref: at }, 'en')).toBe(formatDateTime(at, 'en'));
    expect(notificationRef({ kind: 'session.invited', ref: at }, 'en')).not.toBe(at);
    expect(notificationRef({ kind: 'session.started', ref: null }, 'vi')).toBe('—');
    expect(notificationRef({ kind: 'visit.reminder', ref: at }, 'vi')).toBe(formatDateTime(at, 'vi'));
  });
});
