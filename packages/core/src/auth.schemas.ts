import { z } from 'zod';
import { localeSchema, roleSchema } from './roles.js';
import { PERMISSIONS } from './policy.js';

/** E-mail or Vietnamese/international phone number, as typed at sign-in. */
export const identifierSchema = z.string().trim().min(3, 'Enter an e-mail or phone number').max(254);

export const loginRequestSchema = z.object({
  identifier: identifierSchema,
  password: z.string().min(1, 'Enter the password').max(256),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const totpCodeSchema = z.string().regex(/^\d{6}$/, 'A 6-digit code');
export const totpVerifyRequestSchema = z.object({ code: totpCodeSchema });
export type TotpVerifyRequest = z.infer<typeof totpVerifyRequestSchema>;

export const membershipViewSchema = z.object({
  facilityId: z.string().nullable(),
  facilityCode: z.string().nullable(),
  facilityName: z.string().nullable(),
  role: roleSchema,
});
export type MembershipView = z.infer<typeof membershipViewSchema>;

export const permissionSchema = z.enum(PERMISSIONS);

/** `GET /api/me`: who is signed in, where they act, and what they may do there. */
export const meSchema = z.object({
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    locale: localeSchema,
    totpEnabled: z.boolean(),
  }),
  memberships: z.array(membershipViewSchema),
  activeFacilityId: z.string().nullable(),
  permissions: z.array(permissionSchema),
  mfa: z.object({ required: z.boolean(), enrolled: z.boolean() }),
});
export type Me = z.infer<typeof meSchema>;

/**
 * Sign-in answers with the next step: done, a TOTP code is needed, or TOTP must be enrolled first
 * (mandatory for clinical roles when configured).
 */
export const loginResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), me: meSchema }),
  z.object({ status: z.literal('totp_required') }),
  z.object({ status: z.literal('totp_enrolment_required'), me: meSchema }),
]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const totpEnrolResponseSchema = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export type TotpEnrolResponse = z.infer<typeof totpEnrolResponseSchema>;

export const switchFacilityRequestSchema = z.object({ facilityId: z.string().uuid().nullable() });
export const updateLocaleRequestSchema = z.object({ locale: localeSchema });

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().max(256),
});

export const okSchema = z.object({ ok: z.literal(true) });
