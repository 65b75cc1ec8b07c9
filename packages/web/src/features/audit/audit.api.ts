import { auditEventSchema, pageSchema } from '@vuonxa/core';
import { api } from '../../api/client';

const auditPageSchema = pageSchema(auditEventSchema);

export const AUDIT_FILTER_FIELDS = ['action', 'outcome', 'facilityId', 'actorUserId', 'entityType', 'entityId', 'from', 'to'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

/** Filters as the address bar and the API carry them: strings, '' meaning "any"; `from`/`to` are ISO. */
export type AuditFilters = Record<AuditFilterField, string>;

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  action: '',
  outcome: '',
  facilityId: '',
  actorUserId: '',
  entityType: '',
  entityId: '',
  from: '',
  to: '',
};

/** Reads filters from `?action=…&from=…`, ignoring unknown parameters. */
export function filtersFromSearch(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const filters = { ...EMPTY_AUDIT_FILTERS };
  for (const field of AUDIT_FILTER_FIELDS) filters[field] = params.get(field) ?? '';
  return filters;
}

/** Writes filters as a query string without the empty ones, e.g. `?outcome=denied`. */
export function filtersToSearch(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) if (filters[field]) params.set(field, filters[field]);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export const AUDIT_PAGE_SIZE = 50;

/** `GET /api/audit-events` (permission `audit.read`), newest first, keyset-paged by `cursor`. */
export const auditApi = {
  search: (filters: AuditFilters, cursor: string | null, signal?: AbortSignal) =>
    api.get('/api/audit-events', auditPageSchema, {
      query: { ...filters, cursor, limit: AUDIT_PAGE_SIZE },
      signal,
    }),
};
