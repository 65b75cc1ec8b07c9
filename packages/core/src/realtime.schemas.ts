import { z } from 'zod';
import { roomClientMessages, roomServerMessages } from './media.schemas.js';

export const NOTIFICATION_KINDS = [
  'consult.submitted',
  'consult.forwarded',
  'consult.info_requested',
  'consult.info_provided',
  'consult.accepted',
  'consult.declined',
  'consult.assigned',
  'consult.message',
  'consult.cancelled',
  'session.invited',
  'session.started',
  'visit.reminder',
  'visit.started',
  'report.sign_requested',
  'report.final',
  'outcome.reported',
  'outcome.overdue',
] as const;
export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);

/** In-app notification. No patient data: the reference and state only; the page loads the rest with rights checked. */
export const notificationSchema = z.object({
  id: z.string(),
  kind: notificationKindSchema,
  consultId: z.string().nullable(),
  sessionId: z.string().nullable(),
  /** A patient's visit at home (reminders, the doctor opening it). */
  visitId: z.string().nullable(),
  ref: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number() });
export const notificationReadSchema = z.object({ ids: z.array(z.uuid()).max(200).optional(), all: z.boolean().optional() });

/** Server → client messages on the one WebSocket (`/api/ws`). */
export const serverMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), userId: z.string() }),
  z.object({ type: z.literal('notification'), notification: notificationSchema }),
  /** Something changed on a request the user can see: refetch it. */
  z.object({ type: z.literal('consult.changed'), consultId: z.string() }),
  z.object({ type: z.literal('pong') }),
  ...roomServerMessages,
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** Client → server messages. */
export const clientMessageSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('ping') }), ...roomClientMessages]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
