import { RESPONSE_TARGET_MINUTES } from '@vuonxa/core';
import type { ConsultState, Urgency } from '@vuonxa/core';
import type { Translator } from '../../i18n/i18n';

/** States in which the hub still owes its first decision (the response target runs). */
const AWAITING_RESPONSE: readonly ConsultState[] = ['submitted', 'forwarded', 'in_triage', 'needs_info'];

interface Timed {
  state: ConsultState;
  urgency: Urgency | null;
  submittedAt: string | null;
  responseDueAt: string | null;
}

/**
 * When the hub must have answered, while it still has to: the server's `responseDueAt`, else the
 * submission time plus the urgency's target. Null once decided, or before submission.
 *
 * @example
 * responseDeadline({ state: 'submitted', urgency: 'emergency', submittedAt: '2026-01-05T08:00:00Z', responseDueAt: null });
 * // 2026-01-05T09:00:00Z
 */
export function responseDeadline(c: Timed): Date | null {
  if (!AWAITING_RESPONSE.includes(c.state)) return null;
  if (c.responseDueAt) return new Date(c.responseDueAt);
  if (c.submittedAt && c.urgency) return new Date(new Date(c.submittedAt).getTime() + RESPONSE_TARGET_MINUTES[c.urgency] * 60_000);
  return null;
}

/** Whole minutes from `now` until `due` (negative when overdue). */
export function minutesUntil(due: Date, now: number): number {
  const ms = due.getTime() - now;
  return ms >= 0 ? Math.floor(ms / 60_000) : -Math.ceil(-ms / 60_000);
}

/**
 * A span of minutes in words, at most two units: "2 ngày 3 giờ", "45 phút".
 *
 * @example
 * formatSpan(t, 125); // '2 h 5 min'
 */
export function formatSpan(t: Translator, minutes: number): string {
  const m = Math.max(0, Math.round(Math.abs(minutes)));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0)
    return hours > 0
      ? `${t('case.span.days', { count: days })} ${t('case.span.hours', { count: hours })}`
      : t('case.span.days', { count: days });
  if (hours > 0)
    return mins > 0
      ? `${t('case.span.hours', { count: hours })} ${t('case.span.minutes', { count: mins })}`
      : t('case.span.hours', { count: hours });
  return t('case.span.minutes', { count: mins });
}

/** Badge colours: the eye finds an emergency in a queue of forty before reading a word. */
export const URGENCY_COLOR: Record<Urgency, string> = { emergency: 'red', urgent: 'orange', routine: 'gray' };

export const STATE_COLOR: Record<ConsultState, string> = {
  draft: 'gray',
  submitted: 'blue',
  in_triage: 'indigo',
  needs_info: 'yellow',
  accepted: 'teal',
  declined: 'red',
  forwarded: 'violet',
  scheduled: 'cyan',
  in_session: 'grape',
  concluded: 'green',
  outcome_reported: 'lime',
  closed: 'dark',
  cancelled: 'gray',
};
