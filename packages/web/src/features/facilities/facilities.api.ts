import { facilitySummarySchema, pageSchema } from '@vuonxa/core';
import { api } from '../../api/client';

const facilityPageSchema = pageSchema(facilitySummarySchema);

/** `GET /api/facilities` (permission `facility.read`): the network's facility directory, searchable. */
export const facilitiesApi = {
  search: (q: string, signal?: AbortSignal) => api.get('/api/facilities', facilityPageSchema, { query: { q, limit: 30 }, signal }),
};
