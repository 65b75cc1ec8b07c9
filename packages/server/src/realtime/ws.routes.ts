import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { clientMessageSchema, type ServerMessage } from '@vuonxa/core';
import { meta, requireAuth } from '../http/context.js';
import type { RoomRouter } from '../media/room-router.js';
import type { EventBus } from './bus.js';

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
        const connection = {
          id: randomUUID(),
          auth,
          meta: meta(req),
          send: (msg: ServerMessage) => {
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
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
            .catch((err: unknown) => req.log.error({ err: (err as Error).message, type: msg.type }, 'room message failed'));
        });
        socket.on('close', () => {
          unsubscribe();
          rooms.disconnected(connection.id);
        });
      },
    );
  };
}
