import { consultDetailSchema, consultEventSchema, hubSpecialistSchema, messageSchema, triageQueueSchema } from '@vuonxa/core';
import type { ConsultTransition, OutcomeInput, SpecialtyCode } from '@vuonxa/core';
import { z } from 'zod';
import { api } from '../../api/client';

const id = (value: string) => encodeURIComponent(value);
const noContent = z.unknown();

/** A specialist who can be assigned at a hub: the core schema under the name this feature uses. */
export { hubSpecialistSchema as specialistOptionSchema, type HubSpecialist as SpecialistOption } from '@vuonxa/core';

export type ConsultEvent = z.infer<typeof consultEventSchema>;

/** Remote case consultation (hội chẩn từ xa): see docs/consult-api.md. */
export const consultsApi = {
  get: (consultId: string, signal?: AbortSignal) => api.get(`/api/consults/${id(consultId)}`, consultDetailSchema, { signal }),
  transition: (consultId: string, body: ConsultTransition) =>
    api.post(`/api/consults/${id(consultId)}/transitions`, consultDetailSchema, body),
  assign: (consultId: string, specialistIds: string[]) =>
    api.put(`/api/consults/${id(consultId)}/assignments`, consultDetailSchema, { specialistIds }),
  events: (consultId: string, signal?: AbortSignal) =>
    api.get(`/api/consults/${id(consultId)}/events`, z.array(consultEventSchema), { signal }),
  messages: (consultId: string, signal?: AbortSignal) =>
    api.get(`/api/consults/${id(consultId)}/messages`, z.array(messageSchema), { signal }),
  postMessage: (consultId: string, body: string, blobIds: string[]) =>
    api.post(`/api/consults/${id(consultId)}/messages`, messageSchema, { body, blobIds }),
  markRead: (consultId: string) => api.post(`/api/consults/${id(consultId)}/read`, noContent),
  reportOutcome: (consultId: string, body: OutcomeInput) => api.post(`/api/consults/${id(consultId)}/outcome`, consultDetailSchema, body),
  /**
   * A page of a hub's triage queue in its order (emergency first, then longest waiting), with how many wait in
   * all and how many are overdue; `limit` defaults to the server's (50, at most 200).
   */
  queue: (hubId: string, specialty: SpecialtyCode | '', cursor: string | null, signal?: AbortSignal, limit?: number) =>
    api.get('/api/consults/queue', triageQueueSchema, { query: { hubId, specialty, cursor, limit }, signal }),
  specialists: (hubId: string, specialty: SpecialtyCode | null, signal?: AbortSignal) =>
    api.get(`/api/facilities/${id(hubId)}/specialists`, z.array(hubSpecialistSchema), { query: { specialty }, signal }),
};

/** Where an attachment's bytes and thumbnail are served. */
export const attachmentUrl = (attachmentId: string) => `/api/attachments/${id(attachmentId)}/content`;
export const thumbnailUrl = (attachmentId: string) => `/api/attachments/${id(attachmentId)}/thumbnail`;
