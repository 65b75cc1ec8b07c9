import { z } from 'zod';
import { CONSULT_ACTIONS, CONSULT_STATES, CONSULT_TYPES, OUTCOMES, URGENCIES } from './consult.js';
import { patientSchema } from './patient.schemas.js';
import { specialtySchema } from './registry.schemas.js';
import { limitSchema, pageSchema } from './common.schemas.js';

export const consultTypeSchema = z.enum(CONSULT_TYPES);
export const urgencySchema = z.enum(URGENCIES);
export const consultStateSchema = z.enum(CONSULT_STATES);
export const consultActionSchema = z.enum(CONSULT_ACTIONS);
export const outcomeSchema = z.enum(OUTCOMES);

const text = (max: number) => z.string().trim().max(max);

/** Vital signs as measured at the site; every value optional, ranges wide enough for neonates and the critically ill. */
export const vitalsSchema = z.object({
  pulse: z.number().int().min(0).max(300).nullable().default(null),
  systolic: z.number().int().min(0).max(300).nullable().default(null),
  diastolic: z.number().int().min(0).max(200).nullable().default(null),
  temperature: z.number().min(25).max(45).nullable().default(null),
  respiratoryRate: z.number().int().min(0).max(120).nullable().default(null),
  spo2: z.number().int().min(0).max(100).nullable().default(null),
  weightKg: z.number().min(0).max(400).nullable().default(null),
  heightCm: z.number().min(0).max(260).nullable().default(null),
  glucoseMmol: z.number().min(0).max(100).nullable().default(null),
});
export type Vitals = z.infer<typeof vitalsSchema>;

export const clinicalSummarySchema = z.object({
  history: text(20_000).default(''),
  examination: text(20_000).default(''),
  vitals: vitalsSchema.default(vitalsSchema.parse({})),
  currentTreatment: text(10_000).default(''),
  testsDone: text(10_000).default(''),
});
export type ClinicalSummary = z.infer<typeof clinicalSummarySchema>;

export const diagnosisInputSchema = z.object({
  code: z.string().trim().min(3).max(8),
  /** Working (main) or differential diagnosis. */
  kind: z.enum(['working', 'differential']).default('working'),
  note: text(300).nullable().default(null),
});
export const diagnosisSchema = diagnosisInputSchema.extend({ nameVi: z.string(), nameEn: z.string().nullable() });
export type Diagnosis = z.infer<typeof diagnosisSchema>;

/**
 * A draft is saved with whatever is known; `submit` then checks completeness and names every missing field.
 * `facilityId` is the requesting facility (the caller must hold `consult.create` there).
 */
export const consultDraftSchema = z.object({
  facilityId: z.uuid(),
  siteId: z.uuid().nullable().default(null),
  type: consultTypeSchema.nullable().default(null),
  urgency: urgencySchema.nullable().default(null),
  specialty: specialtySchema.nullable().default(null),
  targetHubId: z.uuid().nullable().default(null),
  patientId: z.uuid().nullable().default(null),
  clinical: clinicalSummarySchema.default(clinicalSummarySchema.parse({})),
  question: text(5_000).default(''),
  diagnoses: z.array(diagnosisInputSchema).max(12).default([]),
});
export type ConsultDraft = z.infer<typeof consultDraftSchema>;

/** Updating sends the version read, so two people editing the same draft do not overwrite each other silently. */
export const consultUpdateSchema = consultDraftSchema.omit({ facilityId: true }).extend({ version: z.number().int().min(1) });
export type ConsultUpdate = z.infer<typeof consultUpdateSchema>;

const personRef = z.object({ id: z.string(), name: z.string() });
const facilityRef = z.object({ id: z.string(), name: z.string() });

export const attachmentSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'pdf', 'dicom', 'video']),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  caption: z.string().nullable(),
  hasThumbnail: z.boolean(),
  /** Image size, or for DICOM: studyUid, seriesUid, seriesDescription, seriesNumber, instanceNumber, modality, rows, columns. */
  meta: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  messageId: z.string().nullable(),
  addedBy: personRef,
  addedAt: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const consultOutcomeSchema = z.object({
  outcome: outcomeSchema,
  occurredOn: z.string(),
  note: z.string().nullable(),
  referredTo: facilityRef.nullable(),
  reportedBy: personRef,
  reportedAt: z.string(),
});

/** How the caller relates to this request; decides the actions offered. */
export const consultRoleSchema = z.enum(['requester', 'hub', 'specialist', 'participant']);

