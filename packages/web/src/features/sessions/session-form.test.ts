import { describe, expect, it } from 'vitest';
import { checkSessionForm, idsFromParam, localInputToOffsetIso, moveItem, nextFullHourInput, offsetSuffix } from './session-form';

describe('localInputToOffsetIso', () => {
  it('keeps the local time and adds the offset (UTC in the test run)', () => {
    expect(localInputToOffsetIso('2026-01-05T08:30')).toBe('2026-01-05T08:30:00+00:00');
  });

  it('refuses empty, malformed and impossible dates', () => {
    expect(localInputToOffsetIso('')).toBe('');
    expect(localInputToOffsetIso('05/01/2026 08:30')).toBe('');
    expect(localInputToOffsetIso('2026-02-30T08:30')).toBe('');
  });
});

describe('offsetSuffix', () => {
  it('writes east and west offsets', () => {
    expect(offsetSuffix(420)).toBe('+07:00');
    expect(offsetSuffix(-210)).toBe('-03:30');
    expect(offsetSuffix(345)).toBe('+05:45');
    expect(offsetSuffix(0)).toBe('+00:00');
  });
});

describe('nextFullHourInput', () => {
  it('rounds up to the next hour, across midnight', () => {
    expect(nextFullHourInput(new Date(2026, 0, 5, 8, 10))).toBe('2026-01-05T09:00');
    expect(nextFullHourInput(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-06T00:00');
  });
});

describe('moveItem', () => {
  it('moves up and down, and ignores a move past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('idsFromParam', () => {
  it('splits, trims and deduplicates', () => {
    expect(idsFromParam(['a,b', ' c ,a', ''])).toEqual(['a', 'b', 'c']);
  });
});

describe('checkSessionForm', () => {
  const ok = {
    hubFacilityId: 'h',
    title: 'Hội chẩn tim mạch',
    start: '2026-01-05T08:30',
    durationMinutes: 60,
    chairUserId: 'u1',
    secretaryUserId: 'u2',
    consultIds: ['c1'],
  };

  it('accepts a complete form', () => {
    expect(checkSessionForm(ok)).toEqual({});
  });

  it('names each problem by the server field', () => {
    expect(
      checkSessionForm({ ...ok, hubFacilityId: '', title: 'ab', start: '', durationMinutes: 5, secretaryUserId: 'u1', consultIds: [] }),
    ).toEqual({
      hubFacilityId: 'form.required',
      title: 'session.form.titleShort',
      startsAt: 'session.form.startInvalid',
      durationMinutes: 'session.form.durationInvalid',
      secretaryUserId: 'session.form.secretaryNotChair',
      consultIds: 'session.form.agendaRequired',
    });
  });
});
