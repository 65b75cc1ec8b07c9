import { CONSENT_KINDS, CONSENT_VERSIONS } from '@vuonxa/core';
import type { PatientProfile, RemoteCareCondition, Visit } from '@vuonxa/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { createTranslator } from '../../i18n/i18n';
import {
  REFUSAL_REASONS,
  changeability,
  consentTextKeys,
  consentView,
  distinctById,
  formatClock,
  formatVnd,
  groupByDay,
  groupByOffer,
  groupConditions,
  missingConsents,
  nextVisit,
  refusalOf,
  resendDelaySeconds,
  secondsLeft,
  splitVisits,
  ticketPhase,
} from './homecare-logic';

// The unit project runs with TZ=UTC: local days are UTC days here.

const profile = (over: Partial<PatientProfile> = {}): PatientProfile => ({
  phone: '0912345678',
  displayName: 'Lò Thị Mai',
  people: [],
  consents: [],
  consentsInForce: { remote_care: false, data_processing: false },
  consentVersions: { remote_care: '2026-11', data_processing: '2026-11' },
  ...over,
});

const visit = (over: Partial<Visit> = {}): Visit => ({
  id: 'v1',
  kind: 'scheduled',
  state: 'booked',
  patient: { id: 'p1', name: 'Lò Thị Mai', birthDate: '1990-01-01' },
  practitioner: { id: 'd1', name: 'BS. Minh' },
  walkInId: null,
  facility: { id: 'f1', name: 'BV Điện Biên' },
  service: { id: 's1', name: 'Khám tim mạch', specialty: 'cardiology', feeVnd: 150000, insuranceCovered: true },
  condition: { no: 12, name: 'Tăng huyết áp' },
  reason: 'Đau đầu',
  startsAt: '2026-11-03T02:00:00Z',
  endsAt: '2026-11-03T02:15:00Z',
  changeableUntil: '2026-11-02T14:00:00Z',
  queueNumber: null,
  createdAt: '2026-11-01T00:00:00Z',
  ...over,
});

const NOW = Date.parse('2026-11-02T08:00:00Z');

describe('groupByDay', () => {
  it('groups by local day, days and times in order, leaving out items without a time', () => {
    const groups = groupByDay([
      { id: 'c', startsAt: '2026-11-03T09:00:00Z' },
      { id: 'a', startsAt: '2026-11-02T23:30:00Z' },
      { id: 'x', startsAt: null },
      { id: 'b', startsAt: '2026-11-03T00:30:00Z' },
      { id: 'bad', startsAt: 'not a date' },
    ]);
    expect(groups.map((g) => [g.day, g.items.map((i) => i.id)])).toEqual([
      ['2026-11-02', ['a']],
      ['2026-11-03', ['b', 'c']],
    ]);
  });
});

describe('groupByOffer', () => {
  const slot = (id: string, doctor: string, service: string, startsAt: string) => ({
    id,
    startsAt,
    practitioner: { id: doctor, name: doctor },
    service: { id: service, name: service },
  });

  it('puts one doctor-and-service per group, in the order of their first free time', () => {
    const offers = groupByOffer([
      slot('1', 'd2', 's1', '2026-11-03T03:00:00Z'),
      slot('2', 'd1', 's1', '2026-11-03T02:00:00Z'),
      slot('3', 'd2', 's1', '2026-11-03T01:00:00Z'),
      slot('4', 'd2', 's2', '2026-11-03T04:00:00Z'),
    ]);
    expect(offers.map((o) => [o.key, o.slots.map((s) => s.id)])).toEqual([
      ['d2|s1', ['3', '1']],
      ['d1|s1', ['2']],
      ['d2|s2', ['4']],
    ]);
  });

  it('lists distinct doctors once each', () => {
    expect(distinctById([{ id: 'a' }, { id: 'b' }, { id: 'a' }]).map((d) => d.id)).toEqual(['a', 'b']);
  });
});

