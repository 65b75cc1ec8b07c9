import {
  consultDetailSchema,
  consultListItemSchema,
  hubSpecialistSchema,
  pageSchema,
  recordingConsentSchema,
  sessionListItemSchema,
  sessionRecordingSchema,
  sessionSchema,
} from '@vuonxa/core';
import type { SessionInput } from '@vuonxa/core';
import { z } from 'zod';
import { api } from '../../api/client';

const id = (value: string) => encodeURIComponent(value);

export { hubSpecialistSchema, type HubSpecialist } from '@vuonxa/core';

const consultPageSchema = pageSchema(consultListItemSchema);
const recordingListSchema = z.object({ items: z.array(sessionRecordingSchema) });

/** Live consultation sessions (phiên hội chẩn) and what the scheduling form needs. */
export const sessionsApi = {
  list: (range: { from?: string; to?: string }, signal?: AbortSignal) =>
    api.get('/api/sessions', z.array(sessionListItemSchema), { query: range, signal }),
  get: (sessionId: string, signal?: AbortSignal) => api.get(`/api/sessions/${id(sessionId)}`, sessionSchema, { signal }),
  create: (body: SessionInput) => api.post('/api/sessions', sessionSchema, body),
  act: (sessionId: string, action: 'start' | 'end' | 'cancel' | 'join' | 'leave') =>
    api.post(`/api/sessions/${id(sessionId)}/${action}`, sessionSchema),
  respond: (sessionId: string, inviteId: string, response: 'accepted' | 'declined') =>
    api.post(`/api/sessions/${id(sessionId)}/invites/${id(inviteId)}/respond`, sessionSchema, { response }),
  saveMinutes: (sessionId: string, minutes: string) => api.put(`/api/sessions/${id(sessionId)}/minutes`, sessionSchema, { minutes }),
  discussed: (sessionId: string, consultId: string) => api.post(`/api/sessions/${id(sessionId)}/discussed`, sessionSchema, { consultId }),
  specialists: (hubId: string, signal?: AbortSignal) =>
    api.get(`/api/facilities/${id(hubId)}/specialists`, z.array(hubSpecialistSchema), { signal }),
  /** Requests accepted by the hub and waiting for a session. */
  acceptedConsults: (hubId: string, signal?: AbortSignal) =>
    api.get('/api/consults', consultPageSchema, { query: { view: 'hub', facilityId: hubId, state: 'accepted', limit: 100 }, signal }),
  consult: (consultId: string, signal?: AbortSignal) => api.get(`/api/consults/${id(consultId)}`, consultDetailSchema, { signal }),
  /** Records that the patient of an agenda case agreed to the recording of its discussion (once: 409 after). */
  recordingConsent: (sessionId: string, consultId: string, method: 'written' | 'verbal') =>
    api.post(`/api/sessions/${id(sessionId)}/agenda/${id(consultId)}/recording-consent`, recordingConsentSchema, { method }),
  recordings: (sessionId: string, signal?: AbortSignal) =>
    api.get(`/api/sessions/${id(sessionId)}/recordings`, recordingListSchema, { signal }),
  /** One recorded file, to play (`src` of `<audio>`/`<video>`) or download; the cookie session authorizes it. */
  recordingFileUrl: (sessionId: string, recordingId: string, fileId: string) =>
    `/api/sessions/${id(sessionId)}/recordings/${id(recordingId)}/files/${id(fileId)}`,
};
