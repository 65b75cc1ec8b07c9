import { z } from 'zod';
import { phoneSchema } from './common.schemas.js';
import { citizenIdSchema, insuranceNumberSchema } from './patient.schemas.js';
import { SPECIALTY_CODES } from './specialties.js';

/**
 * Patients at home (issue 6): sign-in by one-time code, the people a patient acts for, consents, the legal list of
 * conditions (Circular 30/2023/TT-BYT), doctors' visit slots, bookings and the walk-in virtual clinic.
 */

// ——— Sign-in by one-time code ———

export const otpRequestSchema = z.object({ phone: phoneSchema });
export const otpVerifySchema = z.object({
  phone: phoneSchema,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'The 6-digit code from the SMS'),
});
export const otpRequestedSchema = z.object({
  expiresInSeconds: z.number(),
  /** Demo mode: the code is not sent; it shows on the dev inbox page (and in the server log). */
  devInbox: z.boolean(),
});
export const devSmsSchema = z.object({ to: z.string(), text: z.string(), at: z.string() });

// ——— The people a patient account acts for ———

export const RELATIONS = ['self', 'child', 'parent', 'spouse', 'other'] as const;
export const personInputSchema = z.object({
  fullName: z.string().trim().min(2).max(200),
  birthDate: z.iso.date(),
  sex: z.enum(['male', 'female', 'other']),
  citizenId: citizenIdSchema.optional(),
  insuranceNumber: insuranceNumberSchema.optional(),
  address: z.string().trim().max(300).optional(),
  provinceCode: z.string().max(8).optional(),
});
export type PersonInput = z.infer<typeof personInputSchema>;
export const dependantInputSchema = personInputSchema.extend({ relation: z.enum(RELATIONS).exclude(['self']) });

export const accountPersonSchema = z.object({
  patientId: z.string(),
  relation: z.enum(RELATIONS),
  fullName: z.string(),
  birthDate: z.string(),
  sex: z.enum(['male', 'female', 'other']),
  citizenId: z.string().nullable(),
  insuranceNumber: z.string().nullable(),
  address: z.string().nullable(),
  provinceCode: z.string().nullable(),
});
export type AccountPerson = z.infer<typeof accountPersonSchema>;

// ——— Consents ———

