import {
  devSmsSchema,
  loginResponseSchema,
  otpRequestedSchema,
  patientProfileSchema,
  remoteCareConditionSchema,
  scheduleResultSchema,
  slotSchema,
  ticketSchema,
  visitSchema,
  visitServiceSchema,
  walkInSchema,
} from '@vuonxa/core';
import type { ConsentKind, Me, PersonInput, RELATIONS, ScheduleInput, SpecialtyCode } from '@vuonxa/core';
import { z } from 'zod';
import { ApiError, api } from '../../api/client';

const id = (value: string) => encodeURIComponent(value);

export type DependantRelation = Exclude<(typeof RELATIONS)[number], 'self'>;
export type VisitScope = 'mine' | 'practitioner' | 'facility';

/** Sign-in by a one-time code sent by SMS (public: the patient has no password). */
export const otpApi = {
  request: (phone: string) => api.post('/api/auth/otp/request', otpRequestedSchema, { phone }),
  /** Answers like the password sign-in's last step: `{ status: 'ok', me }` and the session cookie. */
  verify: async (phone: string, code: string): Promise<Me> => {
    const res = await api.post('/api/auth/otp/verify', loginResponseSchema, { phone, code });
    if (res.status !== 'ok') throw new ApiError(200, 'BAD_RESPONSE', 'Unexpected sign-in step');
    return res.me;
  },
  /** Demo mode only (404 otherwise): the SMS the server would have sent, newest first. */
  devInbox: (signal?: AbortSignal) => api.get('/api/dev/sms-inbox', z.array(devSmsSchema), { signal }),
};

/** The patient's own account: the people it acts for and the consents (`visit.book`). */
export const profileApi = {
  get: (signal?: AbortSignal) => api.get('/api/patient/profile', patientProfileSchema, { signal }),
  saveSelf: (body: PersonInput) => api.put('/api/patient/profile/self', patientProfileSchema, body),
  addDependant: (body: PersonInput & { relation: DependantRelation }) => api.post('/api/patient/dependants', patientProfileSchema, body),
  giveConsent: (kind: ConsentKind, version: string) => api.post('/api/patient/consents', patientProfileSchema, { kind, version }),
  withdrawConsent: (kind: ConsentKind) => api.deleteFor(`/api/patient/consents/${id(kind)}`, patientProfileSchema),
};

export interface SlotQuery {
  serviceId?: string;
  practitionerId?: string;
  facilityId?: string;
  specialty?: SpecialtyCode | null;
  from?: string;
  to?: string;
}

/** Reference lists any signed-in user reads: the legal list of conditions, services, open slots. */
export const referenceApi = {
  conditions: (signal?: AbortSignal) => api.get('/api/remote-care/conditions', z.array(remoteCareConditionSchema), { signal }),
  services: (query: { facilityId?: string; specialty?: string }, signal?: AbortSignal) =>
    api.get('/api/visit-services', z.array(visitServiceSchema), { query, signal }),
  slots: (query: SlotQuery, signal?: AbortSignal) => api.get('/api/slots', z.array(slotSchema), { query: { ...query }, signal }),
};

/** Bookings and visits, for the patient (`mine`), the doctor (`practitioner`) or the facility (`facility`). */
export const visitsApi = {
  book: (body: { slotId: string; patientId: string; conditionNo: number; reason: string }) => api.post('/api/visits', visitSchema, body),
  list: (query: { scope: VisitScope; facilityId?: string; from?: string; to?: string }, signal?: AbortSignal) =>
    api.get('/api/visits', z.array(visitSchema), { query: { ...query }, signal }),
  get: (visitId: string, signal?: AbortSignal) => api.get(`/api/visits/${id(visitId)}`, visitSchema, { signal }),
  cancel: (visitId: string, reason?: string) => api.post(`/api/visits/${id(visitId)}/cancel`, visitSchema, reason ? { reason } : {}),
  reschedule: (visitId: string, slotId: string) => api.post(`/api/visits/${id(visitId)}/reschedule`, visitSchema, { slotId }),
};

/** The walk-in virtual clinic: open clinics, tickets (patients); opening, closing, calling next (staff). */
export const walkInApi = {
  list: (query: { facilityId?: string }, signal?: AbortSignal) => api.get('/api/walk-ins', z.array(walkInSchema), { query, signal }),
  take: (walkInId: string, body: { patientId: string; conditionNo: number; reason: string }) =>
    api.post(`/api/walk-ins/${id(walkInId)}/tickets`, ticketSchema, body),
  ticket: (walkInId: string, visitId: string, signal?: AbortSignal) =>
    api.get(`/api/walk-ins/${id(walkInId)}/tickets/${id(visitId)}`, ticketSchema, { signal }),
  open: (facilityId: string, body: { serviceId: string; practitionerIds: string[] }) =>
    api.post(`/api/facilities/${id(facilityId)}/walk-ins`, walkInSchema, body),
  close: (walkInId: string) => api.post(`/api/walk-ins/${id(walkInId)}/close`, z.unknown()),
  next: (walkInId: string) => api.post(`/api/walk-ins/${id(walkInId)}/next`, visitSchema),
};

/** A facility's home-care offer: services and fees, published hours, holidays (`visit.conduct`, `visit.manage`). */
export const scheduleApi = {
  addService: (
    facilityId: string,
    body: { name: string; specialty: SpecialtyCode; durationMinutes: number; feeVnd: number; insuranceCovered: boolean },
  ) => api.post(`/api/facilities/${id(facilityId)}/visit-services`, visitServiceSchema, body),
  publish: (body: ScheduleInput) => api.post('/api/schedules', scheduleResultSchema, body),
  addHoliday: (facilityId: string, body: { date: string; name: string }) =>
    api.post(`/api/facilities/${id(facilityId)}/holidays`, z.unknown(), body),
};
