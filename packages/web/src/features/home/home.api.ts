import { homeSchema } from '@vuonxa/core';
import { api } from '../../api/client';

/** `GET /api/home`: the tasks the server derives for the user at the active facility. */
export const homeApi = {
  get: (signal?: AbortSignal) => api.get('/api/home', homeSchema, { signal }),
};
