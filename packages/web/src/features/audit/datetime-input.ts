const pad = (n: number) => String(n).padStart(2, '0');

/**
 * An ISO instant as the value of `<input type="datetime-local">` in the browser's time zone, '' if invalid.
 *
 * @example
 * isoToLocalInput('2026-01-05T01:30:00.000Z'); // '2026-01-05T08:30' in Asia/Ho_Chi_Minh
 */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The reverse: a local date-time typed by the user to an ISO instant with `Z`, '' if empty or invalid. */
export function localInputToIso(value: string): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}