describe('refusalOf', () => {
  it.each([
    ['FORBIDDEN', 'condition_not_listed'],
    ['FORBIDDEN', 'outside_scope'],
    ['FORBIDDEN', 'consent_missing'],
    ['FORBIDDEN', 'not_your_patient'],
    ['CONFLICT', 'slot_taken'],
    ['CONFLICT', 'overlap'],
  ])('names %s %s with its own message', (code, reason) => {
    expect(refusalOf(new ApiError(403, code, '', { reason }), 'book')).toEqual({ reason, key: `refusal.${reason}` });
  });

  it('reads a 409 INVALID_STATE as a past slot when booking and as the cut-off when changing', () => {
    expect(refusalOf(new ApiError(409, 'INVALID_STATE', ''), 'book')?.reason).toBe('slot_past');
    expect(refusalOf(new ApiError(409, 'INVALID_STATE', '', { reason: 'cutoff_passed' }), 'change')?.reason).toBe('cutoff_passed');
    expect(refusalOf(new ApiError(409, 'INVALID_STATE', '', { reason: 'something_else' }), 'change')?.reason).toBe('not_changeable');
  });

  it('leaves other failures to the generic message', () => {
    expect(refusalOf(new ApiError(403, 'FORBIDDEN', ''), 'book')).toBeNull();
    expect(refusalOf(new ApiError(403, 'FORBIDDEN', '', { reason: 'slot_taken' }), 'book')).toBeNull();
    expect(refusalOf(new ApiError(409, 'CONFLICT', '', { reason: 'consent_missing' }), 'book')).toBeNull();
    expect(refusalOf(new ApiError(400, 'VALIDATION_FAILED', '', { reason: 'overlap' }), 'book')).toBeNull();
    expect(refusalOf(new Error('boom'), 'book')).toBeNull();
  });

  it('has a message for every reason in Vietnamese and English', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = createTranslator(locale);
      for (const reason of REFUSAL_REASONS) expect(t.has(`refusal.${reason}`), `${locale} ${reason}`).toBe(true);
    }
    expect(createTranslator('vi')('refusal.condition_not_listed')).toContain('Thông tư 30/2023/TT-BYT');
  });
});

describe('consents', () => {
  it('is in force with the time of the consent to the current wording', () => {
    const p = profile({
      consentsInForce: { remote_care: true, data_processing: false },
      consents: [
        { kind: 'remote_care', version: '2026-11', givenAt: '2026-11-01T03:00:00Z', withdrawnAt: null },
        { kind: 'remote_care', version: '2026-01', givenAt: '2026-02-01T03:00:00Z', withdrawnAt: null },
      ],
    });
    expect(consentView(p, 'remote_care')).toMatchObject({ state: 'in_force', givenAt: '2026-11-01T03:00:00Z', version: '2026-11' });
    expect(consentView(p, 'data_processing').state).toBe('never');
    expect(missingConsents(p)).toEqual(['data_processing']);
  });

  it('says withdrawn, or given to an older wording, when not in force', () => {
    const withdrawn = profile({
      consents: [{ kind: 'remote_care', version: '2026-11', givenAt: '2026-11-01T03:00:00Z', withdrawnAt: '2026-11-02T03:00:00Z' }],
    });
    expect(consentView(withdrawn, 'remote_care')).toMatchObject({ state: 'withdrawn', withdrawnAt: '2026-11-02T03:00:00Z' });
    const outdated = profile({
      consents: [{ kind: 'data_processing', version: '2025-06', givenAt: '2025-07-01T03:00:00Z', withdrawnAt: null }],
    });
    expect(consentView(outdated, 'data_processing')).toMatchObject({ state: 'outdated', previousVersion: '2025-06' });
  });

  it('trusts the server on what is in force even when the history is not newest first', () => {
    const p = profile({
      consentsInForce: { remote_care: false, data_processing: true },
      consents: [
        { kind: 'data_processing', version: '2026-11', givenAt: '2026-10-01T00:00:00Z', withdrawnAt: '2026-10-02T00:00:00Z' },
        { kind: 'data_processing', version: '2026-11', givenAt: '2026-10-05T00:00:00Z', withdrawnAt: null },
      ],
    });
    expect(consentView(p, 'data_processing')).toMatchObject({ state: 'in_force', givenAt: '2026-10-05T00:00:00Z' });
  });

  it('carries the text of every current consent version in Vietnamese and English', () => {
    for (const locale of ['vi', 'en'] as const) {
      const t = createTranslator(locale);
      for (const kind of CONSENT_KINDS) expect(consentTextKeys(t, kind, CONSENT_VERSIONS[kind]), `${locale} ${kind}`).not.toBeNull();
    }
  });

  it('offers no text for a version the app does not have', () => {
    expect(consentTextKeys(createTranslator('vi'), 'remote_care', '1999-01')).toBeNull();
  });
});

