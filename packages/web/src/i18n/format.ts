import type { Locale } from '@vuonxa/core';
import { INTL_LOCALES } from './i18n';

/**
 * A date and time in the reader's language and time zone, or '' when the value is not a date.
 *
 * @example
 * formatDateTime('2026-01-05T08:30:00Z', 'vi'); // '15:30 5/1/2026' in Asia/Ho_Chi_Minh
 */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * A count in the reader's number format.
 *
 * @example
 * formatNumber(3321, 'vi'); // '3.321'
 */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL_LOCALES[locale], { maximumFractionDigits: 1 }).format(value);
}

/**
 * A calendar date (`2026-01-05`) as the reader writes it, without time-zone shifts.
 *
 * @example
 * formatDate('2026-01-05', 'vi'); // '5 thg 1, 2026'
 */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/**
 * A day as `YYYY-MM-DD` in the device's time zone, the value of an `<input type="date">`.
 *
 * @example
 * localIsoDate(new Date(2026, 0, 5)); // '2026-01-05'
 */
export function localIsoDate(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
