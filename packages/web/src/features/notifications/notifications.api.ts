import { notificationListSchema } from '@vuonxa/core';
import { z } from 'zod';
import { api } from '../../api/client';

// `POST /api/notifications/read` answers 204 with no body; whatever comes is not needed.
const noContent = z.unknown();

/** In-app notifications of the signed-in user. */
export const notificationsApi = {
  list: (signal?: AbortSignal) => api.get('/api/notifications', notificationListSchema, { signal }),
  markRead: (ids: string[]) => api.post('/api/notifications/read', noContent, { ids }),
  markAllRead: () => api.post('/api/notifications/read', noContent, { all: true }),
};
