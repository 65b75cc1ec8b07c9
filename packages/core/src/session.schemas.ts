import { z } from 'zod';

export const SESSION_STATES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export const sessionStateSchema = z.enum(SESSION_STATES);

/**
 * A live multi-site consultation session (phiên hội chẩn): scheduled by the hub coordinator with a chair, a
 * secretary, invited specialists and sites, and an agenda of one or more requests discussed in turn.
 */
export const sessionInputSchema = z
  .object({
    hubFacilityId: z.uuid(),
    title: z.string().trim().min(3).max(300),
    startsAt: z.iso.datetime({ offset: true }),
    durationMinutes: z
      .number()
      .int()
      .min(10)
      .max(8 * 60)
      .default(60),
    chairUserId: z.uuid(),
    secretaryUserId: z.uuid(),
    specialistIds: z.array(z.uuid()).max(30).default([]),
    /** Facilities invited as sites (their bridge sites join); the requesting facilities of the agenda are added. */
    siteFacilityIds: z.array(z.uuid()).max(30).default([]),
    consultIds: z.array(z.uuid()).min(1).max(20),
  })
  .refine((s) => s.chairUserId !== s.secretaryUserId, { path: ['secretaryUserId'], message: 'The secretary is not the chair' });
export type SessionInput = z.infer<typeof sessionInputSchema>;

const personRef = z.object({ id: z.string(), name: z.string() });

export const sessionSchema = z.object({
  id: z.string(),
  hub: z.object({ id: z.string(), name: z.string() }),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  state: sessionStateSchema,
  chair: personRef,
  secretary: personRef,
  /** The video room of the live-video capability; joins go through the server. */
  roomId: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  minutes: z.string(),
  agenda: z.array(
    z.object({
      consultId: z.string(),
      ref: z.string(),
      ordinal: z.number(),
      state: z.string(),
      urgency: z.string().nullable(),
      specialty: z.string().nullable(),
      requestingFacility: z.string(),
      discussedAt: z.string().nullable(),
      /** The patient's consent to the recording of this case's discussion, once recorded. */
      recordingConsent: z.object({ method: z.enum(['written', 'verbal']), recordedBy: personRef, recordedAt: z.string() }).nullable(),
    }),
  ),
  invites: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['specialist', 'site']),
      user: personRef.nullable(),
      facility: z.object({ id: z.string(), name: z.string() }).nullable(),
      response: z.enum(['pending', 'accepted', 'declined']),
    }),
  ),
  attendance: z.array(
    z.object({ user: personRef, facilityName: z.string().nullable(), joinedAt: z.string(), leftAt: z.string().nullable() }),
  ),
  myInviteId: z.string().nullable(),
  canManage: z.boolean(),
});
export type ConsultSession = z.infer<typeof sessionSchema>;

export const sessionListQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const sessionListItemSchema = sessionSchema
  .pick({ id: true, hub: true, title: true, startsAt: true, endsAt: true, state: true, chair: true })
  .extend({
    agendaCount: z.number(),
  });

export const inviteResponseSchema = z.object({ response: z.enum(['accepted', 'declined']) });
export const minutesSchema = z.object({ minutes: z.string().max(50_000) });
export const agendaDiscussedSchema = z.object({ consultId: z.uuid() });

/** The requesting site (or a host) records that the patient agreed to the recording of their case's discussion. */
export const recordingConsentInputSchema = z.object({ method: z.enum(['written', 'verbal']) });
export const recordingConsentSchema = z.object({
  consultId: z.string(),
  method: z.enum(['written', 'verbal']),
  recordedBy: personRef,
  recordedAt: z.string(),
});

/** A recording of a live session: the sound mix and each site's video, filed with the session record. */
export const sessionRecordingSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  startedBy: personRef,
  files: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['audio', 'video']),
      label: z.string(),
      contentType: z.string(),
      bytes: z.number(),
    }),
  ),
});
export type SessionRecording = z.infer<typeof sessionRecordingSchema>;
