import { RED_FLAGS } from '@vuonxa/core';
import type { VisitDetail } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { createTranslator } from '../../i18n/i18n';
import {
  CARE_REFUSALS,
  CONSOLE_STEPS,
  bankName,
  careRefusalOf,
  checkNote,
  checkPrescription,
  checkRxRow,
  checkSteps,
  consoleSteps,
  controlledRefusalOf,
  currentStep,
  emptyRxRow,
  followUpDay,
  fromPickerKind,
  isRxField,
  messagesOpen,
  noteInputOf,
  noteValuesOf,
  patientAge,
  patientPhase,
  patientPollMs,
  paymentStatusKey,
  prescriptionInputOf,
  recordPerson,
  startOpensAt,
  stepsInputOf,
  stepsValuesOf,
  toPickerKind,
} from './visit-logic';
import type { NoteValues, RxRow, StepsValues } from './visit-logic';

// The unit project runs with TZ=UTC: local days are UTC days here.

const NOW = Date.parse('2026-11-02T09:00:00Z');
const HOUR = 3_600_000;

const visit = (over: Partial<VisitDetail> = {}): VisitDetail => ({
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

const TRIAGED = {
  identityConfirmedAt: '2026-11-02T09:50:00Z',
  consentConfirmedAt: '2026-11-02T09:50:00Z',
  triageAt: '2026-11-02T09:51:00Z',
  redFlags: [],
  emergencyAdvice: null,
  channel: 'video' as const,
};
const NOTE = {
  complaint: 'Đau đầu',
  findings: 'HA 165/95',
  diagnoses: [{ code: 'I10', kind: 'main' as const }],
  advice: 'Giảm muối',
  followUp: { inDays: 14, instructions: 'Đo huyết áp sáng, tối' },
};
const started = (over: Partial<VisitDetail> = {}) =>
  visit({ state: 'in_progress', canConduct: true, startedAt: '2026-11-02T09:45:00Z', roomId: 'vx-room', ...over });

describe('the patient’s age', () => {
  it('is in years from one year old and in months below', () => {
    expect(patientAge('1960-03-01', '2026-11-02')).toEqual({ years: 66 });
    expect(patientAge('2025-11-02', '2026-11-02')).toEqual({ years: 1 });
    expect(patientAge('2025-11-03', '2026-11-02')).toEqual({ months: 11 });
    expect(patientAge('2026-05-20', '2026-11-02')).toEqual({ months: 5 });
    expect(patientAge('2026-10-20', '2026-11-02')).toEqual({ months: 0 });
    expect(patientAge('unknown', '2026-11-02')).toBeNull();
  });
});

describe('the doctor’s steps', () => {
  it('offers only the start before the visit has started', () => {
    const s = consoleSteps(visit(), NOW, true);
    expect(s.start).toEqual({ done: false, available: true, why: null });
    for (const step of ['identity', 'triage', 'note', 'complete'] as const)
      expect(s[step]).toMatchObject({ available: false, why: 'not_started' });
    expect(s.video).toMatchObject({ available: false, why: 'not_started' });
    expect(currentStep(s)).toBe('start');
  });

  it('says why a viewer without visit.conduct cannot start', () => {
    expect(consoleSteps(visit(), NOW, false).start).toEqual({ done: false, available: false, why: 'not_yours' });
  });

  it('keeps the note and the end for after identity, consent and triage, as the server does', () => {
    const s = consoleSteps(started(), NOW, true);
    expect(s.start).toMatchObject({ done: true, available: false });
    expect(s.identity).toEqual({ done: false, available: true, why: null });
    expect(s.triage.available).toBe(true);
    expect(s.video).toMatchObject({ available: true });
    expect(s.note).toEqual({ done: false, available: false, why: 'steps_first' });
    expect(s.prescription).toMatchObject({ available: false, why: 'note_first' });
    expect(s.complete).toEqual({ done: false, available: false, why: 'steps_first' });
    expect(currentStep(s)).toBe('identity');
  });

  it('does not count triage without a confirmed identity or consent', () => {
    const s = consoleSteps(started({ steps: { ...TRIAGED, consentConfirmedAt: null } }), NOW, true);
    expect(s.triage.done).toBe(true);
    expect(s.identity.done).toBe(false);
    expect(s.note.why).toBe('steps_first');
  });

  it('opens the note after the steps, then the prescription and the end after the note', () => {
    const triaged = consoleSteps(started({ steps: TRIAGED }), NOW, true);
    expect(triaged.note).toEqual({ done: false, available: true, why: null });
    expect(triaged.complete.why).toBe('note_first');
    expect(currentStep(triaged)).toBe('video');
    const noted = consoleSteps(started({ steps: TRIAGED, note: NOTE }), NOW, true);
    expect(noted.prescription).toEqual({ done: false, available: true, why: null });
    expect(noted.complete).toEqual({ done: false, available: true, why: null });
    expect(noted.note).toEqual({ done: true, available: true, why: null });
  });

  it('locks the video without a room (a walk-in called but not started)', () => {
    const s = consoleSteps(visit({ kind: 'walk_in', state: 'in_progress', canConduct: true, startsAt: null }), NOW, true);
    expect(s.start.available).toBe(true);
    expect(s.video).toMatchObject({ available: false, why: 'no_room' });
  });

  it('lets the doctor prescribe for a day after the end, once', () => {
    const ended = (endedAt: string, over: Partial<VisitDetail> = {}) =>
      visit({ state: 'completed', steps: TRIAGED, note: NOTE, startedAt: '2026-11-02T07:00:00Z', endedAt, ...over });
    expect(consoleSteps(ended(new Date(NOW - 2 * HOUR).toISOString()), NOW, true).prescription.available).toBe(true);
    expect(consoleSteps(ended(new Date(NOW - 2 * HOUR).toISOString()), NOW, false).prescription.available).toBe(false);
    expect(consoleSteps(ended(new Date(NOW - 25 * HOUR).toISOString()), NOW, true).prescription).toEqual({
      done: false,
      available: false,
      why: 'too_late',
    });
    const issued = consoleSteps(ended(new Date(NOW - HOUR).toISOString(), { prescriptionId: 'rx1' }), NOW, true);
    expect(issued.prescription).toEqual({ done: true, available: false, why: null });
    expect(issued.complete.done).toBe(true);
    expect(issued.note).toMatchObject({ done: true, available: false });
    expect(currentStep(issued)).toBeNull();
  });

  it('locks everything after a red flag, saying why', () => {
    const s = consoleSteps(
      visit({ state: 'referred_emergency', steps: { ...TRIAGED, redFlags: ['chest_pain'] }, startedAt: '2026-11-02T09:45:00Z' }),
      NOW,
      true,
    );
    for (const step of CONSOLE_STEPS) expect(s[step].available, step).toBe(false);
    expect(s.note.why).toBe('emergency');
    expect(s.prescription.why).toBe('emergency');
    expect(s.complete.why).toBe('emergency');
  });

  it('leaves a visit in progress to its own doctor', () => {
    const s = consoleSteps(visit({ state: 'in_progress', canConduct: false, steps: TRIAGED, note: NOTE }), NOW, true);
    expect(s.identity.why).toBe('not_yours');
    expect(s.note.why).toBe('not_yours');
    expect(s.complete.why).toBe('not_yours');
  });

  it('tells when a booked visit’s room opens, 30 minutes before its time', () => {
    expect(startOpensAt(visit({ startsAt: '2026-11-02T10:00:00Z' }), NOW)).toBe('2026-11-02T09:30:00.000Z');
    expect(startOpensAt(visit({ startsAt: '2026-11-02T09:30:00Z' }), NOW)).toBeNull();
    expect(startOpensAt(visit({ startsAt: null, kind: 'walk_in', state: 'waiting' }), NOW)).toBeNull();
    expect(startOpensAt(visit({ state: 'in_progress' }), NOW)).toBeNull();
  });
});

describe('identity, consent and triage', () => {
  const base: StepsValues = { identityConfirmed: true, consentConfirmed: true, redFlags: [], emergencyAdvice: '', channel: 'video' };

  it('asks for identity and consent when the visit goes on', () => {
    expect(checkSteps(base)).toEqual({});
    expect(Object.keys(checkSteps({ ...base, identityConfirmed: false, consentConfirmed: false })).sort()).toEqual([
      'consentConfirmed',
      'identityConfirmed',
    ]);
  });

  it('requires the emergency advice with any red flag, and nothing else blocks the referral', () => {
    const flagged = { ...base, identityConfirmed: false, consentConfirmed: false, redFlags: ['stroke_signs' as const] };
    expect(checkSteps({ ...flagged, emergencyAdvice: '   ' })).toEqual({ emergencyAdvice: { key: 'care.triage.adviceRequired' } });
    expect(checkSteps({ ...flagged, emergencyAdvice: 'Gọi 115 ngay' })).toEqual({});
  });

  it('sends the advice only with a red flag, flags in the server’s order', () => {
    expect(stepsInputOf({ ...base, emergencyAdvice: 'leftover' })).toEqual({
      identityConfirmed: true,
      consentConfirmed: true,
      redFlags: [],
      channel: 'video',
    });
    const input = stepsInputOf({ ...base, redFlags: ['severe_bleeding', 'chest_pain'], emergencyAdvice: ' Gọi 115 ', channel: 'audio' });
    expect(input).toMatchObject({ redFlags: ['chest_pain', 'severe_bleeding'], emergencyAdvice: 'Gọi 115', channel: 'audio' });
  });

  it('starts from what was saved, ignoring flags it does not know', () => {
    const v = stepsValuesOf(visit({ steps: { ...TRIAGED, redFlags: ['chest_pain', 'unknown_flag'], channel: null } }));
    expect(v).toEqual({ identityConfirmed: true, consentConfirmed: true, redFlags: ['chest_pain'], emergencyAdvice: '', channel: 'video' });
  });

  it('names every red flag in Vietnamese and English', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = createTranslator(locale);
      for (const flag of RED_FLAGS) expect(t.has(`care.redFlag.${flag}`), `${locale} ${flag}`).toBe(true);
    }
    expect(createTranslator('vi')('care.redFlag.stroke_signs')).toContain('méo miệng');
  });
});

