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
  /** The walk-in clinic of a ticket (its waiting screen), null for a booking. */
  walkInId: z.string().nullable(),
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

// ——— The visit (Official Dispatch 7946/BYT-KCB steps) ———

/** Red flags asked before any remote visit: any of them → advise emergency care, record it, end the visit. */
export const RED_FLAGS = [
  'chest_pain',
  'breathing_difficulty',
  'stroke_signs',
  'altered_consciousness',
  'severe_bleeding',
  'high_fever_infant',
  'suicidal_thoughts',
  'severe_abdominal_pain',
] as const;
export const visitStepsInputSchema = z.object({
  /** The doctor checked name, age, address and phone against the patient on screen. */
  identityConfirmed: z.boolean(),
  /** The patient (or parent) confirmed consent to this remote visit. */
  consentConfirmed: z.boolean(),
  redFlags: z.array(z.enum(RED_FLAGS)).max(RED_FLAGS.length),
  /** Required with any red flag: what the patient was told (go to emergency, call 115…). */
  emergencyAdvice: z.string().trim().max(2_000).optional(),
  channel: z.enum(['video', 'audio', 'message']).default('video'),
});
export const visitNoteSchema = z.object({
  complaint: z.string().trim().min(2).max(4_000),
  findings: z.string().trim().max(8_000).default(''),
  diagnoses: z
    .array(
      z.object({
        code: z.string().regex(/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/, 'An ICD-10 code'),
        kind: z.enum(['main', 'secondary']).default('main'),
      }),
    )
    .min(1)
    .max(10),
  advice: z.string().trim().max(4_000).default(''),
  followUp: z.object({ inDays: z.number().int().min(0).max(365).nullable(), instructions: z.string().trim().max(2_000).default('') }),
});
export type VisitNote = z.infer<typeof visitNoteSchema>;

export const visitDetailSchema = visitSchema.extend({
  roomId: z.string().nullable(),
  steps: z.object({
    identityConfirmedAt: z.string().nullable(),
    consentConfirmedAt: z.string().nullable(),
    triageAt: z.string().nullable(),
    redFlags: z.array(z.string()),
    emergencyAdvice: z.string().nullable(),
    channel: z.enum(['video', 'audio', 'message']).nullable(),
  }),
  note: visitNoteSchema.nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** What the caller may do now. */
  canConduct: z.boolean(),
  prescriptionId: z.string().nullable(),
  paymentId: z.string().nullable(),
});
export type VisitDetail = z.infer<typeof visitDetailSchema>;

export const visitMessageInputSchema = z.object({ text: z.string().trim().min(1).max(2_000) });
export const visitMessageSchema = z.object({ id: z.string(), userId: z.string(), name: z.string(), text: z.string(), at: z.string() });

// ——— E-prescription ———

export const prescriptionItemSchema = z.object({
  drug: z.string().trim().min(2).max(200),
  activeIngredient: z.string().trim().max(200).optional(),
  strength: z.string().trim().min(1).max(50),
  form: z.string().trim().min(2).max(50),
  dose: z.string().trim().min(1).max(100),
  route: z.enum(['oral', 'topical', 'inhalation', 'sublingual', 'rectal', 'ophthalmic', 'otic', 'nasal', 'transdermal']),
  frequency: z.string().trim().min(1).max(100),
  durationDays: z.number().int().min(1).max(90),
  quantity: z.number().positive().max(10_000),
  unit: z.string().trim().min(1).max(30),
  instructions: z.string().trim().max(500).optional(),
});
export const prescriptionInputSchema = z.object({
  items: z.array(prescriptionItemSchema).min(1).max(20),
  advice: z.string().trim().max(2_000).optional(),
});
export const prescriptionSchema = z.object({
  id: z.string(),
  code: z.string(),
  visitId: z.string(),
  issuedAt: z.string(),
  patient: z.object({ name: z.string(), birthDate: z.string(), sex: z.string(), insuranceNumber: z.string().nullable() }),
  practitioner: z.object({ name: z.string(), licenceNumber: z.string() }),
  facility: z.object({ name: z.string(), kcbCode: z.string() }),
  diagnoses: z.array(z.object({ code: z.string(), name: z.string().nullable() })),
  items: z.array(prescriptionItemSchema.extend({ ordinal: z.number() })),
  advice: z.string().nullable(),
});
export type Prescription = z.infer<typeof prescriptionSchema>;

// ——— Payment ———

export const paymentSchema = z.object({
  id: z.string(),
  visitId: z.string(),
  amountVnd: z.number(),
  insuranceCovered: z.boolean(),
  status: z.enum(['pending', 'paid', 'cancelled', 'not_required']),
  reference: z.string(),
  /** VietQR payload and its QR image (SVG) while pending. */
  qrPayload: z.string().nullable(),
  qrSvg: z.string().nullable(),
  bank: z.object({ bin: z.string(), accountNo: z.string(), accountName: z.string() }).nullable(),
  paidAt: z.string().nullable(),
  receiptNo: z.string().nullable(),
});
export type Payment = z.infer<typeof paymentSchema>;
/** What the bank (or its gateway) reports: a transfer with its reference and amount. */
export const bankNotificationSchema = z.object({
  reference: z.string().max(40),
  amountVnd: z.number().int().min(0),
  bankTxnId: z.string().min(4).max(64),
});
