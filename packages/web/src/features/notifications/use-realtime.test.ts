import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectRealtime } from './use-realtime';

/** A WebSocket stand-in: records what was sent, and lets the test open, message and drop it. */
class FakeSocket {
  static readonly OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const last = () => FakeSocket.instances[FakeSocket.instances.length - 1]!;

describe('connectRealtime', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
  });
  afterEach(() => vi.useRealTimers());

  const connect = (onMessage = vi.fn()) =>
    connectRealtime({ url: 'ws://x/api/ws', onMessage, WebSocketImpl: FakeSocket as unknown as typeof WebSocket, random: () => 1 });

  it('passes on valid messages only', () => {
    const onMessage = vi.fn();
    const c = connect(onMessage);
    last().open();
    last().onmessage?.({ data: '{"type":"consult.changed","consultId":"c1"}' });
    last().onmessage?.({ data: '{"type":"bogus"}' });
    last().onmessage?.({ data: 'garbage' });
    expect(onMessage).toHaveBeenCalledTimes(1);
    expect(onMessage).toHaveBeenCalledWith({ type: 'consult.changed', consultId: 'c1' });
    c.close();
  });

  it('pings every 25 seconds while open', () => {
    const c = connect();
    last().open();
    vi.advanceTimersByTime(50_000);
    expect(last().sent).toEqual(['{"type":"ping"}', '{"type":"ping"}']);
    c.close();
  });

  it('reconnects after 1 s, 2 s, 4 s… and starts over once connected', () => {
    const c = connect();
    last().drop();
    vi.advanceTimersByTime(999);
    expect(FakeSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(2);
    last().drop();
    vi.advanceTimersByTime(1_999);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.instances).toHaveLength(3);
    last().open();
    last().drop();
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.instances).toHaveLength(4);
    c.close();
  });

  it('stops for good when closed', () => {
    const c = connect();
    const first = last();
    c.close();
    expect(first.closed).toBe(true);
    first.drop();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('queues what is sent while down, flushes it in order on opening, and reports the status', () => {
    const statuses: string[] = [];
    const c = connectRealtime({
      url: 'ws://x/api/ws',
      onMessage: vi.fn(),
      onStatus: (s) => statuses.push(s),
      WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
      random: () => 1,
    });
    c.send({ type: 'room.join', roomId: 'vx-room_0123456789ab' });
    c.send({ type: 'room.leave', roomId: 'vx-room_0123456789ab' });
    expect(last().sent).toEqual([]);
    last().open();
    expect(last().sent.map((d) => (JSON.parse(d) as { type: string }).type)).toEqual(['room.join', 'room.leave']);
    c.send({ type: 'ping' });
    expect(last().sent).toHaveLength(3);
    last().drop();
    c.send({ type: 'ping' });
    vi.advanceTimersByTime(1_000);
    last().open();
    expect(last().sent).toEqual(['{"type":"ping"}']);
    expect(statuses).toEqual(['open', 'reconnecting', 'open']);
    c.close();
  });
});
