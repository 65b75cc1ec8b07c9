import {
  devSmsSchema,
  loginResponseSchema,
  otpRequestedSchema,
  patientProfileSchema,
  paymentSchema,
  prescriptionSchema,
  remoteCareConditionSchema,
  scheduleResultSchema,
  slotSchema,
  ticketSchema,
  visitDetailSchema,
  visitMessageSchema,
  visitSchema,
  visitServiceSchema,
  walkInSchema,
} from '@vuonxa/core';
import type {
  ConsentKind,
  Me,
  PersonInput,
  RED_FLAGS,
  prescriptionInputSchema,
  RELATIONS,
  ScheduleInput,
  SpecialtyCode,
  VisitNote,
} from '@vuonxa/core';
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

export type RedFlag = (typeof RED_FLAGS)[number];
export type VisitChannel = 'video' | 'audio' | 'message';

/** The body of `PUT /api/visits/:id/steps` (`visitStepsInputSchema`). */
export interface VisitStepsInput {
  identityConfirmed: boolean;
  consentConfirmed: boolean;
  redFlags: RedFlag[];
  emergencyAdvice?: string;
  channel: VisitChannel;
}

/** The body of `POST /api/visits/:id/prescription`. */
export type PrescriptionInput = z.infer<typeof prescriptionInputSchema>;
export type PrescriptionItemInput = PrescriptionInput['items'][number];

export type VisitMessage = z.infer<typeof visitMessageSchema>;

/** `GET /api/patient/record/:patientId`: what a person may see of their own record, and export. */
export const patientRecordSchema = z.object({
  patientId: z.string(),
  generatedAt: z.string(),
  visits: z.array(visitDetailSchema),
  prescriptions: z.array(prescriptionSchema),
  payments: z.array(paymentSchema),
  consultations: z.array(
    z.object({ id: z.string(), ref: z.string(), state: z.string(), specialty: z.string().nullable(), createdAt: z.string() }),
  ),
});
export type PatientRecord = z.infer<typeof patientRecordSchema>;

/**
 * The visit itself (Official Dispatch 7946/BYT-KCB): the doctor's steps, the messages both sides write when video
 * fails, the e-prescription, the VietQR payment and the patient's record.
 */
export const careApi = {
  /** The visit with its steps, note, room and what the caller may do (`canConduct`). */
  get: (visitId: string, signal?: AbortSignal) => api.get(`/api/visits/${id(visitId)}`, visitDetailSchema, { signal }),
  start: (visitId: string) => api.post(`/api/visits/${id(visitId)}/start`, visitDetailSchema),
  steps: (visitId: string, body: VisitStepsInput) => api.put(`/api/visits/${id(visitId)}/steps`, visitDetailSchema, body),
  note: (visitId: string, body: VisitNote) => api.put(`/api/visits/${id(visitId)}/note`, visitDetailSchema, body),
  complete: (visitId: string) => api.post(`/api/visits/${id(visitId)}/complete`, visitDetailSchema),
  messages: (visitId: string, signal?: AbortSignal) =>
    api.get(`/api/visits/${id(visitId)}/messages`, z.array(visitMessageSchema), { signal }),
  /** Answers the whole list, the new message last. */
  send: (visitId: string, text: string) => api.post(`/api/visits/${id(visitId)}/messages`, z.array(visitMessageSchema), { text }),
  prescribe: (visitId: string, body: PrescriptionInput) => api.post(`/api/visits/${id(visitId)}/prescription`, prescriptionSchema, body),
  prescription: (prescriptionId: string, signal?: AbortSignal) =>
    api.get(`/api/prescriptions/${id(prescriptionId)}`, prescriptionSchema, { signal }),
  /** 404 until the visit has ended (the payment request is made then). */
  payment: (visitId: string, signal?: AbortSignal) => api.get(`/api/visits/${id(visitId)}/payment`, paymentSchema, { signal }),
  /** DEMO ONLY (the server's test bank): "transfers" a pending payment's amount, as the patient's bank would. */
  testBankPay: (paymentId: string) => api.post(`/api/dev/test-bank/pay/${id(paymentId)}`, z.object({ status: z.string() })),
  record: (patientId: string, signal?: AbortSignal) => api.get(`/api/patient/record/${id(patientId)}`, patientRecordSchema, { signal }),
};

/** The printable prescription (PDF), opened in a new tab. */
export const prescriptionPdfHref = (prescriptionId: string) => `/api/prescriptions/${id(prescriptionId)}/pdf`;
/** The receipt of a paid visit (PDF). */
export const receiptPdfHref = (visitId: string) => `/api/visits/${id(visitId)}/receipt`;
/** The person's record as a file (`content-disposition: attachment`). */
export const recordDownloadHref = (patientId: string) => `/api/patient/record/${id(patientId)}?download=1`;
/** The live room of a visit (the doctor hosts; the patient waits in the lobby until let in). */
export const roomHref = (roomId: string) => `/rooms/${id(roomId)}`;
