import { CONSULT_VIEWS, QUEUE_STATES } from '@vuonxa/core';
import type { ConsultListItem, Permission, Urgency } from '@vuonxa/core';

export type ConsultView = (typeof CONSULT_VIEWS)[number];

/**
 * The list views that make sense for what the user may do: a clinician follows the requests of the facility
 * and the outcomes owed, a specialist what is assigned, a coordinator the hub's inbox and the outcomes.
 *
 * @example
 * consultViewsFor(['consult.create']); // ['requested', 'outcome_overdue', 'outcome_due']
 */
export function consultViewsFor(permissions: readonly Permission[]): ConsultView[] {
  const has = (p: Permission) => permissions.includes(p);
  return CONSULT_VIEWS.filter((v) => {
    if (v === 'requested') return has('consult.create');
    if (v === 'assigned') return has('consult.answer');
    if (v === 'hub') return has('consult.triage');
    return has('consult.create') || has('consult.triage');
  });
}

export function isConsultView(value: string | null): value is ConsultView {
  return value !== null && (CONSULT_VIEWS as readonly string[]).includes(value);
}

/** Badge colours: the eye finds an emergency in a list of forty before reading a word. */
export const URGENCY_COLORS: Record<Urgency, string> = { emergency: 'red', urgent: 'orange', routine: 'gray' };

/**
 * The date a row is measured against: the outcome's due date in the outcome views and once concluded, the
 * response target while the hub owes its decision; null otherwise.
 */
export function dueOf(
  item: Pick<ConsultListItem, 'state' | 'responseDueAt' | 'outcomeDueAt'>,
  view: ConsultView,
): { kind: 'response' | 'outcome'; at: string } | null {
  if ((view === 'outcome_due' || view === 'outcome_overdue' || item.state === 'concluded') && item.outcomeDueAt) {
    return { kind: 'outcome', at: item.outcomeDueAt };
  }
  if (QUEUE_STATES.includes(item.state) && item.responseDueAt) return { kind: 'response', at: item.responseDueAt };
  return null;
}

/**
 * The largest whole unit of a span, signed: negative when the date is past.
 *
 * @example
 * spanUntil(new Date('2026-01-05T10:00:00Z'), Date.parse('2026-01-05T08:30:00Z')); // { value: 1, unit: 'hour', overdue: false }
 */
export function spanUntil(due: Date, now: number): { value: number; unit: 'minute' | 'hour' | 'day'; overdue: boolean } {
  const ms = due.getTime() - now;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const overdue = ms < 0;
  if (minutes >= 2 * 1440) return { value: Math.floor(minutes / 1440), unit: 'day', overdue };
  if (minutes >= 60) return { value: Math.floor(minutes / 60), unit: 'hour', overdue };
  return { value: Math.max(1, minutes), unit: 'minute', overdue };
}

/** Where a row leads: a draft to its form, anything else to the request's page. */
export function consultHref(item: Pick<ConsultListItem, 'id' | 'state'>): string {
  const base = `/consults/${encodeURIComponent(item.id)}`;
  return item.state === 'draft' ? `${base}/edit` : base;
}