export const consultDetailSchema = z.object({
  id: z.string(),
  ref: z.string(),
  state: consultStateSchema,
  type: consultTypeSchema.nullable(),
  urgency: urgencySchema.nullable(),
  specialty: specialtySchema.nullable(),
  requestingFacility: facilityRef,
  siteId: z.string().nullable(),
  requester: personRef,
  targetHub: facilityRef.nullable(),
  patient: patientSchema.nullable(),
  clinical: clinicalSummarySchema,
  question: z.string(),
  diagnoses: z.array(diagnosisSchema),
  submittedAt: z.string().nullable(),
  responseDueAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  outcomeDueAt: z.string().nullable(),
  retainUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  assignments: z.array(personRef),
  attachments: z.array(attachmentSchema),
  /** The open question from the hub while the state is needs_info. */
  openQuestion: z.string().nullable(),
  declineReason: z.string().nullable(),
  sessions: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), state: z.string() })),
  report: z.object({ id: z.string(), version: z.number(), state: z.string() }).nullable(),
  outcome: consultOutcomeSchema.nullable(),
  myRoles: z.array(consultRoleSchema),
  actions: z.array(consultActionSchema),
});
export type ConsultDetail = z.infer<typeof consultDetailSchema>;

export const consultListItemSchema = z.object({
  id: z.string(),
  ref: z.string(),
  state: consultStateSchema,
  type: consultTypeSchema.nullable(),
  urgency: urgencySchema.nullable(),
  specialty: specialtySchema.nullable(),
  requestingFacility: facilityRef,
  targetHub: facilityRef.nullable(),
  patientName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  responseDueAt: z.string().nullable(),
  outcomeDueAt: z.string().nullable(),
  assignees: z.array(z.string()),
  updatedAt: z.string(),
  unread: z.number(),
});
export type ConsultListItem = z.infer<typeof consultListItemSchema>;

export const CONSULT_VIEWS = ['requested', 'assigned', 'hub', 'outcome_overdue', 'outcome_due'] as const;
export const consultListQuerySchema = z.object({
  /**
   * requested: by the caller's facilities; assigned: to the caller as specialist; hub: targeted at the caller's
   * hubs (any state but draft); outcome_overdue / outcome_due: concluded requests waiting for the site's outcome,
   * past or before their due date (requesting site and hub both see them).
   */
  view: z.enum(CONSULT_VIEWS).default('requested'),
  facilityId: z.uuid().optional(),
  state: consultStateSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const triageQueueQuerySchema = z.object({
  hubId: z.uuid(),
  specialty: specialtySchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: limitSchema,
});
export type TriageQueueQuery = z.infer<typeof triageQueueQuerySchema>;
/** A page of a hub's queue in its order, with how many wait in all and how many are past their response target. */
export const triageQueueSchema = pageSchema(consultListItemSchema).extend({
  waiting: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
});
export type TriageQueue = z.infer<typeof triageQueueSchema>;

/** One body per action; the server checks the actor and the state machine. */
export const consultTransitionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('submit') }),
  z.object({ action: z.literal('start_triage') }),
  z.object({ action: z.literal('request_info'), question: z.string().trim().min(5).max(5_000) }),
  z.object({ action: z.literal('provide_info'), answer: z.string().trim().min(2).max(5_000) }),
  z.object({ action: z.literal('accept'), specialistIds: z.array(z.uuid()).min(1).max(10) }),
  z.object({ action: z.literal('decline'), reason: z.string().trim().min(5).max(2_000) }),
  z.object({ action: z.literal('forward'), toHubId: z.uuid(), reason: z.string().trim().min(5).max(2_000) }),
  z.object({ action: z.literal('close') }),
  z.object({ action: z.literal('cancel'), reason: z.string().trim().min(5).max(2_000) }),
]);
export type ConsultTransition = z.infer<typeof consultTransitionSchema>;

export const assignSpecialistsSchema = z.object({ specialistIds: z.array(z.uuid()).min(1).max(10) });

export const consultEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: personRef.nullable(),
  action: z.string(),
  fromState: consultStateSchema.nullable(),
  toState: consultStateSchema,
  /** Reason, question, hub forwarded to… (identifiers and the text the actor wrote for the case team). */
  details: z.record(z.string(), z.unknown()),
});

export const messageInputSchema = z.object({
  body: z.string().trim().min(1).max(10_000),
  blobIds: z.array(z.uuid()).max(20).default([]),
});
export const messageSchema = z.object({
  id: z.string(),
  kind: z.enum(['message', 'info_request', 'info_response']),
  author: personRef.extend({ facilityName: z.string().nullable() }),
  body: z.string(),
  createdAt: z.string(),
  attachments: z.array(attachmentSchema),
  /** Who (other than the author) has read up to this message, and when. */
  readBy: z.array(personRef.extend({ at: z.string() })),
});
export type ConsultMessage = z.infer<typeof messageSchema>;

export const addAttachmentSchema = z.object({ blobId: z.uuid(), caption: z.string().trim().max(500).nullable().default(null) });

export const outcomeInputSchema = z.object({
  outcome: outcomeSchema,
  occurredOn: z.iso.date(),
  note: z.string().trim().max(5_000).nullable().default(null),
  referredToFacilityId: z.uuid().nullable().default(null),
});
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;

/** A specialist of a hub with a user account (`GET /api/facilities/:id/specialists`): to assign, chair, sign. */
export const hubSpecialistSchema = z.object({
  id: z.string(),
  name: z.string(),
  specialties: z.array(z.string()),
  onCallNow: z.boolean(),
});
export type HubSpecialist = z.infer<typeof hubSpecialistSchema>;