describe('visits', () => {
  it('may be changed only while booked, scheduled and before the cut-off', () => {
    expect(changeability(visit(), NOW)).toEqual({ ok: true, until: '2026-11-02T14:00:00Z' });
    expect(changeability(visit({ changeableUntil: '2026-11-02T08:00:00Z' }), NOW)).toMatchObject({ ok: false, why: 'cutoff_passed' });
    expect(changeability(visit({ state: 'cancelled' }), NOW)).toMatchObject({ ok: false, why: 'state' });
    expect(changeability(visit({ kind: 'walk_in' }), NOW)).toMatchObject({ ok: false, why: 'walk_in' });
    expect(changeability(visit({ changeableUntil: null }), NOW)).toMatchObject({ ok: false, why: 'no_deadline' });
  });

  it('shows a visit in progress first, else the soonest live one not yet over', () => {
    const soon = visit({ id: 'soon', startsAt: '2026-11-02T09:00:00Z', endsAt: '2026-11-02T09:15:00Z' });
    const later = visit({ id: 'later', startsAt: '2026-11-05T09:00:00Z', endsAt: '2026-11-05T09:15:00Z' });
    const over = visit({ id: 'over', startsAt: '2026-11-02T07:00:00Z', endsAt: '2026-11-02T07:15:00Z' });
    const cancelled = visit({ id: 'cancelled', state: 'cancelled', startsAt: '2026-11-02T08:30:00Z', endsAt: '2026-11-02T08:45:00Z' });
    expect(nextVisit([later, over, cancelled, soon], NOW)?.id).toBe('soon');
    const now = visit({ id: 'now', state: 'in_progress', startsAt: '2026-11-05T10:00:00Z', endsAt: '2026-11-05T10:15:00Z' });
    expect(nextVisit([soon, now], NOW)?.id).toBe('now');
    expect(nextVisit([over, cancelled], NOW)).toBeUndefined();
  });

  it('splits coming visits (soonest first) from past ones (latest first)', () => {
    const a = visit({ id: 'a', startsAt: '2026-11-04T02:00:00Z', endsAt: '2026-11-04T02:15:00Z' });
    const b = visit({ id: 'b', startsAt: '2026-11-03T02:00:00Z', endsAt: '2026-11-03T02:15:00Z' });
    const done = visit({ id: 'done', state: 'completed', startsAt: '2026-10-01T02:00:00Z' });
    const missed = visit({ id: 'missed', state: 'no_show', startsAt: '2026-10-20T02:00:00Z' });
    const { upcoming, past } = splitVisits([done, a, missed, b], NOW);
    expect(upcoming.map((v) => v.id)).toEqual(['b', 'a']);
    expect(past.map((v) => v.id)).toEqual(['missed', 'done']);
  });
});

