import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clientMessageSchema, notificationListSchema, notificationReadSchema, type ServerMessage } from '@vuonxa/core';
import { requireAuth } from '../../http/context.js';
import type { EventBus } from '../../realtime/bus.js';
import type { NotificationsService } from './notifications.service.js';

export function notificationsRoutes(deps: { notifications: NotificationsService; bus: EventBus }): FastifyPluginAsyncZod {
  const { notifications, bus } = deps;
  return async (app) => {
    app.get(
      '/api/notifications',
      { schema: { tags: ['notifications'], summary: 'My latest notifications', response: { 200: notificationListSchema } } },
      async (req) => notifications.list(requireAuth(req)),
    );
    app.post(
      '/api/notifications/read',
      { schema: { tags: ['notifications'], summary: 'Mark notifications read', body: notificationReadSchema } },
      async (req, reply) => {
        await notifications.markRead(requireAuth(req), req.body);
        return reply.status(204).send();
      },
    );
    // The one realtime socket per client, authenticated by the session cookie like any /api route.
    app.get('/api/ws', { websocket: true, schema: { tags: ['realtime'], summary: 'Realtime events (WebSocket)' } }, (socket, req) => {
      const auth = requireAuth(req);
      const send = (msg: ServerMessage) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
      };
      const unsubscribe = bus.subscribe(auth.user.id, send);
      send({ type: 'hello', userId: auth.user.id });
      socket.on('message', (raw: Buffer) => {
        let parsed;
        try {
          parsed = clientMessageSchema.safeParse(JSON.parse(raw.toString('utf8')));
        } catch {
          return;
        }
        if (parsed.success && parsed.data.type === 'ping') send({ type: 'pong' });
      });
      socket.on('close', unsubscribe);
    });
  };
}
