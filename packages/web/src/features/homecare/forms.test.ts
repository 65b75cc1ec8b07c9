import { describe, expect, it } from 'vitest';
import { ageOn, checkPerson, EMPTY_PERSON, personInputOf } from './person-form';
import { checkSchedule, defaultSchedule, scheduleInputOf, weekdayName } from './schedule-form';
import { EMPTY_SERVICE, checkService, parseVnd, serviceInputOf } from './service-form';

const TODAY = '2026-11-02';

describe('person form', () => {
  it('requires a name, a past date of birth and a sex', () => {
    expect(Object.keys(checkPerson(EMPTY_PERSON, TODAY)).sort()).toEqual(['birthDate', 'fullName', 'sex']);
    const future = checkPerson({ ...EMPTY_PERSON, fullName: 'Lò Văn An', birthDate: '2027-01-01', sex: 'male' }, TODAY);
    expect(future).toEqual({ birthDate: { key: 'patient.form.birthDateRange' } });
  });

  it('checks the optional citizen ID and insurance number only when given', () => {
    const base = { ...EMPTY_PERSON, fullName: 'Lò Văn An', birthDate: '2019-05-01', sex: 'male' as const };
    expect(checkPerson(base, TODAY)).toEqual({});
    expect(Object.keys(checkPerson({ ...base, citizenId: '1234' }, TODAY))).toEqual(['citizenId']);
    expect(checkPerson({ ...base, insuranceNumber: 'dn 4010123456789' }, TODAY)).toEqual({});
    expect(Object.keys(checkPerson({ ...base, insuranceNumber: 'X12' }, TODAY))).toEqual(['insuranceNumber']);
  });

  it('sends trimmed values and leaves out empty optional fields', () => {
    const input = personInputOf({
      ...EMPTY_PERSON,
      fullName: '  Lò   Văn An ',
      birthDate: '2019-05-01',
      sex: 'male',
      insuranceNumber: 'dn 4010123456789',
      address: '  ',
    });
    expect(input).toEqual({ fullName: 'Lò Văn An', birthDate: '2019-05-01', sex: 'male', insuranceNumber: 'DN4010123456789' });
  });

  it('counts age in whole years, the birthday included', () => {
    expect(ageOn('2019-11-02', TODAY)).toBe(7);
    expect(ageOn('2019-11-03', TODAY)).toBe(6);
    expect(ageOn('garbage', TODAY)).toBeNull();
  });
});

describe('schedule form', () => {
  const valid = { ...defaultSchedule(TODAY), practitionerId: 'd1', serviceId: 's1' };

  it('starts with four weeks of weekday mornings that pass its own checks', () => {
    expect(valid.from).toBe(TODAY);
    expect(valid.to).toBe('2026-11-29');
    expect(valid.weekdays).toEqual([1, 2, 3, 4, 5]);
    expect(checkSchedule(valid)).toEqual({});
  });

  it('refuses what the server refuses, on the field the server names', () => {
    expect(checkSchedule({ ...valid, endTime: '08:00' })).toEqual({ endTime: { key: 'schedule.form.endAfterStart' } });
    expect(checkSchedule({ ...valid, to: '2026-11-01' })).toEqual({ to: { key: 'schedule.form.toAfterFrom' } });
    expect(checkSchedule({ ...valid, to: '2027-02-03' })).toEqual({ to: { key: 'schedule.form.tooLong' } });
    expect(checkSchedule({ ...valid, to: '2027-02-02' })).toEqual({});
    expect(checkSchedule({ ...valid, weekdays: [] })).toEqual({ weekdays: { key: 'schedule.form.weekdaysRequired' } });
    expect(Object.keys(checkSchedule({ ...valid, bufferMinutes: '61', maxPerDay: '0', slotMinutes: '4' })).sort()).toEqual([
      'bufferMinutes',
      'maxPerDay',
      'slotMinutes',
    ]);
  });

  it('sends numbers, sorted weekdays without repeats, and no slot length when left empty', () => {
    const input = scheduleInputOf({ ...valid, weekdays: [5, 1, 3, 1] }, 'f1');
    expect(input).toMatchObject({ facilityId: 'f1', weekdays: [1, 3, 5], bufferMinutes: 5, maxPerDay: 20, cancelCutoffHours: 12 });
    expect('slotMinutes' in input).toBe(false);
    expect(scheduleInputOf({ ...valid, slotMinutes: '20' }, 'f1').slotMinutes).toBe(20);
  });

  it('names ISO weekdays from Monday', () => {
    expect(weekdayName(1, 'en-GB', 'short')).toBe('Mon');
    expect(weekdayName(7, 'en-GB', 'long')).toBe('Sunday');
  });
});

describe('service form', () => {
  it('reads a fee written with thousands separators', () => {
    expect(parseVnd('150.000')).toBe(150000);
    expect(parseVnd('1,500,000')).toBe(1500000);
    expect(parseVnd('-5')).toBeNull();
    expect(parseVnd('')).toBeNull();
  });

  it('requires a name, a specialty, a length of 5 to 120 min and a fee up to 100 million đồng', () => {
    expect(Object.keys(checkService(EMPTY_SERVICE)).sort()).toEqual(['name', 'specialty']);
    const ok = { ...EMPTY_SERVICE, name: 'Khám tim mạch', specialty: 'cardiology' as const, feeVnd: '150.000' };
    expect(serviceInputOf(ok)).toEqual({
      name: 'Khám tim mạch',
      specialty: 'cardiology',
      durationMinutes: 15,
      feeVnd: 150000,
      insuranceCovered: false,
    });
    expect(Object.keys(checkService({ ...ok, durationMinutes: '121', feeVnd: '100.000.001' })).sort()).toEqual([
      'durationMinutes',
      'feeVnd',
    ]);
    expect(serviceInputOf({ ...ok, durationMinutes: '4' })).toBeNull();
  });
});
