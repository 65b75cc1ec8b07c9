import type { AccountPerson, VisitDetail } from '@vuonxa/core';
import { localIsoDate } from '../../i18n/format';
import { LIVE, withinPrescribeWindow } from './visit-steps';

// ——— The patient's side ———

export type PatientPhase = 'before' | 'called' | 'in_room' | 'done' | 'emergency' | 'over';

/**
 * What the patient's visit page shows: before the start (when, where, "the doctor will let you in"), called
 * (in progress, the room not open yet), in the room (the big join button and the messages), done (note,
 * prescription, payment), referred to emergency care (the advice, loudly), or over (cancelled, missed).
 */
export function patientPhase(v: Pick<VisitDetail, 'state' | 'roomId'>): PatientPhase {
  switch (v.state) {
    case 'booked':
    case 'waiting':
      return 'before';
    case 'in_progress':
      return v.roomId ? 'in_room' : 'called';
    case 'completed':
      return 'done';
    case 'referred_emergency':
      return 'emergency';
    case 'cancelled':
    case 'no_show':
      return 'over';
  }
}

/**
 * How often the patient's page reads the visit again: often while it may start or is under way (the room
 * appears), slowly for a day after the end while the prescription may still come, never otherwise.
 */
export function patientPollMs(v: Pick<VisitDetail, 'state' | 'roomId' | 'prescriptionId' | 'endedAt'>, now: number): number | null {
  const phase = patientPhase(v);
  if (phase === 'before' || phase === 'called' || phase === 'in_room') return 10_000;
  if (phase === 'done' && v.prescriptionId === null && withinPrescribeWindow(v.endedAt, now)) return 60_000;
  return null;
}

/** The local day of a follow-up `inDays` after the visit ended, or null without an end or a number of days. */
export function followUpDay(endedAt: string | null, inDays: number | null): string | null {
  if (!endedAt || inDays === null) return null;
  const ended = Date.parse(endedAt);
  if (Number.isNaN(ended)) return null;
  const d = new Date(ended);
  d.setDate(d.getDate() + inDays);
  return localIsoDate(d);
}

/** Whether messages may still be sent on the visit (the server closes them once it has ended). */
export function messagesOpen(v: Pick<VisitDetail, 'state'>): boolean {
  return LIVE.includes(v.state);
}

// ——— The record ———

/**
 * Whose record to show: the person asked for (`?patientId=`) when the account acts for them, else the holder,
 * else the first person; null for an account with nobody on it yet.
 */
export function recordPerson<P extends Pick<AccountPerson, 'patientId' | 'relation'>>(
  people: readonly P[],
  wanted: string | null,
): P | null {
  return people.find((p) => p.patientId === wanted) ?? people.find((p) => p.relation === 'self') ?? people[0] ?? null;
}
