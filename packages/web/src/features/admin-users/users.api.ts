import { pageSchema, userSummarySchema } from '@vuonxa/core';
import type { Locale, Role } from '@vuonxa/core';
import { api } from '../../api/client';

const userPageSchema = pageSchema(userSummarySchema);

/** The body of `POST /api/admin/users` as the form sends it (core's `createUserRequestSchema` input). */
export interface NewUser {
  displayName: string;
  email?: string;
  phone?: string;
  password: string;
  locale: Locale;
  facilityId: string | null;
  role: Role;
}

export interface UserListFilters {
  q: string;
  facilityId: string;
}

/** User administration (`user.read`, `user.manage`, `membership.grant`). */
export const usersApi = {
  list: (filters: UserListFilters, cursor: string | null, signal?: AbortSignal) =>
    api.get('/api/admin/users', userPageSchema, { query: { ...filters, cursor, limit: 50 }, signal }),
  create: (body: NewUser) => api.post('/api/admin/users', userSummarySchema, body),
  grant: (userId: string, facilityId: string | null, role: Role) =>
    api.post(`/api/admin/users/${encodeURIComponent(userId)}/grants`, userSummarySchema, { facilityId, role }),
  revoke: (userId: string, facilityId: string | null, role: Role) =>
    api.post(`/api/admin/users/${encodeURIComponent(userId)}/revocations`, userSummarySchema, { facilityId, role }),
  unlock: (userId: string) => api.post(`/api/admin/users/${encodeURIComponent(userId)}/unlock`, userSummarySchema),
};
