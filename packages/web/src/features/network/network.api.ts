import { networkOverviewSchema } from '@vuonxa/core';
import { api } from '../../api/client';

/** `GET /api/network/overview` (permission `facility.read`): counts for the whole network and per province. */
export const networkApi = {
  overview: (signal?: AbortSignal) => api.get('/api/network/overview', networkOverviewSchema, { signal }),
};
