import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyPluginAsync } from 'fastify';
import { clientMessageSchema, type ServerMessage } from '@vuonxa/core';
import { meta, requireAuth } from '../http/context.js';
import type { RoomRouter } from '../media/room-router.js';
import type { EventBus } from './bus.js';

// A message sent to a whole room is one object handed to every member's socket: it is turned into text once.
const encoded = new WeakMap<ServerMessage, string>();
function encode(msg: ServerMessage): string {
  let text = encoded.get(msg);
  if (text === undefined) encoded.set(msg, (text = JSON.stringify(msg)));
  return text;
}

/**
 * The one realtime socket per client (`/api/ws`), authenticated by the session cookie like any /api route:
 * notifications and change events out, room signaling both ways. Every incoming message is validated against
 * `clientMessageSchema`; anything else is dropped.
 */
export function wsRoutes(deps: { bus: EventBus; rooms: RoomRouter }): FastifyPluginAsync {
  const { bus, rooms } = deps;
  return async (app) => {
    app.get(
      '/api/ws',
      { websocket: true, schema: { tags: ['realtime'], summary: 'Realtime events and room signaling (WebSocket)' } },
      (socket, req) => {
        const auth = requireAuth(req);
        const log = req.log;
        // Let the upgrade's request and response go once the socket is open: kept, they are ~4 KB of each idle
        // connection (headers, head buffer, a child logger), held by the plugin's error listener and by the raw
        // socket's pointer to its HTTP response (bench B5: 10.0 → 8 KB of memory an idle client).
        socket.removeAllListeners('error');
        socket.on('error', (err: Error) => {
          log.warn({ err: err.message }, 'websocket error');
          socket.terminate();
        });
        const raw = req.raw.socket as Socket & { _httpMessage?: ServerResponse | null };
        raw._httpMessage?.detachSocket(raw);
        const connection = {
          id: randomUUID(),
          auth,
          meta: meta(req),
          send: (msg: ServerMessage) => {
            if (socket.readyState === socket.OPEN) socket.send(encode(msg));
          },
        };
        const unsubscribe = bus.subscribe(auth.user.id, connection.send);
        connection.send({ type: 'hello', userId: auth.user.id });
        socket.on('message', (raw: Buffer) => {
          let parsed;
          try {
            parsed = clientMessageSchema.safeParse(JSON.parse(raw.toString('utf8')));
          } catch {
            return;
          }
          if (!parsed.success) return;
          const msg = parsed.data;
          if (msg.type === 'ping') return connection.send({ type: 'pong' });
          rooms
            .handle(connection, msg)
            .catch((err: unknown) => log.error({ err: (err as Error).message, type: msg.type }, 'room message failed'));
        });
        socket.on('close', () => {
          unsubscribe();
          rooms.disconnected(connection.id);
        });
      },
    );
  };
}
