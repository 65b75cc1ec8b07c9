import type { VisitDetail } from '@vuonxa/core';

// Shared by the visit logic's unit tests (visit-steps, visit-note, patient-visit): a visit, its steps and its note
// as the server sends them.

/** "Now" in the tests: 09:00 UTC on the visit's day. */
export const NOW = Date.parse('2026-11-02T09:00:00Z');
/** An hour in milliseconds. */
export const HOUR = 3_600_000;

/** A booked visit at 10:00 with nothing done yet, changed by `over`. */
export const visit = (over: Partial<VisitDetail> = {}): VisitDetail => ({
  id: 'v1',
  kind: 'scheduled',
  state: 'booked',
  patient: { id: 'p1', name: 'Trần Văn Khám', birthDate: '1960-03-01' },
  practitioner: { id: 'd1', name: 'BS. Minh' },
  facility: { id: 'f1', name: 'Bệnh viện Bạch Mai' },
  service: { id: 's1', name: 'Khám tim mạch từ xa', specialty: 'cardiology', feeVnd: 150_000, insuranceCovered: false },
  condition: { no: 16, name: 'Tăng huyết áp' },
  reason: 'Huyết áp cao buổi sáng',
  startsAt: '2026-11-02T10:00:00Z',
  endsAt: '2026-11-02T10:20:00Z',
  changeableUntil: null,
  queueNumber: null,
  walkInId: null,
  createdAt: '2026-10-30T08:00:00Z',
  roomId: null,
  steps: { identityConfirmedAt: null, consentConfirmedAt: null, triageAt: null, redFlags: [], emergencyAdvice: null, channel: null },
  note: null,
  startedAt: null,
  endedAt: null,
  canConduct: false,
  prescriptionId: null,
  paymentId: null,
  ...over,
});

/** Identity, consent and triage recorded, no red flag. */
export const TRIAGED = {
  identityConfirmedAt: '2026-11-02T09:50:00Z',
  consentConfirmedAt: '2026-11-02T09:50:00Z',
  triageAt: '2026-11-02T09:51:00Z',
  redFlags: [],
  emergencyAdvice: null,
  channel: 'video' as const,
};
/** A saved note with a follow-up in 14 days. */
export const NOTE = {
  complaint: 'Đau đầu',
  findings: 'HA 165/95',
  diagnoses: [{ code: 'I10', kind: 'main' as const }],
  advice: 'Giảm muối',
  followUp: { inDays: 14, instructions: 'Đo huyết áp sáng, tối' },
};
/** A visit in progress with its room, conducted by the viewer. */
export const started = (over: Partial<VisitDetail> = {}) =>
  visit({ state: 'in_progress', canConduct: true, startedAt: '2026-11-02T09:45:00Z', roomId: 'vx-room', ...over });