export const CONSENT_KINDS = ['remote_care', 'data_processing'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];
/** The current wording's version of each consent (the text lives in the web catalogs under this version). */
export const CONSENT_VERSIONS: Record<ConsentKind, string> = { remote_care: '2026-11', data_processing: '2026-11' };
export const consentInputSchema = z.object({ kind: z.enum(CONSENT_KINDS), version: z.string().max(20) });
export const consentSchema = z.object({
  kind: z.enum(CONSENT_KINDS),
  version: z.string(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
});

export const patientProfileSchema = z.object({
  phone: z.string().nullable(),
  displayName: z.string(),
  people: z.array(accountPersonSchema),
  /** Every consent given (the history), newest first. */
  consents: z.array(consentSchema),
  /** Whether each current consent is in force (given for the current version, not withdrawn). */
  consentsInForce: z.record(z.enum(CONSENT_KINDS), z.boolean()),
  consentVersions: z.record(z.enum(CONSENT_KINDS), z.string()),
});
export type PatientProfile = z.infer<typeof patientProfileSchema>;

// ——— The legal list (Circular 30/2023/TT-BYT) ———

export const remoteCareConditionSchema = z.object({
  no: z.number(),
  specialty: z.enum(SPECIALTY_CODES).nullable(),
  specialtyVi: z.string(),
  name: z.string(),
  icd10Codes: z.array(z.string()),
  active: z.boolean(),
});
export type RemoteCareCondition = z.infer<typeof remoteCareConditionSchema>;

// ——— Services, schedules, slots ———

export const visitServiceInputSchema = z.object({
  name: z.string().trim().min(3).max(200),
  specialty: z.enum(SPECIALTY_CODES),
  durationMinutes: z.number().int().min(5).max(120),
  /** The fee in đồng (VND), 0 for free. */
  feeVnd: z.number().int().min(0).max(100_000_000),
  insuranceCovered: z.boolean().default(false),
});
export const visitServiceSchema = visitServiceInputSchema.extend({
  id: z.string(),
  facility: z.object({ id: z.string(), name: z.string() }),
  active: z.boolean(),
});
export type VisitService = z.infer<typeof visitServiceSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time as HH:MM');
/**
 * A practitioner's published visit hours: on these weekdays between `from` and `to`, slots of the service's length
 * (or `slotMinutes`) with `bufferMinutes` between them, at most `maxPerDay` a day; a patient may cancel or move a
 * booking until `cancelCutoffHours` before it.
 */
export const scheduleInputSchema = z
  .object({
    practitionerId: z.uuid(),
    facilityId: z.uuid(),
    serviceId: z.uuid(),
    from: z.iso.date(),
    to: z.iso.date(),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    startTime: hhmm,
    endTime: hhmm,
    slotMinutes: z.number().int().min(5).max(120).optional(),
    bufferMinutes: z.number().int().min(0).max(60).default(5),
    maxPerDay: z.number().int().min(1).max(100).default(20),
    cancelCutoffHours: z.number().int().min(0).max(168).default(12),
  })
  .refine((s) => s.startTime < s.endTime, { path: ['endTime'], message: 'Ends after it starts' })
  .refine((s) => s.from <= s.to, { path: ['to'], message: 'Ends on or after the first day' })
  .refine((s) => (Date.parse(s.to) - Date.parse(s.from)) / 86_400_000 <= 92, { path: ['to'], message: 'At most three months at once' });
export type ScheduleInput = z.infer<typeof scheduleInputSchema>;
export const scheduleResultSchema = z.object({ id: z.string(), slots: z.number(), skippedHolidays: z.array(z.string()) });

export const holidayInputSchema = z.object({ date: z.iso.date(), name: z.string().trim().min(2).max(200) });

export const slotQuerySchema = z.object({
  serviceId: z.uuid().optional(),
  practitionerId: z.uuid().optional(),
  facilityId: z.uuid().optional(),
  specialty: z.enum(SPECIALTY_CODES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const slotSchema = z.object({
  id: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  practitioner: z.object({ id: z.string(), name: z.string() }),
  facility: z.object({ id: z.string(), name: z.string() }),
  service: z.object({ id: z.string(), name: z.string(), specialty: z.string(), feeVnd: z.number(), insuranceCovered: z.boolean() }),
});
export type Slot = z.infer<typeof slotSchema>;

// ——— Visits (bookings and walk-in tickets) ———

export const VISIT_STATES = ['booked', 'waiting', 'in_progress', 'completed', 'cancelled', 'no_show', 'referred_emergency'] as const;
export type VisitState = (typeof VISIT_STATES)[number];

export const bookingInputSchema = z.object({
  slotId: z.uuid(),
  patientId: z.uuid(),
  /** The item of the Circular 30 list this visit is for. */
  conditionNo: z.number().int().min(1),
  reason: z.string().trim().min(3).max(2_000),
});
export const rescheduleInputSchema = z.object({ slotId: z.uuid() });
export const cancelInputSchema = z.object({ reason: z.string().trim().max(500).optional() });

export const visitSchema = z.object({
  id: z.string(),
  kind: z.enum(['scheduled', 'walk_in']),
  state: z.enum(VISIT_STATES),
  patient: z.object({ id: z.string(), name: z.string(), birthDate: z.string() }),
  practitioner: z.object({ id: z.string(), name: z.string() }).nullable(),
  facility: z.object({ id: z.string(), name: z.string() }),
  service: z.object({ id: z.string(), name: z.string(), specialty: z.string(), feeVnd: z.number(), insuranceCovered: z.boolean() }),
  condition: z.object({ no: z.number(), name: z.string() }),
  reason: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  /** Until when the patient may still cancel or move it themselves. */
  changeableUntil: z.string().nullable(),
  queueNumber: z.number().nullable(),
  createdAt: z.string(),
});
export type Visit = z.infer<typeof visitSchema>;
export const visitListQuerySchema = z.object({
  scope: z.enum(['mine', 'practitioner', 'facility']).default('mine'),
  facilityId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ——— Walk-in virtual clinic ———

export const walkInOpenSchema = z.object({ serviceId: z.uuid(), practitionerIds: z.array(z.uuid()).min(1).max(20) });
export const walkInSchema = z.object({
  id: z.string(),
  facility: z.object({ id: z.string(), name: z.string() }),
  service: z.object({ id: z.string(), name: z.string(), specialty: z.string(), feeVnd: z.number() }),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  waiting: z.number(),
  /** Minutes a new arrival would wait (queue ahead × average visit length, over the doctors on duty). */
  expectedWaitMinutes: z.number(),
});
export type WalkIn = z.infer<typeof walkInSchema>;
export const ticketInputSchema = z.object({
  patientId: z.uuid(),
  conditionNo: z.number().int().min(1),
  reason: z.string().trim().min(3).max(2_000),
});
export const ticketSchema = z.object({
  visitId: z.string(),
  walkInId: z.string(),
  number: z.number(),
  state: z.enum(VISIT_STATES),
  /** People ahead of me (0: I am next or being seen). */
  ahead: z.number(),
  expectedWaitMinutes: z.number(),
});
export type Ticket = z.infer<typeof ticketSchema>;
