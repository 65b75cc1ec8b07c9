import { describe, expect, it } from 'vitest';
import { planSlots } from './slot-plan.js';
import { normalizePhone } from './otp.service.js';
import { maskPhone } from './sms.js';

const rule = {
  from: '2026-12-07', // a Monday
  to: '2026-12-13',
  weekdays: [1, 3, 5],
  startTime: '08:00',
  endTime: '10:00',
  bufferMinutes: 10,
  maxPerDay: 20,
  slotMinutes: 20,
};
const now = Date.parse('2026-12-01T00:00:00Z');

describe('planSlots', () => {
  it('puts slots back to back with the buffer, in Vietnam time, on the chosen weekdays only', () => {
    const { slots } = planSlots(rule, new Set(), now);
    // 08:00, 08:30, 09:00, 09:30 (09:30 + 20 = 09:50 ≤ 10:00) on Mon, Wed, Fri.
    expect(slots).toHaveLength(12);
    expect(slots[0]!.startsAt.toISOString()).toBe('2026-12-07T01:00:00.000Z');
    expect(slots[1]!.startsAt.toISOString()).toBe('2026-12-07T01:30:00.000Z');
    expect(slots[3]!.endsAt.toISOString()).toBe('2026-12-07T02:50:00.000Z');
    expect(new Set(slots.map((s) => s.startsAt.toISOString().slice(0, 10)))).toEqual(new Set(['2026-12-07', '2026-12-09', '2026-12-11']));
  });

  it('never lets a slot run past the end time, caps a day at maxPerDay, and skips holidays', () => {
    const short = planSlots({ ...rule, endTime: '09:15' }, new Set(), now).slots;
    expect(short.filter((s) => s.startsAt.toISOString().startsWith('2026-12-07'))).toHaveLength(2); // 08:00, 08:30 (09:00+20 > 09:15)
    expect(planSlots({ ...rule, maxPerDay: 1 }, new Set(), now).slots).toHaveLength(3);
    const hol = planSlots(rule, new Set(['2026-12-09']), now);
    expect(hol.slots).toHaveLength(8);
    expect(hol.skippedHolidays).toEqual(['2026-12-09']);
  });

  it('leaves out slots already past', () => {
    const midMorning = Date.parse('2026-12-07T01:45:00Z'); // 08:45 in Hà Nội
    const { slots } = planSlots(rule, new Set(), midMorning);
    expect(slots[0]!.startsAt.toISOString()).toBe('2026-12-07T02:00:00.000Z');
    expect(slots).toHaveLength(10);
  });
});

describe('phones', () => {
  it('stores +84 numbers the national way and masks them in demo logs', () => {
    expect(normalizePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalizePhone('84912345678')).toBe('0912345678');
    expect(normalizePhone('0912.345.678')).toBe('0912345678');
    expect(normalizePhone('+85620123456')).toBe('+85620123456');
    expect(maskPhone('0912345678')).toBe('091•••5678');
  });
});
