import { RED_FLAGS } from '@vuonxa/core';
import type { VisitDetail, VisitState } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';
import { ageOn } from './person-form';
import type { RedFlag, VisitChannel, VisitStepsInput } from './homecare.api';

/** The server opens a booked visit's room this long before its time (`EARLY_START_MS`). */
export const EARLY_START_MINUTES = 30;
/** A prescription may still be issued this long after the visit ended (`PRESCRIBE_AFTER_MS`). */
export const PRESCRIBE_AFTER_HOURS = 24;

/** The states in which a visit may still start or is under way (its messages are open). */
export const LIVE: readonly VisitState[] = ['booked', 'waiting', 'in_progress'];

// ——— The patient's age ———

/**
 * A patient's age as a doctor says it: in years from one year old, in months below (a feverish infant's months
 * matter); null for a date that cannot be read.
 *
 * @example
 * patientAge('2026-05-20', '2026-11-02'); // { months: 5 }
 * patientAge('1960-03-01', '2026-11-02'); // { years: 66 }
 */
export function patientAge(birthDate: string, today: string): { years: number } | { months: number } | null {
  const years = ageOn(birthDate, today);
  if (years === null) return null;
  if (years >= 1) return { years };
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  if (!b || !d) return null;
  const months = (Number(d[1]) - Number(b[1])) * 12 + Number(d[2]) - Number(b[2]) - (Number(d[3]) < Number(b[3]) ? 1 : 0);
  return { months: Math.max(0, months) };
}

// ——— The doctor's steps (Official Dispatch 7946/BYT-KCB) ———

export const CONSOLE_STEPS = ['start', 'identity', 'triage', 'video', 'note', 'prescription', 'complete'] as const;
export type ConsoleStep = (typeof CONSOLE_STEPS)[number];

/** Why a step cannot be taken now, said under it. */
export type LockReason =
  'not_started' | 'steps_first' | 'note_first' | 'no_room' | 'not_yours' | 'emergency' | 'cancelled' | 'ended' | 'too_late';

export interface StepView {
  done: boolean;
  /** Whether the doctor may take (or redo) the step now; the server's rules, so a click is not refused. */
  available: boolean;
  why: LockReason | null;
}

/** Why nothing can be done on a visit that is not in progress for me. */
function baseLock(v: Pick<VisitDetail, 'state' | 'canConduct'>): LockReason {
  switch (v.state) {
    case 'referred_emergency':
      return 'emergency';
    case 'cancelled':
    case 'no_show':
      return 'cancelled';
    case 'completed':
      return 'ended';
    case 'booked':
    case 'waiting':
      return 'not_started';
    case 'in_progress':
      return v.canConduct ? 'not_started' : 'not_yours';
  }
}

/** Identity, consent and red-flag triage all recorded: the note and the end may follow. */
export function stepsDone(v: Pick<VisitDetail, 'steps'>): boolean {
  return v.steps.identityConfirmedAt !== null && v.steps.consentConfirmedAt !== null && v.steps.triageAt !== null;
}

/**
 * When a booked visit's room opens (30 minutes before its time), while that is still to come; null when the
 * doctor may start now (or the visit has no time: a walk-in number).
 */
export function startOpensAt(v: Pick<VisitDetail, 'state' | 'startsAt'>, now: number): string | null {
  if (v.state !== 'booked' || !v.startsAt) return null;
  const opens = Date.parse(v.startsAt) - EARLY_START_MINUTES * 60_000;
  return Number.isNaN(opens) || now >= opens ? null : new Date(opens).toISOString();
}

/** Whether the visit ended less than a day ago (a prescription may still be written). */
export function withinPrescribeWindow(endedAt: string | null, now: number): boolean {
  if (!endedAt) return false;
  return now - Date.parse(endedAt) <= PRESCRIBE_AFTER_HOURS * 3_600_000;
}

/**
 * Where each step of the visit stands for its doctor, mirroring the server: start (booked, waiting or called;
 * the too-early rule is explained, not hidden), identity and consent then triage (in progress), the video (a
 * room once started), the note (after identity, consent and triage), the prescription (after the note, once, until
 * a day after the end), the end (steps and note done). `mayConduct`: the viewer holds `visit.conduct` (after the
 * end the server no longer says `canConduct`).
 *
 * @example
 * consoleSteps(visit, Date.now(), true).note; // { done: false, available: false, why: 'steps_first' }
 */
