import { z } from 'zod';

/** The roles of the platform. A user holds roles per facility through memberships. */
export const ROLES = [
  'system_admin',
  'facility_admin',
  'coordinator',
  'specialist',
  'clinician',
  'site_operator',
  'patient',
  'trainee',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that touch clinical data; two-factor sign-in can be made mandatory for them by configuration. */
export const CLINICAL_ROLES: readonly Role[] = ['coordinator', 'specialist', 'clinician'];

export const LOCALES = ['vi', 'en', 'lo', 'km'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;
