import { CONSENT_KINDS, foldText } from '@vuonxa/core';
import type { ConsentKind, Locale, PatientProfile, RemoteCareCondition, SpecialtyCode, Ticket, Visit, VisitState } from '@vuonxa/core';
import { ApiError } from '../../api/client';
import { localIsoDate } from '../../i18n/format';
import { INTL_LOCALES } from '../../i18n/i18n';
import type { MessageKey, Translator } from '../../i18n/i18n';
import { isSpecialty, specialtyName } from '../registry/labels';

// ——— Slots by day ———

export interface DayGroup<T> {
  /** The day in the device's time zone, `YYYY-MM-DD`. */
  day: string;
  items: T[];
}

/**
 * Slots (or visits) grouped by their local day, days in order and each day's items by start time; items
 * without a start time are left out.
 *
 * @example
 * groupByDay([{ startsAt: '2026-11-03T02:00:00Z' }, { startsAt: '2026-11-02T09:00:00Z' }]);
 * // [{ day: '2026-11-02', items: [...] }, { day: '2026-11-03', items: [...] }] (UTC device)
 */
export function groupByDay<T extends { startsAt: string | null }>(items: readonly T[]): DayGroup<T>[] {
  const timed = items
    .filter((i): i is T & { startsAt: string } => i.startsAt !== null && !Number.isNaN(Date.parse(i.startsAt)))
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const groups: DayGroup<T>[] = [];
  for (const item of timed) {
    const day = localIsoDate(new Date(item.startsAt));
    const last = groups[groups.length - 1];
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

export interface SlotLike {
  id: string;
  startsAt: string;
  practitioner: { id: string; name: string };
  service: { id: string; name: string };
}

export interface Offer<T extends SlotLike> {
  /** `practitionerId|serviceId`. */
  key: string;
  practitioner: T['practitioner'];
  service: T['service'];
  slots: T[];
}

/**
 * One day's slots by doctor and service, doctors in the order of their first free time, each one's times in
 * order: on a phone a row of times under the doctor's name reads better than a mixed list.
 */
export function groupByOffer<T extends SlotLike>(slots: readonly T[]): Offer<T>[] {
  const offers = new Map<string, Offer<T>>();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt))) {
    const key = `${slot.practitioner.id}|${slot.service.id}`;
    const offer: Offer<T> = offers.get(key) ?? { key, practitioner: slot.practitioner, service: slot.service, slots: [] };
    offer.slots.push(slot);
    offers.set(key, offer);
  }
  return [...offers.values()];
}

/** Distinct values of a list by id, in first-seen order (the doctors or services of the loaded slots). */
export function distinctById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

/** A local day heading: "Thứ Ba, 3 tháng 11" — the weekday matters more than the year when picking a time. */
export function formatDayHeading(day: string, locale: Locale): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

/** A time of day on the device's clock, "08:30". */
export function formatTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { hour: '2-digit', minute: '2-digit' }).format(date);
}

// ——— Money ———

/**
 * A fee in đồng as the reader writes it; 0 is said as "free" by the caller (`null` here).
 *
 * @example
 * formatVnd(150000, 'vi'); // '150.000 ₫'
 */
