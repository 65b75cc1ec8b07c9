import type { ScheduleInput } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';
import { localIsoDate } from '../../i18n/format';

/** ISO weekdays, 1 = Monday … 7 = Sunday, as `scheduleInputSchema` has them. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The visit-hours form as typed: strings for the number boxes, '' for "the service's length". */
export interface ScheduleValues {
  practitionerId: string;
  serviceId: string;
  from: string;
  to: string;
  weekdays: number[];
  startTime: string;
  endTime: string;
  slotMinutes: string;
  bufferMinutes: string;
  maxPerDay: string;
  cancelCutoffHours: string;
}

export const SCHEDULE_FIELDS = [
  'practitionerId',
  'facilityId',
  'serviceId',
  'from',
  'to',
  'weekdays',
  'startTime',
  'endTime',
  'slotMinutes',
  'bufferMinutes',
  'maxPerDay',
  'cancelCutoffHours',
] as const;

/** At most three months at once, as the server's rule (92 days between the first and the last day). */
export const MAX_SCHEDULE_DAYS = 92;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Defaults: the next four weeks, Monday to Friday, 08:00–11:00, the server's own defaults for the rest. */
export function defaultSchedule(today: string = localIsoDate()): ScheduleValues {
  return {
    practitionerId: '',
    serviceId: '',
    from: today,
    to: addDays(today, 27),
    weekdays: [1, 2, 3, 4, 5],
    startTime: '08:00',
    endTime: '11:00',
    slotMinutes: '',
    bufferMinutes: '5',
    maxPerDay: '20',
    cancelCutoffHours: '12',
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function intIn(value: string, min: number, max: number): boolean {
  if (!/^\d+$/.test(value.trim())) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/**
 * Problems found before sending, by the server's field names, with the same rules as `scheduleInputSchema`
 * (said in the reader's language rather than the schema's English).
 *
 * @example
 * checkSchedule({ ...defaultSchedule('2026-11-02'), endTime: '07:00' }); // { endTime: { key: 'schedule.form.endAfterStart' }, … }
 */
export function checkSchedule(v: ScheduleValues): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (!v.practitionerId) found['practitionerId'] = { key: 'form.required' };
  if (!v.serviceId) found['serviceId'] = { key: 'form.required' };
  if (!DATE.test(v.from)) found['from'] = { key: 'form.required' };
  if (!DATE.test(v.to)) found['to'] = { key: 'form.required' };
  else if (DATE.test(v.from) && v.to < v.from) found['to'] = { key: 'schedule.form.toAfterFrom' };
  else if (DATE.test(v.from) && (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 > MAX_SCHEDULE_DAYS) {
    found['to'] = { key: 'schedule.form.tooLong' };
  }
  if (v.weekdays.length === 0) found['weekdays'] = { key: 'schedule.form.weekdaysRequired' };
  if (!TIME.test(v.startTime)) found['startTime'] = { key: 'form.required' };
  if (!TIME.test(v.endTime)) found['endTime'] = { key: 'form.required' };
  else if (TIME.test(v.startTime) && v.endTime <= v.startTime) found['endTime'] = { key: 'schedule.form.endAfterStart' };
  if (v.slotMinutes.trim() && !intIn(v.slotMinutes, 5, 120))
    found['slotMinutes'] = { key: 'schedule.form.range', params: { min: 5, max: 120 } };
  if (!intIn(v.bufferMinutes, 0, 60)) found['bufferMinutes'] = { key: 'schedule.form.range', params: { min: 0, max: 60 } };
  if (!intIn(v.maxPerDay, 1, 100)) found['maxPerDay'] = { key: 'schedule.form.range', params: { min: 1, max: 100 } };
  if (!intIn(v.cancelCutoffHours, 0, 168)) found['cancelCutoffHours'] = { key: 'schedule.form.range', params: { min: 0, max: 168 } };
  return found;
}

/** The API body from checked values; weekdays sorted without repeats, no `slotMinutes` for the service's length. */
export function scheduleInputOf(v: ScheduleValues, facilityId: string): ScheduleInput {
  const input: ScheduleInput = {
    practitionerId: v.practitionerId,
    facilityId,
    serviceId: v.serviceId,
    from: v.from,
    to: v.to,
    weekdays: [...new Set(v.weekdays)].sort((a, b) => a - b),
    startTime: v.startTime,
    endTime: v.endTime,
    bufferMinutes: Number(v.bufferMinutes),
    maxPerDay: Number(v.maxPerDay),
    cancelCutoffHours: Number(v.cancelCutoffHours),
  };
  if (v.slotMinutes.trim()) input.slotMinutes = Number(v.slotMinutes);
  return input;
}

/**
 * The weekday name of an ISO weekday in the reader's language, short ("T2", "Mon") for the chips.
 *
 * @example
 * weekdayName(1, 'en-GB', 'short'); // 'Mon'
 */
export function weekdayName(isoWeekday: number, intlLocale: string, width: 'short' | 'long'): string {
  // 2024-01-01 was a Monday.
  const date = new Date(Date.UTC(2024, 0, isoWeekday));
  return new Intl.DateTimeFormat(intlLocale, { weekday: width, timeZone: 'UTC' }).format(date);
}
