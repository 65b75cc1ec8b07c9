import { RED_FLAGS } from '@vuonxa/core';
import type { VisitDetail } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/i18n';
import { HOUR, NOTE, NOW, TRIAGED, started, visit } from './visit.fixtures';
import { CONSOLE_STEPS, checkSteps, consoleSteps, currentStep, patientAge, startOpensAt, stepsInputOf, stepsValuesOf } from './visit-steps';
import type { StepsValues } from './visit-steps';

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