export function formatVnd(amount: number, locale: Locale): string | null {
  if (amount <= 0) return null;
  return new Intl.NumberFormat(INTL_LOCALES[locale], { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(amount);
}

// ——— Refusals of a booking or a change ———

export const REFUSAL_REASONS = [
  'condition_not_listed',
  'outside_scope',
  'consent_missing',
  'not_your_patient',
  'slot_taken',
  'overlap',
  'slot_past',
  'cutoff_passed',
  'not_changeable',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const FORBIDDEN_REASONS: readonly RefusalReason[] = ['condition_not_listed', 'outside_scope', 'consent_missing', 'not_your_patient'];
const CONFLICT_REASONS: readonly RefusalReason[] = ['slot_taken', 'overlap'];

export interface Refusal {
  reason: RefusalReason;
  key: MessageKey;
}

/**
 * What a refused booking, cancellation or move means for the patient, from the server's
 * `{ code, details.reason }`; null for failures that are not a rule of remote care (network, validation…),
 * which the generic error message covers. A 409 INVALID_STATE without a known reason is a past slot when
 * booking and a visit no longer changeable otherwise.
 *
 * @example
 * refusalOf(new ApiError(403, 'FORBIDDEN', '', { reason: 'condition_not_listed' }), 'book');
 * // { reason: 'condition_not_listed', key: 'refusal.condition_not_listed' }
 */
export function refusalOf(error: unknown, action: 'book' | 'change'): Refusal | null {
  if (!(error instanceof ApiError)) return null;
  const detail = error.detail('reason');
  const given = typeof detail === 'string' ? (REFUSAL_REASONS as readonly string[]).find((r) => r === detail) : undefined;
  let reason: RefusalReason | undefined;
  if (error.code === 'FORBIDDEN') reason = FORBIDDEN_REASONS.find((r) => r === given);
  else if (error.code === 'CONFLICT') reason = CONFLICT_REASONS.find((r) => r === given);
  else if (error.code === 'INVALID_STATE') {
    if (given === 'cutoff_passed' || given === 'slot_past') reason = given;
    else reason = action === 'book' ? 'slot_past' : 'not_changeable';
  }
  return reason ? { reason, key: `refusal.${reason}` } : null;
}

// ——— Consents ———

export type ConsentState = 'in_force' | 'outdated' | 'withdrawn' | 'never';

export interface ConsentView {
  kind: ConsentKind;
  state: ConsentState;
  /** The wording the patient is asked to agree to now. */
  version: string;
  /** When the consent in force (or the last one, when none is) was given, and withdrawn. */
  givenAt: string | null;
  withdrawnAt: string | null;
  /** The version of the last consent given, when it differs from the current wording. */
  previousVersion: string | null;
}

/**
 * Where one consent stands, for its card: the server's `consentsInForce` is the truth; the history says
 * why it is not in force (never given, withdrawn, or given to an older wording that changed since).
 *
 * @example
 * consentView(profile, 'remote_care'); // { state: 'in_force', version: '2026-11', givenAt: '…', … }
 */
export function consentView(profile: PatientProfile, kind: ConsentKind): ConsentView {
  const version = profile.consentVersions[kind] ?? '';
  const mine = profile.consents.filter((c) => c.kind === kind).sort((a, b) => Date.parse(b.givenAt) - Date.parse(a.givenAt));
  const last = mine[0];
  if (profile.consentsInForce[kind]) {
    const current = mine.find((c) => c.version === version && c.withdrawnAt === null) ?? last;
    return { kind, state: 'in_force', version, givenAt: current?.givenAt ?? null, withdrawnAt: null, previousVersion: null };
  }
  if (!last) return { kind, state: 'never', version, givenAt: null, withdrawnAt: null, previousVersion: null };
  if (last.withdrawnAt !== null) {
    return { kind, state: 'withdrawn', version, givenAt: last.givenAt, withdrawnAt: last.withdrawnAt, previousVersion: null };
  }
  return { kind, state: 'outdated', version, givenAt: last.givenAt, withdrawnAt: null, previousVersion: last.version };
}

/** The consents a booking needs that are not in force, in the catalog's order. */
export function missingConsents(profile: PatientProfile): ConsentKind[] {
  return CONSENT_KINDS.filter((k) => !profile.consentsInForce[k]);
}

/**
 * The catalog keys of a consent's wording at a version (`consent.remote_care.2026-11.body`), or null when this
 * build of the app does not carry that version: nobody is asked to agree to a text they cannot read.
 */
export function consentTextKeys(t: Translator, kind: ConsentKind, version: string): { title: MessageKey; body: MessageKey } | null {
  const title = `consent.${kind}.${version}.title`;
  const body = `consent.${kind}.${version}.body`;
  return t.has(title) && t.has(body) ? { title, body } : null;
}

// ——— Visits ———

/** States of a visit still to happen or happening. */
const LIVE_STATES: readonly VisitState[] = ['booked', 'waiting', 'in_progress'];

export function isLive(visit: Visit): boolean {
  return LIVE_STATES.includes(visit.state);
}

/**
 * The visit to show first on the patient's home: one in progress, else the earliest live one not yet over
 * (a walk-in ticket, without a time, counts as now).
 */
export function nextVisit(visits: readonly Visit[], now: number): Visit | undefined {
  const live = visits.filter((v) => isLive(v) && (v.endsAt === null || Date.parse(v.endsAt) > now));
  const inProgress = live.find((v) => v.state === 'in_progress');
  if (inProgress) return inProgress;
  const start = (v: Visit) => (v.startsAt ? Date.parse(v.startsAt) : now);
  return [...live].sort((a, b) => start(a) - start(b))[0];
}

/** Live visits first (soonest first), then the rest (most recent first). */
export function splitVisits(visits: readonly Visit[], now: number): { upcoming: Visit[]; past: Visit[] } {
  const start = (v: Visit) => (v.startsAt ? Date.parse(v.startsAt) : Date.parse(v.createdAt));
  const isUpcoming = (v: Visit) => isLive(v) && (v.endsAt === null || Date.parse(v.endsAt) > now);
  return {
    upcoming: visits.filter(isUpcoming).sort((a, b) => start(a) - start(b)),
    past: visits.filter((v) => !isUpcoming(v)).sort((a, b) => start(b) - start(a)),
  };
}

export type Changeability =
  { ok: true; until: string } | { ok: false; why: 'walk_in' | 'state' | 'cutoff_passed' | 'no_deadline'; until: string | null };

/**
 * Whether the patient may still cancel or move a booking themselves: a scheduled visit, still booked, before
 * its `changeableUntil`. Otherwise why not, to say so rather than hide the buttons without a word.
 *
 * @example
 * changeability({ kind: 'scheduled', state: 'booked', changeableUntil: '2026-11-02T20:00:00Z', … }, now);
 */
export function changeability(visit: Pick<Visit, 'kind' | 'state' | 'changeableUntil'>, now: number): Changeability {
  if (visit.kind === 'walk_in') return { ok: false, why: 'walk_in', until: null };
  if (visit.state !== 'booked') return { ok: false, why: 'state', until: visit.changeableUntil };
  if (!visit.changeableUntil) return { ok: false, why: 'no_deadline', until: null };
  if (Date.parse(visit.changeableUntil) <= now) return { ok: false, why: 'cutoff_passed', until: visit.changeableUntil };
  return { ok: true, until: visit.changeableUntil };
}

/** Badge colour of a visit state. */
export const VISIT_STATE_COLOR: Record<VisitState, string> = {
  booked: 'cyan',
  waiting: 'yellow',
  in_progress: 'green',
  completed: 'gray',
  cancelled: 'gray',
  no_show: 'orange',
  referred_emergency: 'red',
};

// ——— Walk-in tickets ———

export type TicketPhase = 'your_turn' | 'next' | 'waiting' | 'over';

/**
 * What the waiting screen says: "your turn" once the doctor has called the ticket (in progress with nobody
 * ahead), "you are next", "waiting", or over (seen, cancelled…), when polling stops.
 */
export function ticketPhase(ticket: Pick<Ticket, 'state' | 'ahead'>): TicketPhase {
  if (ticket.state === 'in_progress') return ticket.ahead <= 0 ? 'your_turn' : 'waiting';
  if (ticket.state !== 'waiting' && ticket.state !== 'booked') return 'over';
  return ticket.ahead <= 0 ? 'next' : 'waiting';
}

// ——— The legal list of conditions ———

export interface ConditionGroup {
  /** The specialty code, or the Vietnamese name when the list's specialty has no code. */
  id: string;
  label: string;
  items: RemoteCareCondition[];
}

/** The name of a list's specialty in the reader's language (the Vietnamese name of the Circular otherwise). */
export function conditionSpecialtyLabel(c: Pick<RemoteCareCondition, 'specialty' | 'specialtyVi'>, locale: Locale): string {
  return c.specialty && locale !== 'vi' ? specialtyName(c.specialty, locale) : c.specialtyVi;
}

/**
 * The active conditions of the Circular 30 list matching a search, grouped by specialty (groups by name, items
 * by their number; the `first` specialty's group on top, e.g. a walk-in clinic's own). The search folds accents
 * ("tang huyet ap" finds "Tăng huyết áp") and matches the name, the specialty, the item number or an ICD-10 code.
 *
 * @example
 * groupConditions(list, 'i10', 'vi'); // [{ id: 'cardiology', label: 'Tim mạch', items: [{ no: 12, name: 'Tăng huyết áp', … }] }]
 */
export function groupConditions(
  conditions: readonly RemoteCareCondition[],
  query: string,
  locale: Locale,
  first?: SpecialtyCode | null,
): ConditionGroup[] {
  const words = foldText(query).split(' ').filter(Boolean);
  const matches = (c: RemoteCareCondition) => {
    if (words.length === 0) return true;
    const hay = foldText(`${c.no} ${c.name} ${c.specialtyVi} ${conditionSpecialtyLabel(c, locale)} ${c.icd10Codes.join(' ')}`);
    return words.every((w) => hay.includes(w));
  };
  const byGroup = new Map<string, ConditionGroup>();
  for (const c of conditions) {
    if (!c.active || !matches(c)) continue;
    const id = c.specialty ?? c.specialtyVi;
    const group = byGroup.get(id) ?? { id, label: conditionSpecialtyLabel(c, locale), items: [] };
    group.items.push(c);
    byGroup.set(id, group);
  }
  const groups = [...byGroup.values()];
  for (const g of groups) g.items.sort((a, b) => a.no - b.no);
  const rank = (g: ConditionGroup) => (first && g.id === first ? 0 : 1);
  return groups.sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label, INTL_LOCALES[locale]));
}

/** A specialty code from the server's free `service.specialty` string, when it is one of core's. */
export function specialtyOf(value: string | null | undefined): SpecialtyCode | null {
  return value && isSpecialty(value) ? value : null;
}

// ——— Countdowns ———

/**
 * Seconds as a clock, "1:05", for the resend countdown of a code.
 *
 * @example
 * formatClock(65); // '1:05'
 */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Whole seconds left until `until` (ms since the epoch), never negative. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** The wait before a code may be asked again: a minute, or less when the code expires sooner. */
export function resendDelaySeconds(expiresInSeconds: number): number {
  return Math.max(1, Math.min(60, Math.floor(expiresInSeconds)));
}