describe('the note', () => {
  const values: NoteValues = { ...noteValuesOf(null), complaint: 'Đau đầu', diagnoses: [{ code: 'I10', kind: 'main' }] };

  it('needs a complaint and a diagnosis, and a follow-up of 0 to 365 days when given', () => {
    expect(checkNote(values)).toEqual({});
    expect(Object.keys(checkNote(noteValuesOf(null))).sort()).toEqual(['complaint', 'diagnoses']);
    expect(Object.keys(checkNote({ ...values, followUpDays: '366' }))).toEqual(['followUp.inDays']);
    expect(Object.keys(checkNote({ ...values, followUpDays: '1.5' }))).toEqual(['followUp.inDays']);
    expect(checkNote({ ...values, followUpDays: '0' })).toEqual({});
  });

  it('sends an empty follow-up as null and trims the text', () => {
    expect(noteInputOf({ ...values, complaint: ' Đau đầu ', followUpDays: ' ' }).followUp).toEqual({ inDays: null, instructions: '' });
    expect(noteInputOf({ ...values, followUpDays: '14' }).followUp.inDays).toBe(14);
    expect(noteInputOf({ ...values, diagnoses: [{ code: 'I10', kind: 'main', nameVi: 'Tăng huyết áp' }] }).diagnoses).toEqual([
      { code: 'I10', kind: 'main' },
    ]);
  });

  it('round-trips a saved note', () => {
    expect(noteInputOf(noteValuesOf(NOTE))).toEqual(NOTE);
  });

  it('maps the picker’s working/differential to main/secondary', () => {
    expect(toPickerKind('main')).toBe('working');
    expect(fromPickerKind(toPickerKind('secondary'))).toBe('secondary');
  });
});

