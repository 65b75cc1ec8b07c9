import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notificationListSchema, notificationReadSchema } from '@vuonxa/core';
import { requireAuth } from '../../http/context.js';
import type { NotificationsService } from './notifications.service.js';

export function notificationsRoutes(deps: { notifications: NotificationsService }): FastifyPluginAsyncZod {
  const { notifications } = deps;
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
  };
}
