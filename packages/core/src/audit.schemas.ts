import { z } from 'zod';
import { limitSchema } from './common.schemas.js';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export const auditOutcomeSchema = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

/**
 * Actions recorded in the audit trail. Reads and writes of personal data, sign-ins and rights changes
 * (Law 91/2025/QH15 on personal data; health data is sensitive).
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.totp_verified',
  'auth.totp_failed',
  'auth.totp_enrolled',
  'auth.totp_disabled',
  'auth.password_changed',
  'auth.account_locked',
  'user.read',
  'user.list',
  'user.create',
  'user.update',
  'membership.grant',
  'membership.revoke',
  'audit.search',
  'access.denied',
  'facility.create',
  'facility.update',
  'site.create',
  'site.update',
  'support_link.create',
  'support_link.end',
  'practitioner.read',
  'practitioner.list',
  'practitioner.create',
  'practitioner.update',
  'oncall.create',
  'registry.import',
  'registry.export',
  'patient.create',
  'patient.link',
  'patient.read',
  'patient.search',
  'patient.update',
  'consult.create',
  'consult.update',
  'consult.read',
  'consult.list',
  'consult.transition',
  'consult.assign',
  'consult.message',
  'consult.messages_read',
  'consult.attachment_add',
  'consult.attachment_remove',
  'consult.attachment_read',
  'consult.outcome',
  'upload.complete',
  'session.create',
  'session.read',
  'session.update',
  'report.draft',
  'report.read',
  'report.freeze',
  'report.sign',
  'report.sign_failed',
  'report.amend',
  'report.verify',
  'report.export',
  'room.join',
  'room.leave',
  'room.admit',
  'room.send_to_lobby',
  'room.remove',
  'room.record_start',
  'room.record_stop',
  'room.recording_consent',
  'recording.read',
  'recording.patient_consent',
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actingFacilityId: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: auditOutcomeSchema,
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEventView = z.infer<typeof auditEventSchema>;

export const auditQuerySchema = z
  .object({
    actorUserId: z.string().uuid().optional(),
    action: z.string().max(64).optional(),
    entityType: z.string().max(64).optional(),
    entityId: z.string().max(128).optional(),
    facilityId: z.string().uuid().optional(),
    outcome: auditOutcomeSchema.optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    cursor: z.string().max(64).optional(),
    limit: limitSchema,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
