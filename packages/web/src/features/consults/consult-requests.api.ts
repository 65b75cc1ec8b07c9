import { attachmentSchema, consultDetailSchema, consultListItemSchema, hubSuggestionSchema, pageSchema } from '@vuonxa/core';
import type { ConsultDraft, ConsultState, ConsultUpdate, SpecialtyCode } from '@vuonxa/core';
import { z } from 'zod';
import { api } from '../../api/client';
import type { ConsultView } from './consult-list';

const id = (value: string) => encodeURIComponent(value);
const consultPageSchema = pageSchema(consultListItemSchema);

/** The requesting side of remote consultation: lists, drafts, submission, attachments (docs/consult-api.md). */
export const consultRequestsApi = {
  list: (query: { view: ConsultView; state: ConsultState | ''; facilityId?: string | null }, cursor: string | null, signal?: AbortSignal) =>
    api.get('/api/consults', consultPageSchema, { query: { ...query, cursor, limit: 30 }, signal }),
  get: (consultId: string, signal?: AbortSignal) => api.get(`/api/consults/${id(consultId)}`, consultDetailSchema, { signal }),
  create: (body: ConsultDraft) => api.post('/api/consults', consultDetailSchema, body),
  update: (consultId: string, body: ConsultUpdate) => api.put(`/api/consults/${id(consultId)}`, consultDetailSchema, body),
  submit: (consultId: string) => api.post(`/api/consults/${id(consultId)}/transitions`, consultDetailSchema, { action: 'submit' }),
  addAttachment: (consultId: string, blobId: string, caption: string | null) =>
    api.post(`/api/consults/${id(consultId)}/attachments`, attachmentSchema, { blobId, caption }),
  removeAttachment: (consultId: string, attachmentId: string) =>
    api.delete(`/api/consults/${id(consultId)}/attachments/${id(attachmentId)}`),
  /** Hubs supporting the facility for a specialty, nearest first, with how many specialists are on call now. */
  hubs: (facilityId: string, specialty: SpecialtyCode, signal?: AbortSignal) =>
    api.get(`/api/facilities/${id(facilityId)}/hubs`, z.array(hubSuggestionSchema), { query: { specialty }, signal }),
};
