import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ClientMessage, ServerMessage } from '@vuonxa/core';
import type { AuthContext, RequestMeta } from '../http/context.js';
import type { Connection, Rooms } from './rooms.js';

type RoomMessage = Extract<ClientMessage, { type: `room.${string}` }>;

/** What the realtime socket needs of the rooms: one message in, a socket gone. */
export interface RoomRouter {
  handle(c: Connection, msg: RoomMessage): Promise<void>;
  disconnected(connectionId: string): void;
  close(): Promise<void>;
}

/** One instance: the rooms live here. */
export function localRoomRouter(rooms: Rooms): RoomRouter {
  return { handle: (c, msg) => rooms.handle(c, msg), disconnected: (id) => rooms.disconnected(id), close: async () => undefined };
}

/** How long an instance owns a room without renewing (it renews while the room lives). */
const OWNER_TTL_MS = 30_000;
const RENEW_MS = 10_000;

type Wire =
  | { kind: 'in'; from: string; connection: { id: string; auth: AuthContext; meta: RequestMeta }; msg: RoomMessage }
  | { kind: 'out'; connectionId: string; msg: ServerMessage }
  | { kind: 'gone'; from: string; connectionId: string };

/**
 * Several instances behind a load balancer: a user's one socket lands on any instance, but a room's state lives
 * in one. The first instance a room's message reaches claims it in Redis (`SET NX` with a TTL it renews); the
 * other instances forward that room's messages to the owner over Redis and hand its replies back to their own
 * sockets. The owner sees a forwarded socket like a local one (same user, same rights: the forwarding instance
 * authenticated it). If the owner dies, the claim lapses and the next message re-creates the room elsewhere
 * (the participants rejoin, as after any reconnect).
 */
export async function createRedisRoomRouter(
  url: string,
  rooms: Rooms,
  onError: (err: Error) => void,
): Promise<RoomRouter & { instanceId: string }> {
  const instanceId = randomUUID();
  const inbox = `vuonxa:rooms:${instanceId}`;
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const sub = new Redis(url, { lazyConnect: true });
  pub.on('error', onError);
  sub.on('error', onError);
  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(inbox);

  const ownerKey = (roomId: string) => `vuonxa:room-owner:${roomId}`;
  const owned = new Set<string>();
  /** Local sockets whose rooms live on other instances: where each one's messages went. */
  const forwarded = new Map<string, { c: Connection; owners: Set<string> }>();
  /** Sockets of other instances, as seen here (the owner). */
  const proxies = new Map<string, Connection>();
  const send = (to: string, w: Wire) => void pub.publish(`vuonxa:rooms:${to}`, JSON.stringify(w)).catch(onError);

  async function ownerOf(roomId: string): Promise<string> {
    if (owned.has(roomId)) return instanceId;
    for (let i = 0; i < 3; i++) {
      if ((await pub.set(ownerKey(roomId), instanceId, 'PX', OWNER_TTL_MS, 'NX')) === 'OK') {
        owned.add(roomId);
        return instanceId;
      }
      const owner = await pub.get(ownerKey(roomId));
      if (owner) return owner;
    }
    throw new Error('room owner unknown');
  }

  // Renew the rooms that still have people; let go of the others.
  const renew = setInterval(() => {
    for (const roomId of owned) {
      if (rooms.participants(roomId).length === 0) {
        owned.delete(roomId);
        void pub
          .eval(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
            1,
            ownerKey(roomId),
            instanceId,
          )
          .catch(onError);
      } else void pub.pexpire(ownerKey(roomId), OWNER_TTL_MS).catch(onError);
    }
  }, RENEW_MS);
  renew.unref();

  sub.on('message', (_channel: string, raw: string) => {
    let w: Wire;
    try {
      w = JSON.parse(raw) as Wire;
    } catch {
      return;
    }
    if (w.kind === 'out') {
      forwarded.get(w.connectionId)?.c.send(w.msg);
      return;
    }
    if (w.kind === 'gone') {
      const key = `${w.from}:${w.connectionId}`;
      proxies.delete(key);
      rooms.disconnected(key);
      return;
    }
    const key = `${w.from}:${w.connection.id}`;
    let proxy = proxies.get(key);
    if (!proxy) {
      const from = w.from;
      const connectionId = w.connection.id;
      proxy = { id: key, auth: w.connection.auth, meta: w.connection.meta, send: (msg) => send(from, { kind: 'out', connectionId, msg }) };
      proxies.set(key, proxy);
    }
    owned.add(w.msg.roomId);
    rooms.handle(proxy, w.msg).catch((err: unknown) => onError(err as Error));
  });

  return {
    instanceId,
    async handle(c, msg) {
      const owner = await ownerOf(msg.roomId);
      if (owner === instanceId) return rooms.handle(c, msg);
      let f = forwarded.get(c.id);
      if (!f) forwarded.set(c.id, (f = { c, owners: new Set() }));
      f.owners.add(owner);
      send(owner, { kind: 'in', from: instanceId, connection: { id: c.id, auth: c.auth, meta: c.meta }, msg });
    },
    disconnected(connectionId) {
      rooms.disconnected(connectionId);
      const f = forwarded.get(connectionId);
      if (!f) return;
      forwarded.delete(connectionId);
      for (const owner of f.owners) send(owner, { kind: 'gone', from: instanceId, connectionId });
    },
    async close() {
      clearInterval(renew);
      for (const roomId of owned)
        await pub
          .eval(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0",
            1,
            ownerKey(roomId),
            instanceId,
          )
          .catch(() => 0);
      sub.disconnect();
      pub.disconnect();
    },
  };
}