describe('the prescription', () => {
  const row: RxRow = {
    ...emptyRxRow('a'),
    drug: 'Amlodipin 5mg',
    strength: '5 mg',
    form: 'viên nén',
    dose: '1 viên',
    frequency: '1 lần/ngày',
    durationDays: '30',
    quantity: '30',
    unit: 'viên',
  };

  it('refuses on the field what the server refuses', () => {
    expect(checkRxRow(row, 0)).toEqual({});
    expect(Object.keys(checkRxRow(emptyRxRow('b'), 2)).sort()).toEqual([
      'items.2.dose',
      'items.2.drug',
      'items.2.durationDays',
      'items.2.form',
      'items.2.frequency',
      'items.2.quantity',
      'items.2.strength',
      'items.2.unit',
    ]);
    expect(checkRxRow({ ...row, drug: 'A' }, 0)).toEqual({ 'items.0.drug': { key: 'care.form.tooShort', params: { min: 2 } } });
    expect(Object.keys(checkRxRow({ ...row, durationDays: '91' }, 0))).toEqual(['items.0.durationDays']);
    expect(Object.keys(checkRxRow({ ...row, quantity: '0' }, 0))).toEqual(['items.0.quantity']);
    expect(checkRxRow({ ...row, quantity: '0,5' }, 0)).toEqual({});
  });

  it('checks every row and the number of rows', () => {
    expect(Object.keys(checkPrescription([row, { ...row, unit: '' }], ''))).toEqual(['items.1.unit']);
    expect(checkPrescription([], '')).toEqual({ items: { key: 'rx.itemsRequired' } });
  });

  it('sends numbers as numbers and leaves out empty optional fields', () => {
    const input = prescriptionInputOf([{ ...row, quantity: '0,5', activeIngredient: ' ', instructions: ' Sau ăn ' }], '  ');
    expect(input).toEqual({
      items: [
        {
          drug: 'Amlodipin 5mg',
          strength: '5 mg',
          form: 'viên nén',
          dose: '1 viên',
          route: 'oral',
          frequency: '1 lần/ngày',
          durationDays: 30,
          quantity: 0.5,
          unit: 'viên',
          instructions: 'Sau ăn',
        },
      ],
    });
    expect(prescriptionInputOf([row], 'Tái khám sau 2 tuần').advice).toBe('Tái khám sau 2 tuần');
  });

  it('knows which server fields the form shows', () => {
    expect(isRxField('items.3.quantity')).toBe(true);
    expect(isRxField('advice')).toBe(true);
    expect(isRxField('items.0.bogus')).toBe(false);
    expect(isRxField('visitId')).toBe(false);
  });

  it('finds the row of a controlled substance', () => {
    const refused = new ApiError(403, 'FORBIDDEN', '', { reason: 'controlled_substance', field: 'items.1.drug', class: 'narcotic' });
    expect(controlledRefusalOf(refused)).toEqual({ field: 'items.1.drug', index: 1, drugClass: 'narcotic' });
    expect(controlledRefusalOf(new ApiError(403, 'FORBIDDEN', '', { reason: 'not_the_doctor' }))).toBeNull();
    expect(controlledRefusalOf(new Error('x'))).toBeNull();
  });
});

