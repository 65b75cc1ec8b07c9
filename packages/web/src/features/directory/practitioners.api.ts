import { onCallShiftSchema, pageSchema, practitionerSchema } from '@vuonxa/core';
import type { OnCallShiftInput, PractitionerInput, SpecialtyCode } from '@vuonxa/core';
import { z } from 'zod';
import { api } from '../../api/client';

const practitionerPageSchema = pageSchema(practitionerSchema);

export const DIRECTORY_FILTER_FIELDS = ['q', 'specialty', 'facilityId', 'provinceCode', 'language', 'profession', 'onCall'] as const;
export type DirectoryFilterField = (typeof DIRECTORY_FILTER_FIELDS)[number];
/** Filters as the address bar and the API carry them; '' means "any", `onCall` is 'true' or ''. */
export type DirectoryFilters = Record<DirectoryFilterField, string>;

/** Reads filters from `?specialty=…&onCall=true`, ignoring unknown parameters. */
export function directoryFiltersFrom(params: URLSearchParams): DirectoryFilters {
  const entries = DIRECTORY_FILTER_FIELDS.map((f) => [f, params.get(f) ?? ''] as const);
  return Object.fromEntries(entries) as DirectoryFilters;
}

/** Writes filters as a query string without the empty ones. */
export function directoryFiltersToSearch(filters: Partial<DirectoryFilters>): string {
  const params = new URLSearchParams();
  for (const field of DIRECTORY_FILTER_FIELDS) {
    const value = filters[field];
    if (value) params.set(field, value);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** The practitioner directory (`practitioner.read`, `practitioner.manage`) and on-call shifts (`oncall.manage`). */
export const practitionersApi = {
  list: (filters: DirectoryFilters, cursor: string | null, signal?: AbortSignal) =>
    api.get('/api/practitioners', practitionerPageSchema, { query: { ...filters, cursor, limit: 50 }, signal }),
  get: (practitionerId: string, signal?: AbortSignal) =>
    api.get(`/api/practitioners/${encodeURIComponent(practitionerId)}`, practitionerSchema, { signal }),
  create: (body: PractitionerInput) => api.post('/api/practitioners', practitionerSchema, body),
  update: (practitionerId: string, body: PractitionerInput) =>
    api.put(`/api/practitioners/${encodeURIComponent(practitionerId)}`, practitionerSchema, body),
  onCall: (query: { facilityId?: string; specialty?: SpecialtyCode }, signal?: AbortSignal) =>
    api.get('/api/on-call', z.array(onCallShiftSchema), { query, signal }),
  createShift: (body: OnCallShiftInput) => api.post('/api/on-call-shifts', onCallShiftSchema, body),
};
