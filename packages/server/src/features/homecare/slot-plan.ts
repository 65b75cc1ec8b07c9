import type { ScheduleInput } from '@vuonxa/core';
import { LOCAL_OFFSET } from './visit-access.js';

/** "2026-12-01" + "08:30" in Vietnam time → the instant. */
function localInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00${LOCAL_OFFSET}`);
}

/** The ISO weekday (1 = Monday) of a calendar date. */
function isoWeekday(date: string): number {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function* days(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    yield new Date(t).toISOString().slice(0, 10);
}

/**
 * The slots a schedule makes: on each chosen weekday from `from` to `to` (holidays skipped), back to back from
 * `startTime` with `bufferMinutes` between them, each `slotMinutes` long, none ending after `endTime`, at most
 * `maxPerDay` a day, none in the past.
 */
export function planSlots(
  rule: Pick<ScheduleInput, 'from' | 'to' | 'weekdays' | 'startTime' | 'endTime' | 'bufferMinutes' | 'maxPerDay'> & { slotMinutes: number },
  holidays: ReadonlySet<string>,
  now: number,
): { slots: { startsAt: Date; endsAt: Date }[]; skippedHolidays: string[] } {
  const slots: { startsAt: Date; endsAt: Date }[] = [];
  const skippedHolidays: string[] = [];
  for (const day of days(rule.from, rule.to)) {
    if (!rule.weekdays.includes(isoWeekday(day))) continue;
    if (holidays.has(day)) {
      skippedHolidays.push(day);
      continue;
    }
    const end = localInstant(day, rule.endTime).getTime();
    let t = localInstant(day, rule.startTime).getTime();
    let n = 0;
    while (n < rule.maxPerDay && t + rule.slotMinutes * 60_000 <= end) {
      if (t > now) slots.push({ startsAt: new Date(t), endsAt: new Date(t + rule.slotMinutes * 60_000) });
      n += 1;
      t += (rule.slotMinutes + rule.bufferMinutes) * 60_000;
    }
  }
  return { slots, skippedHolidays };
}