describe('refusals of the visit’s steps', () => {
  it('explains the server’s reasons, with when the room opens', () => {
    expect(careRefusalOf(new ApiError(409, 'INVALID_STATE', '', { reason: 'too_early', opensAt: '2026-11-02T09:30:00Z' }))).toEqual({
      reason: 'too_early',
      key: 'care.refusal.too_early',
      opensAt: '2026-11-02T09:30:00Z',
    });
    expect(careRefusalOf(new ApiError(409, 'CONFLICT', '', { reason: 'already_prescribed' }))?.reason).toBe('already_prescribed');
    expect(careRefusalOf(new ApiError(403, 'FORBIDDEN', '', { reason: 'outside_scope' }))?.key).toBe('care.refusal.outside_scope');
  });

  it('leaves other failures to the generic message', () => {
    expect(careRefusalOf(new ApiError(409, 'INVALID_STATE', '', { reason: 'something_new' }))).toBeNull();
    expect(careRefusalOf(new ApiError(400, 'VALIDATION_FAILED', '', { reason: 'note_missing' }))).toBeNull();
    expect(careRefusalOf(new ApiError(403, 'FORBIDDEN', '', { reason: 'controlled_substance' }))).toBeNull();
  });

  it('has words for every reason in Vietnamese and English', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = createTranslator(locale);
      for (const r of CARE_REFUSALS) expect(t.has(`care.refusal.${r}`), `${locale} ${r}`).toBe(true);
    }
  });
});

