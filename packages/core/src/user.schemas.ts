import { z } from 'zod';
import { phoneSchema } from './common.schemas.js';
import { localeSchema, roleSchema } from './roles.js';

export const userSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(z.object({ facilityId: z.string().nullable(), role: roleSchema })),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const createUserRequestSchema = z
  .object({
    displayName: z.string().trim().min(2).max(120),
    email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
    phone: phoneSchema.optional(),
    password: z.string().max(256),
    locale: localeSchema.default('vi'),
    facilityId: z.string().uuid().nullable(),
    role: roleSchema,
  })
  .refine((u) => u.email !== undefined || u.phone !== undefined, {
    message: 'Give an e-mail or a phone number',
    path: ['email'],
  });
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const grantRequestSchema = z.object({
  facilityId: z.string().uuid().nullable(),
  role: roleSchema,
});
export type GrantRequest = z.infer<typeof grantRequestSchema>;

export const userListQuerySchema = z.object({
  facilityId: z.string().uuid().optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;
