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
