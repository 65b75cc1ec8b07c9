import {
  facilityDetailSchema,
  facilityLinksSchema,
  facilitySummarySchema,
  hubSuggestionSchema,
  pageSchema,
  siteSchema,
  supportLinkSchema,
} from '@vuonxa/core';
import type { FacilityInput, SiteInput, SpecialtyCode, SupportLinkInput } from '@vuonxa/core';
import { z } from 'zod';
import { api } from '../../api/client';

const facilityPageSchema = pageSchema(facilitySummarySchema);
const id = (value: string) => encodeURIComponent(value);

export const FACILITY_FILTER_FIELDS = ['q', 'provinceCode', 'country', 'type', 'technicalLevel', 'specialty', 'includeInactive'] as const;
export type FacilityFilterField = (typeof FACILITY_FILTER_FIELDS)[number];
/** Filters as the address bar and the API carry them; '' means "any". */
export type FacilityFilters = Record<FacilityFilterField, string>;

export const EMPTY_FACILITY_FILTERS: FacilityFilters = {
  q: '',
  provinceCode: '',
  country: '',
  type: '',
  technicalLevel: '',
  specialty: '',
  includeInactive: '',
};

/** Reads filters from `?q=…&provinceCode=…`, ignoring unknown parameters. */
export function facilityFiltersFrom(params: URLSearchParams): FacilityFilters {
  const filters = { ...EMPTY_FACILITY_FILTERS };
  for (const field of FACILITY_FILTER_FIELDS) filters[field] = params.get(field) ?? '';
  return filters;
}

/** Writes filters as a query string without the empty ones, e.g. `?provinceCode=11`. */
export function facilityFiltersToSearch(filters: Partial<FacilityFilters>): string {
  const params = new URLSearchParams();
  for (const field of FACILITY_FILTER_FIELDS) {
    const value = filters[field];
    if (value) params.set(field, value);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/**
 * The facility registry (`facility.read` to read; `facility.create`, `facility.manage` and
 * `supportlink.manage` to change it).
 */
export const facilitiesApi = {
  search: (q: string, signal?: AbortSignal) => api.get('/api/facilities', facilityPageSchema, { query: { q, limit: 30 }, signal }),
  list: (filters: Partial<FacilityFilters>, cursor: string | null, signal?: AbortSignal) =>
    api.get('/api/facilities', facilityPageSchema, { query: { ...filters, cursor, limit: 50 }, signal }),
  get: (facilityId: string, signal?: AbortSignal) => api.get(`/api/facilities/${id(facilityId)}`, facilityDetailSchema, { signal }),
  create: (body: FacilityInput) => api.post('/api/facilities', facilityDetailSchema, body),
  update: (facilityId: string, body: FacilityInput) => api.put(`/api/facilities/${id(facilityId)}`, facilityDetailSchema, body),
  sites: (facilityId: string, signal?: AbortSignal) => api.get(`/api/facilities/${id(facilityId)}/sites`, z.array(siteSchema), { signal }),
  createSite: (facilityId: string, body: SiteInput) => api.post(`/api/facilities/${id(facilityId)}/sites`, siteSchema, body),
  links: (facilityId: string, signal?: AbortSignal) =>
    api.get(`/api/facilities/${id(facilityId)}/support-links`, facilityLinksSchema, { signal }),
  createLink: (body: SupportLinkInput) => api.post('/api/support-links', supportLinkSchema, body),
  endLink: (linkId: string, validTo: string) => api.post(`/api/support-links/${id(linkId)}/end`, supportLinkSchema, { validTo }),
  hubs: (facilityId: string, specialty: SpecialtyCode, signal?: AbortSignal) =>
    api.get(`/api/facilities/${id(facilityId)}/hubs`, z.array(hubSuggestionSchema), { query: { specialty }, signal }),
};
