import { siteSchema } from '@vuonxa/core';
import type { SiteInput } from '@vuonxa/core';
import { api } from '../../api/client';

/** Bridge sites (điểm cầu): read with `facility.read`, changed with `facility.manage` at their facility. */
export const sitesApi = {
  get: (siteId: string, signal?: AbortSignal) => api.get(`/api/sites/${encodeURIComponent(siteId)}`, siteSchema, { signal }),
  update: (siteId: string, body: SiteInput) => api.put(`/api/sites/${encodeURIComponent(siteId)}`, siteSchema, body),
};