export function consoleSteps(v: VisitDetail, now: number, mayConduct: boolean): Record<ConsoleStep, StepView> {
  const conducting = v.state === 'in_progress' && v.canConduct;
  const base = baseLock(v);
  const live = LIVE.includes(v.state);
  const triaged = stepsDone(v);
  const view = (done: boolean, available: boolean, why: LockReason | null): StepView => ({ done, available, why: available ? null : why });

  const start = view(
    v.startedAt !== null,
    live && v.startedAt === null && mayConduct,
    v.startedAt !== null ? null : live ? 'not_yours' : base,
  );
  const identity = view(v.steps.identityConfirmedAt !== null && v.steps.consentConfirmedAt !== null, conducting, base);
  const triage = view(v.steps.triageAt !== null, conducting, base);
  const video = view(
    v.state === 'completed' && v.startedAt !== null,
    v.state === 'in_progress' && v.roomId !== null,
    v.state === 'in_progress' ? 'no_room' : base,
  );
  const note = view(v.note !== null, conducting && triaged, !conducting ? base : 'steps_first');

  let rxWhy: LockReason | null = null;
  const rxState = conducting || (v.state === 'completed' && mayConduct && withinPrescribeWindow(v.endedAt, now));
  if (v.prescriptionId !== null) rxWhy = null;
  else if (v.state === 'completed' && !withinPrescribeWindow(v.endedAt, now)) rxWhy = 'too_late';
  else if (!rxState) rxWhy = base;
  else if (v.note === null) rxWhy = 'note_first';
  const prescription = view(v.prescriptionId !== null, v.prescriptionId === null && rxState && v.note !== null, rxWhy);

  const complete = view(
    v.state === 'completed',
    conducting && triaged && v.note !== null,
    !conducting ? base : !triaged ? 'steps_first' : 'note_first',
  );
  return { start, identity, triage, video, note, prescription, complete };
}

/** The step to work on: the first one neither done nor locked, for the stepper's "now" mark. */
export function currentStep(steps: Record<ConsoleStep, StepView>): ConsoleStep | null {
  return CONSOLE_STEPS.find((s) => !steps[s].done && steps[s].available) ?? null;
}

// ——— Identity, consent and triage ———

export interface StepsValues {
  identityConfirmed: boolean;
  consentConfirmed: boolean;
  redFlags: RedFlag[];
  emergencyAdvice: string;
  channel: VisitChannel;
}

export function stepsValuesOf(v: Pick<VisitDetail, 'steps'>): StepsValues {
  const known = new Set<string>(RED_FLAGS);
  return {
    identityConfirmed: v.steps.identityConfirmedAt !== null,
    consentConfirmed: v.steps.consentConfirmedAt !== null,
    redFlags: RED_FLAGS.filter((f) => known.has(f) && v.steps.redFlags.includes(f)),
    emergencyAdvice: v.steps.emergencyAdvice ?? '',
    channel: v.steps.channel ?? 'video',
  };
}

/**
 * Problems of the identity/consent/triage form before it is sent. Any red flag ends the visit as an emergency
 * referral, and the advice given must be written (the server's rule); without a red flag the visit goes on, and
 * the note needs identity and consent confirmed, so both are asked for here. In an emergency nothing else
 * blocks the referral.
 */
export function checkSteps(values: StepsValues): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  const advice = values.emergencyAdvice.trim();
  if (values.redFlags.length > 0) {
    if (!advice) found['emergencyAdvice'] = { key: 'care.triage.adviceRequired' };
    else if (advice.length > 2_000) found['emergencyAdvice'] = { key: 'care.form.tooLong', params: { max: 2_000 } };
    return found;
  }
  if (!values.identityConfirmed) found['identityConfirmed'] = { key: 'care.identity.required' };
  if (!values.consentConfirmed) found['consentConfirmed'] = { key: 'care.consent.required' };
  return found;
}

/** The body sent: the advice only with a red flag (it is the emergency advice). */
export function stepsInputOf(values: StepsValues): VisitStepsInput {
  const input: VisitStepsInput = {
    identityConfirmed: values.identityConfirmed,
    consentConfirmed: values.consentConfirmed,
    redFlags: RED_FLAGS.filter((f) => values.redFlags.includes(f)),
    channel: values.channel,
  };
  if (values.redFlags.length > 0) input.emergencyAdvice = values.emergencyAdvice.trim();
  return input;
}
