import { z } from 'zod';
import { limitSchema, phoneSchema } from './common.schemas.js';
import { specialtiesSchema, specialtySchema } from './registry.schemas.js';
import { localeSchema } from './roles.js';

// ── practitioners ───────────────────────────────────────────────────────────────────────────────────────
export const PROFESSIONS = [
  'doctor',
  'physician_assistant',
  'nurse',
  'midwife',
  'technician',
  'pharmacist',
  'traditional_medicine_practitioner',
  'other',
] as const;
export const AVAILABILITY = ['available', 'limited', 'unavailable'] as const;

export const practitionerMembershipSchema = z.object({
  facilityId: z.string().uuid(),
  position: z.string().trim().min(2).max(120),
});

export const practitionerInputSchema = z.object({
  fullName: z.string().trim().min(2).max(120),
  licenceNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9/.-]{4,40}$/, 'letters, digits, / . - (4–40)'),
  profession: z.enum(PROFESSIONS),
  scopeOfPractice: z.string().trim().min(3).max(2000),
  specialties: specialtiesSchema.default([]),
  languages: z
    .array(localeSchema)
    .min(1)
    .max(4)
    .default(['vi'])
    .transform((a) => [...new Set(a)]),
  email: z.string().trim().toLowerCase().pipe(z.email()).nullish(),
  phone: phoneSchema.nullish(),
  availability: z.enum(AVAILABILITY).default('available'),
  userId: z.string().uuid().nullish(),
  memberships: z.array(practitionerMembershipSchema).min(1).max(10),
});
export type PractitionerInput = z.infer<typeof practitionerInputSchema>;

export const practitionerSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  licenceNumber: z.string(),
  profession: z.enum(PROFESSIONS),
  scopeOfPractice: z.string(),
  specialties: z.array(specialtySchema),
  languages: z.array(localeSchema),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  availability: z.enum(AVAILABILITY),
  userId: z.string().nullable(),
  onCallNow: z.boolean(),
  memberships: z.array(
    z.object({ facilityId: z.string(), facilityName: z.string(), provinceName: z.string().nullable(), position: z.string() }),
  ),
});
export type Practitioner = z.infer<typeof practitionerSchema>;

export const practitionerQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  specialty: specialtySchema.optional(),
  facilityId: z.string().uuid().optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'two digits')
    .optional(),
  language: localeSchema.optional(),
  profession: z.enum(PROFESSIONS).optional(),
  onCall: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  cursor: z.string().max(300).optional(),
  limit: limitSchema,
});
export type PractitionerQuery = z.infer<typeof practitionerQuerySchema>;

// ── on call ─────────────────────────────────────────────────────────────────────────────────────────────
export const onCallShiftInputSchema = z
  .object({
    practitionerId: z.string().uuid(),
    facilityId: z.string().uuid(),
    specialty: specialtySchema,
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { path: ['endsAt'], message: 'must be after startsAt' });
export type OnCallShiftInput = z.infer<typeof onCallShiftInputSchema>;

export const onCallShiftSchema = z.object({
  id: z.string(),
  practitionerId: z.string(),
  practitionerName: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  specialty: specialtySchema,
  startsAt: z.string(),
  endsAt: z.string(),
});
export type OnCallShift = z.infer<typeof onCallShiftSchema>;
export const onCallQuerySchema = z.object({
  facilityId: z.string().uuid().optional(),
  specialty: specialtySchema.optional(),
  at: z.iso.datetime({ offset: true }).optional(),
});