describe('ticketPhase', () => {
  it('says "your turn" only once called with nobody ahead', () => {
    expect(ticketPhase({ state: 'in_progress', ahead: 0 })).toBe('your_turn');
    expect(ticketPhase({ state: 'in_progress', ahead: 2 })).toBe('waiting');
    expect(ticketPhase({ state: 'waiting', ahead: 0 })).toBe('next');
    expect(ticketPhase({ state: 'waiting', ahead: 3 })).toBe('waiting');
  });

  it('is over once seen or cancelled, which stops the polling', () => {
    for (const state of ['completed', 'cancelled', 'no_show', 'referred_emergency'] as const) {
      expect(ticketPhase({ state, ahead: 0 })).toBe('over');
    }
  });
});

describe('groupConditions', () => {
  const c = (
    no: number,
    name: string,
    specialty: RemoteCareCondition['specialty'],
    specialtyVi: string,
    codes: string[] = [],
    active = true,
  ) => ({
    no,
    name,
    specialty,
    specialtyVi,
    icd10Codes: codes,
    active,
  });
  const list: RemoteCareCondition[] = [
    c(12, 'Tăng huyết áp', 'cardiology', 'Tim mạch', ['I10']),
    c(3, 'Suy tim mạn', 'cardiology', 'Tim mạch', ['I50']),
    c(20, 'Đái tháo đường típ 2', 'endocrinology', 'Nội tiết', ['E11']),
    c(30, 'Trầm cảm', null, 'Sức khoẻ tâm thần', ['F32']),
    c(40, 'Bệnh đã bỏ khỏi danh mục', 'cardiology', 'Tim mạch', [], false),
  ];

  it('groups active conditions by specialty, groups by name and items by number', () => {
    const groups = groupConditions(list, '', 'vi');
    expect(groups.map((g) => [g.label, g.items.map((i) => i.no)])).toEqual([
      ['Nội tiết', [20]],
      ['Sức khoẻ tâm thần', [30]],
      ['Tim mạch', [3, 12]],
    ]);
  });

  it('finds by words without accents, by ICD-10 code and by number', () => {
    expect(groupConditions(list, 'tang huyet', 'vi').flatMap((g) => g.items.map((i) => i.no))).toEqual([12]);
    expect(groupConditions(list, 'e11', 'vi').flatMap((g) => g.items.map((i) => i.no))).toEqual([20]);
    expect(groupConditions(list, 'dai thao duong tip', 'vi').flatMap((g) => g.items.map((i) => i.no))).toEqual([20]);
    expect(groupConditions(list, 'bỏ khỏi', 'vi')).toEqual([]);
  });

  it('puts one specialty first when asked (a walk-in clinic) without hiding the others, and names specialties in English', () => {
    expect(groupConditions(list, '', 'vi', 'endocrinology').map((g) => g.label)).toEqual(['Nội tiết', 'Sức khoẻ tâm thần', 'Tim mạch']);
    expect(groupConditions(list, '', 'vi', 'cardiology').map((g) => g.label)).toEqual(['Tim mạch', 'Nội tiết', 'Sức khoẻ tâm thần']);
    const labels = groupConditions(list, '', 'en').map((g) => g.label);
    expect(labels).toContain('Cardiology');
    expect(labels).toContain('Sức khoẻ tâm thần');
  });
});

describe('formatting', () => {
  it('writes fees in đồng, free as null', () => {
    expect(formatVnd(150000, 'vi')?.replace(/\s/g, ' ')).toBe('150.000 ₫');
    expect(formatVnd(150000, 'en')).toContain('150,000');
    expect(formatVnd(0, 'vi')).toBeNull();
  });

  it('counts down in whole seconds as a clock', () => {
    expect(formatClock(65)).toBe('1:05');
    expect(formatClock(0.2)).toBe('0:01');
    expect(formatClock(-3)).toBe('0:00');
    expect(secondsLeft(10_500, 10_000)).toBe(1);
    expect(secondsLeft(9_000, 10_000)).toBe(0);
  });

  it('lets a code be asked again after a minute, or sooner if it expires sooner', () => {
    expect(resendDelaySeconds(300)).toBe(60);
    expect(resendDelaySeconds(30)).toBe(30);
    expect(resendDelaySeconds(0)).toBe(1);
  });
});