describe('the patient’s side', () => {
  it('follows the visit from waiting to the room to the outcome', () => {
    expect(patientPhase(visit())).toBe('before');
    expect(patientPhase(visit({ state: 'in_progress' }))).toBe('called');
    expect(patientPhase(visit({ state: 'in_progress', roomId: 'vx-1' }))).toBe('in_room');
    expect(patientPhase(visit({ state: 'completed' }))).toBe('done');
    expect(patientPhase(visit({ state: 'referred_emergency' }))).toBe('emergency');
    expect(patientPhase(visit({ state: 'no_show' }))).toBe('over');
  });

  it('polls often while the visit may start, slowly while a prescription may come, never after', () => {
    expect(patientPollMs(visit(), NOW)).toBe(10_000);
    expect(patientPollMs(visit({ state: 'completed', endedAt: new Date(NOW - HOUR).toISOString() }), NOW)).toBe(60_000);
    expect(patientPollMs(visit({ state: 'completed', endedAt: new Date(NOW - HOUR).toISOString(), prescriptionId: 'rx' }), NOW)).toBeNull();
    expect(patientPollMs(visit({ state: 'completed', endedAt: new Date(NOW - 30 * HOUR).toISOString() }), NOW)).toBeNull();
    expect(patientPollMs(visit({ state: 'cancelled' }), NOW)).toBeNull();
  });

  it('closes the messages once the visit has ended', () => {
    expect(messagesOpen(visit({ state: 'in_progress' }))).toBe(true);
    expect(messagesOpen(visit({ state: 'completed' }))).toBe(false);
    expect(messagesOpen(visit({ state: 'referred_emergency' }))).toBe(false);
  });

  it('dates the follow-up from the end of the visit, on the local calendar', () => {
    expect(followUpDay('2026-11-02T16:30:00Z', 14)).toBe('2026-11-16');
    expect(followUpDay(null, 14)).toBeNull();
    expect(followUpDay('2026-11-02T16:30:00Z', null)).toBeNull();
  });
});

describe('payment', () => {
  it('says insurance when nothing is due because insurance covers it', () => {
    expect(paymentStatusKey({ status: 'pending', insuranceCovered: true })).toBe('pay.status.pending');
    expect(paymentStatusKey({ status: 'not_required', insuranceCovered: true })).toBe('pay.status.insured');
    expect(paymentStatusKey({ status: 'not_required', insuranceCovered: false })).toBe('pay.status.not_required');
    expect(createTranslator('vi')(paymentStatusKey({ status: 'paid', insuranceCovered: false }))).toBe('Đã thanh toán');
  });

  it('names common banks by BIN and no others', () => {
    expect(bankName('970418')).toBe('BIDV');
    expect(bankName('970436')).toBe('Vietcombank');
    expect(bankName('000000')).toBeNull();
  });
});

describe('the record', () => {
  const people = [
    { patientId: 'child', relation: 'child' as const },
    { patientId: 'me', relation: 'self' as const },
  ];
  it('shows the person asked for when the account acts for them, else the holder', () => {
    expect(recordPerson(people, 'child')?.patientId).toBe('child');
    expect(recordPerson(people, 'someone-else')?.patientId).toBe('me');
    expect(recordPerson(people, null)?.patientId).toBe('me');
    expect(recordPerson([people[0]!], null)?.patientId).toBe('child');
    expect(recordPerson([], null)).toBeNull();
  });
});
