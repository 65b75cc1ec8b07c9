const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');

/**
 * A local date-time as typed in `<input type="datetime-local">` to an ISO instant that keeps the local
 * offset (`+07:00` in Việt Nam), '' when empty or invalid. The offset is the one in force at that date.
 *
 * @example
 * localInputToOffsetIso('2026-01-05T08:30'); // '2026-01-05T08:30:00+07:00' in Asia/Ho_Chi_Minh
 */
export function localInputToOffsetIso(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return '';
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  if (Number.isNaN(date.getTime()) || date.getMonth() !== mo - 1 || date.getDate() !== d) return '';
  return `${value}:00${offsetSuffix(-date.getTimezoneOffset())}`;
}

/** `+07:00` for 420 minutes east of UTC, `-03:30` for 210 west, `+00:00` for UTC. */
export function offsetSuffix(minutesEast: number): string {
  const sign = minutesEast < 0 ? '-' : '+';
  return `${sign}${pad(minutesEast / 60)}:${pad(minutesEast % 60)}`;
}

/** The time zone of this device for the hint under the start field, e.g. `Asia/Ho_Chi_Minh (UTC+07:00)`. */
export function deviceZoneLabel(now: Date = new Date()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${zone} (UTC${offsetSuffix(-now.getTimezoneOffset())})`;
}

/** The next full hour as a `datetime-local` value, the form's default start. */
export function nextFullHourInput(now: Date = new Date()): string {
  const d = new Date(now);
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

/**
 * Moves the item at `index` up (`-1`) or down (`+1`); out of range, the list is returned unchanged.
 *
 * @example
 * moveItem(['a', 'b', 'c'], 2, -1); // ['a', 'c', 'b']
 */
export function moveItem<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1) as [T];
  next.splice(target, 0, item);
  return next;
}

/** Ids from `?consultIds=a,b` (also repeated `consultIds=`), without blanks or duplicates. */
export function idsFromParam(values: readonly string[]): string[] {
  return [
    ...new Set(
      values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}

export interface SessionFormValues {
  hubFacilityId: string;
  title: string;
  start: string;
  durationMinutes: number | string;
  chairUserId: string;
  secretaryUserId: string;
  consultIds: readonly string[];
}

export type SessionFormProblem =
  | 'form.required'
  | 'session.form.titleShort'
  | 'session.form.startInvalid'
  | 'session.form.durationInvalid'
  | 'session.form.secretaryNotChair'
  | 'session.form.agendaRequired'
  | 'session.form.agendaTooMany';

/** What is wrong before sending, by the server's field name (`sessionInputSchema`). */
export function checkSessionForm(v: SessionFormValues): Record<string, SessionFormProblem> {
  const found: Record<string, SessionFormProblem> = {};
  if (!v.hubFacilityId) found['hubFacilityId'] = 'form.required';
  if (v.title.trim().length < 3) found['title'] = 'session.form.titleShort';
  if (!localInputToOffsetIso(v.start)) found['startsAt'] = 'session.form.startInvalid';
  const duration = Number(v.durationMinutes);
  if (!Number.isInteger(duration) || duration < 10 || duration > 480) found['durationMinutes'] = 'session.form.durationInvalid';
  if (!v.chairUserId) found['chairUserId'] = 'form.required';
  if (!v.secretaryUserId) found['secretaryUserId'] = 'form.required';
  else if (v.secretaryUserId === v.chairUserId) found['secretaryUserId'] = 'session.form.secretaryNotChair';
  if (v.consultIds.length === 0) found['consultIds'] = 'session.form.agendaRequired';
  else if (v.consultIds.length > 20) found['consultIds'] = 'session.form.agendaTooMany';
  return found;
}
