import { describe, expect, it } from 'vitest';
import { EMPTY_CONSULT, checkDraft, draftBodyOf, formFieldOf, isConsultField, parseVital, updateBodyOf } from './consult-form';
import { consultHref, consultViewsFor, dueOf, spanUntil } from './consult-list';

const FACILITY = '7d0c7a8e-4b7e-4a53-9d43-0a4d8f6f1f11';

describe('consult form', () => {
  it('saves an empty draft with nulls, not empty strings', () => {
    const body = draftBodyOf(EMPTY_CONSULT, FACILITY);
    expect(body).toMatchObject({
      facilityId: FACILITY,
      type: null,
      urgency: null,
      specialty: null,
      targetHubId: null,
      patientId: null,
      question: '',
    });
    expect(body.clinical.vitals.pulse).toBeNull();
  });

  it('reads vitals typed with a decimal comma and rounds integer ones', () => {
    expect(parseVital(' 37,5 ')).toBe(37.5);
    expect(parseVital('')).toBeNull();
    expect(parseVital('abc')).toBe('invalid');
    const values = { ...EMPTY_CONSULT, vitals: { ...EMPTY_CONSULT.vitals, temperature: '38,2', pulse: '96.4' } };
    const body = updateBodyOf(values, 3);
    expect(body.version).toBe(3);
    expect(body.clinical.vitals).toMatchObject({ temperature: 38.2, pulse: 96 });
    expect('facilityId' in body).toBe(false);
  });

  it('names vitals that are not numbers or out of range by the server’s field names', () => {
    const values = { ...EMPTY_CONSULT, vitals: { ...EMPTY_CONSULT.vitals, spo2: '140', pulse: 'x', temperature: '37' } };
    expect(Object.keys(checkDraft(values)).sort()).toEqual(['clinical.vitals.pulse', 'clinical.vitals.spo2']);
  });

  it('places every field the server names on submit next to an input', () => {
    for (const f of [
      'type',
      'urgency',
      'specialty',
      'targetHubId',
      'patientId',
      'clinical.history',
      'question',
      'diagnoses',
      'diagnoses.0.code',
    ]) {
      expect(isConsultField(formFieldOf(f)), f).toBe(true);
    }
    expect(formFieldOf('clinical')).toBe('clinical.history');
    expect(isConsultField('siteId')).toBe(false);
  });

  it('sends a blank diagnosis note as null and drops the names', () => {
    const body = draftBodyOf({ ...EMPTY_CONSULT, diagnoses: [{ code: 'I63.9', kind: 'working', note: '  ', nameVi: 'x' }] }, FACILITY);
    expect(body.diagnoses).toEqual([{ code: 'I63.9', kind: 'working', note: null }]);
  });
});

describe('consult list', () => {
  it('shows the views that fit the user’s permissions', () => {
    expect(consultViewsFor(['consult.create'])).toEqual(['requested', 'outcome_overdue', 'outcome_due']);
    expect(consultViewsFor(['consult.answer'])).toEqual(['assigned']);
    expect(consultViewsFor(['consult.triage'])).toEqual(['hub', 'outcome_overdue', 'outcome_due']);
    expect(consultViewsFor(['facility.read'])).toEqual([]);
  });

  it('measures a waiting request against its response target and a concluded one against the outcome', () => {
    const base = { responseDueAt: '2026-01-05T09:00:00Z', outcomeDueAt: '2026-02-05T00:00:00Z' };
    expect(dueOf({ ...base, state: 'submitted' }, 'requested')).toEqual({ kind: 'response', at: base.responseDueAt });
    expect(dueOf({ ...base, state: 'concluded' }, 'requested')).toEqual({ kind: 'outcome', at: base.outcomeDueAt });
    expect(dueOf({ ...base, state: 'accepted' }, 'requested')).toBeNull();
  });

  it('says spans in the largest whole unit, overdue when past', () => {
    const now = Date.parse('2026-01-05T08:30:00Z');
    expect(spanUntil(new Date('2026-01-05T10:00:00Z'), now)).toEqual({ value: 1, unit: 'hour', overdue: false });
    expect(spanUntil(new Date('2026-01-05T08:00:00Z'), now)).toEqual({ value: 30, unit: 'minute', overdue: true });
    expect(spanUntil(new Date('2026-01-08T08:30:00Z'), now)).toEqual({ value: 3, unit: 'day', overdue: false });
  });

  it('opens a draft in its form and anything else on its page', () => {
    expect(consultHref({ id: 'a', state: 'draft' })).toBe('/consults/a/edit');
    expect(consultHref({ id: 'a', state: 'submitted' })).toBe('/consults/a');
  });
});
