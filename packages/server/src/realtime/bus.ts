import { Redis } from 'ioredis';
import type { ServerMessage } from '@vuonxa/core';

type Listener = (msg: ServerMessage) => void;

/**
 * Delivers realtime messages to the sockets of given users. In one process a map of listeners; with Redis every
 * instance publishes to one channel and delivers to its own sockets, so a user connected to instance B hears what
 * happened on instance A.
 */
export interface EventBus {
  publish(userIds: readonly string[], msg: ServerMessage): void;
  subscribe(userId: string, fn: Listener): () => void;
  close(): Promise<void>;
}

function createLocal() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    deliver(userIds: readonly string[], msg: ServerMessage) {
      for (const id of new Set(userIds)) for (const fn of listeners.get(id) ?? []) fn(msg);
    },
    subscribe(userId: string, fn: Listener) {
      let set = listeners.get(userId);
      if (!set) listeners.set(userId, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
        if (set.size === 0) listeners.delete(userId);
      };
    },
  };
}

export function createLocalBus(): EventBus {
  const local = createLocal();
  return { publish: (ids, msg) => local.deliver(ids, msg), subscribe: (id, fn) => local.subscribe(id, fn), close: async () => undefined };
}

const CHANNEL = 'vuonxa:realtime';

export async function createRedisBus(url: string, onError: (err: Error) => void): Promise<EventBus> {
  const local = createLocal();
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const sub = new Redis(url, { lazyConnect: true });
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(CHANNEL);
  sub.on('message', (_channel: string, raw: string) => {
    try {
      const { userIds, msg } = JSON.parse(raw) as { userIds: string[]; msg: ServerMessage };
      local.deliver(userIds, msg);
    } catch {
      // A malformed message from another instance is dropped, never fatal.
    }
  });
  return {
    publish(userIds, msg) {
      if (userIds.length === 0) return;
      pub.publish(CHANNEL, JSON.stringify({ userIds, msg })).catch(onError);
    },
    subscribe: (id, fn) => local.subscribe(id, fn),
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
