import { RED_FLAGS } from '@vuonxa/core';
import type { AccountPerson, Payment, VisitDetail, VisitNote, VisitState } from '@vuonxa/core';
import { ApiError } from '../../api/client';
import type { Problem } from '../../i18n/error-message';
import { localIsoDate } from '../../i18n/format';
import type { MessageKey } from '../../i18n/i18n';
import { ageOn } from './person-form';
import type { PrescriptionInput, PrescriptionItemInput, RedFlag, VisitChannel, VisitStepsInput } from './homecare.api';

/** The server opens a booked visit's room this long before its time (`EARLY_START_MS`). */
export const EARLY_START_MINUTES = 30;
/** A prescription may still be issued this long after the visit ended (`PRESCRIBE_AFTER_MS`). */
export const PRESCRIBE_AFTER_HOURS = 24;

const LIVE: readonly VisitState[] = ['booked', 'waiting', 'in_progress'];

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
function withinPrescribeWindow(endedAt: string | null, now: number): boolean {
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

// ——— The note ———

export type DiagnosisKind = 'main' | 'secondary';

export interface NoteDiagnosis {
  code: string;
  kind: DiagnosisKind;
  nameVi?: string;
  nameEn?: string | null;
}

export interface NoteValues {
  complaint: string;
  findings: string;
  diagnoses: NoteDiagnosis[];
  advice: string;
  /** Digits as typed; '' for no follow-up. */
  followUpDays: string;
  followUpInstructions: string;
}

export const NOTE_FIELDS = ['complaint', 'findings', 'diagnoses', 'advice', 'followUp.inDays', 'followUp.instructions'] as const;

export function noteValuesOf(note: VisitNote | null): NoteValues {
  return {
    complaint: note?.complaint ?? '',
    findings: note?.findings ?? '',
    diagnoses: (note?.diagnoses ?? []).map((d) => ({ code: d.code, kind: d.kind })),
    advice: note?.advice ?? '',
    followUpDays: note?.followUp.inDays === null || note?.followUp.inDays === undefined ? '' : String(note.followUp.inDays),
    followUpInstructions: note?.followUp.instructions ?? '',
  };
}

/** A whole number in a range from what was typed, or null (empty, decimals, letters, out of range). */
export function parseWhole(text: string, min: number, max: number): number | null {
  const s = text.trim();
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** Problems of the note before it is sent, by the server's field names (`visitNoteSchema`). */
export function checkNote(values: NoteValues): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (values.complaint.trim().length < 2) found['complaint'] = { key: 'care.note.complaintRequired' };
  if (values.diagnoses.length === 0) found['diagnoses'] = { key: 'care.note.diagnosisRequired' };
  else if (values.diagnoses.length > 10) found['diagnoses'] = { key: 'care.note.diagnosisMax', params: { max: 10 } };
  if (values.followUpDays.trim() !== '' && parseWhole(values.followUpDays, 0, 365) === null)
    found['followUp.inDays'] = { key: 'care.form.range', params: { min: 0, max: 365 } };
  return found;
}

export function noteInputOf(values: NoteValues): VisitNote {
  return {
    complaint: values.complaint.trim(),
    findings: values.findings.trim(),
    diagnoses: values.diagnoses.map((d) => ({ code: d.code, kind: d.kind })),
    advice: values.advice.trim(),
    followUp: {
      inDays: values.followUpDays.trim() === '' ? null : parseWhole(values.followUpDays, 0, 365),
      instructions: values.followUpInstructions.trim(),
    },
  };
}

// The consults picker speaks of working and differential diagnoses; a visit note of main and secondary ones.
export function toPickerKind(kind: DiagnosisKind): 'working' | 'differential' {
  return kind === 'main' ? 'working' : 'differential';
}
export function fromPickerKind(kind: 'working' | 'differential'): DiagnosisKind {
  return kind === 'working' ? 'main' : 'secondary';
}

// ——— The prescription ———

export const ROUTES = ['oral', 'topical', 'inhalation', 'sublingual', 'rectal', 'ophthalmic', 'otic', 'nasal', 'transdermal'] as const;
export type DrugRoute = (typeof ROUTES)[number];

/** One medicine as typed: strings, numbers as typed. */
export interface RxRow {
  /** A local key for React (rows are added and removed). */
  key: string;
  drug: string;
  activeIngredient: string;
  strength: string;
  form: string;
  dose: string;
  route: DrugRoute;
  frequency: string;
  durationDays: string;
  quantity: string;
  unit: string;
  instructions: string;
}

export const RX_ROW_FIELDS = [
  'drug',
  'activeIngredient',
  'strength',
  'form',
  'dose',
  'route',
  'frequency',
  'durationDays',
  'quantity',
  'unit',
  'instructions',
] as const;
export type RxField = (typeof RX_ROW_FIELDS)[number];
export const MAX_RX_ROWS = 20;

export function emptyRxRow(key: string): RxRow {
  return {
    key,
    drug: '',
    activeIngredient: '',
    strength: '',
    form: '',
    dose: '',
    route: 'oral',
    frequency: '',
    durationDays: '',
    quantity: '',
    unit: '',
    instructions: '',
  };
}

export function isRoute(value: string): value is DrugRoute {
  return (ROUTES as readonly string[]).includes(value);
}

/** A positive quantity as typed, a decimal comma allowed ("0,5" tablet); null when not one. */
export function parseQuantity(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return n > 0 && n <= 10_000 ? n : null;
}

/** The length rules of `prescriptionItemSchema`: [min, max] of each text field. */
const RX_TEXT_RULES: Partial<Record<RxField, [number, number]>> = {
  drug: [2, 200],
  activeIngredient: [0, 200],
  strength: [1, 50],
  form: [2, 50],
  dose: [1, 100],
  frequency: [1, 100],
  unit: [1, 30],
  instructions: [0, 500],
};

/**
 * Problems of one medicine row by the server's field names (`items.0.drug`…): what `prescriptionItemSchema`
 * refuses, so the doctor sees it on the field before sending.
 *
 * @example
 * checkRxRow({ ...emptyRxRow('a'), drug: 'Amlodipin' }, 0)['items.0.strength']; // { key: 'form.required' }
 */
export function checkRxRow(row: RxRow, index: number): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  const at = (f: RxField) => `items.${index}.${f}`;
  for (const [field, [min, max]] of Object.entries(RX_TEXT_RULES) as [RxField, [number, number]][]) {
    const value = row[field].trim();
    if (min > 0 && value === '') found[at(field)] = { key: 'form.required' };
    else if (value.length < min) found[at(field)] = { key: 'care.form.tooShort', params: { min } };
    else if (value.length > max) found[at(field)] = { key: 'care.form.tooLong', params: { max } };
  }
  if (parseWhole(row.durationDays, 1, 90) === null) found[at('durationDays')] = { key: 'care.form.range', params: { min: 1, max: 90 } };
  if (parseQuantity(row.quantity) === null) found[at('quantity')] = { key: 'rx.quantityInvalid' };
  return found;
}

/** Problems of the whole prescription: at least one medicine, at most twenty, each row's own. */
export function checkPrescription(rows: readonly RxRow[], advice: string): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (rows.length === 0) found['items'] = { key: 'rx.itemsRequired' };
  if (rows.length > MAX_RX_ROWS) found['items'] = { key: 'rx.itemsMax', params: { max: MAX_RX_ROWS } };
  rows.forEach((row, i) => Object.assign(found, checkRxRow(row, i)));
  if (advice.trim().length > 2_000) found['advice'] = { key: 'care.form.tooLong', params: { max: 2_000 } };
  return found;
}

/** The body sent, trimmed, numbers parsed, empty optional fields left out (call after `checkPrescription`). */
export function prescriptionInputOf(rows: readonly RxRow[], advice: string): PrescriptionInput {
  const items = rows.map((r): PrescriptionItemInput => {
    const item: PrescriptionItemInput = {
      drug: r.drug.trim(),
      strength: r.strength.trim(),
      form: r.form.trim(),
      dose: r.dose.trim(),
      route: r.route,
      frequency: r.frequency.trim(),
      durationDays: parseWhole(r.durationDays, 1, 90) ?? 0,
      quantity: parseQuantity(r.quantity) ?? 0,
      unit: r.unit.trim(),
    };
    if (r.activeIngredient.trim()) item.activeIngredient = r.activeIngredient.trim();
    if (r.instructions.trim()) item.instructions = r.instructions.trim();
    return item;
  });
  return advice.trim() ? { items, advice: advice.trim() } : { items };
}

/** Whether a server field name is one the prescription form shows (`items.3.quantity`, `advice`). */
export function isRxField(field: string): boolean {
  if (field === 'items' || field === 'advice') return true;
  const m = /^items\.\d+\.(\w+)$/.exec(field);
  return !!m && (RX_ROW_FIELDS as readonly string[]).includes(m[1] ?? '');
}

export interface ControlledRefusal {
  /** The server's field, `items.N.drug`. */
  field: string;
  /** The row it names, or null when the server did not say. */
  index: number | null;
  /** The substance's class (narcotic, psychotropic, precursor…), when given. */
  drugClass: string | null;
}

/**
 * A refused prescription because a medicine is a controlled substance (never prescribed remotely): which row,
 * from `details.field`; null for any other failure.
 */
export function controlledRefusalOf(error: unknown): ControlledRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'FORBIDDEN' || error.detail('reason') !== 'controlled_substance') return null;
  const field = error.detail('field');
  const drugClass = error.detail('class');
  const m = typeof field === 'string' ? /^items\.(\d+)\./.exec(field) : null;
  return {
    field: typeof field === 'string' ? field : 'items',
    index: m ? Number(m[1]) : null,
    drugClass: typeof drugClass === 'string' ? drugClass : null,
  };
}

// ——— Refusals of the visit's actions ———

export const CARE_REFUSALS = [
  'too_early',
  'steps_missing',
  'note_missing',
  'facility_without_kcb_code',
  'already_prescribed',
  'not_in_progress',
  'not_prescribable',
  'not_startable',
  'closed',
  'not_the_doctor',
  'not_a_party',
  'condition_not_listed',
  'outside_scope',
] as const;
export type CareRefusalReason = (typeof CARE_REFUSALS)[number];

export interface CareRefusal {
  reason: CareRefusalReason;
  key: MessageKey;
  /** With `too_early`: when the room opens. */
  opensAt?: string;
}

/**
 * What a refused step means, from the server's `{ code, details.reason }`: too early (with when the room opens),
 * steps or note missing, no facility code for a prescription, already prescribed, not in progress any more, not
 * this doctor's visit, the legal gate again (the condition left the list, outside the doctor's scope). Null for
 * other failures (the generic message covers them).
 *
 * @example
 * careRefusalOf(new ApiError(409, 'INVALID_STATE', '', { reason: 'note_missing' })); // { reason: 'note_missing', key: 'care.refusal.note_missing' }
 */
export function careRefusalOf(error: unknown): CareRefusal | null {
  if (!(error instanceof ApiError)) return null;
  if (!['INVALID_STATE', 'CONFLICT', 'FORBIDDEN'].includes(error.code)) return null;
  const given = error.detail('reason');
  const reason = CARE_REFUSALS.find((r) => r === given);
  if (!reason) return null;
  const opensAt = error.detail('opensAt');
  const refusal: CareRefusal = { reason, key: `care.refusal.${reason}` };
  if (reason === 'too_early' && typeof opensAt === 'string') refusal.opensAt = opensAt;
  return refusal;
}

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

// ——— Payment ———

export const PAYMENT_STATUS_COLOR: Record<Payment['status'], string> = {
  pending: 'orange',
  paid: 'green',
  cancelled: 'gray',
  not_required: 'teal',
};

/** The words for a payment's state: "waiting for the transfer", "paid", "no payment needed"… */
export function paymentStatusKey(p: Pick<Payment, 'status' | 'insuranceCovered'>): MessageKey {
  if (p.status === 'not_required') return p.insuranceCovered ? 'pay.status.insured' : 'pay.status.not_required';
  return `pay.status.${p.status}`;
}

/** A few banks by their NAPAS BIN, to name the bank next to its number. */
const BANKS: Readonly<Record<string, string>> = {
  '970405': 'Agribank',
  '970407': 'Techcombank',
  '970415': 'VietinBank',
  '970416': 'ACB',
  '970418': 'BIDV',
  '970422': 'MB',
  '970432': 'VPBank',
  '970436': 'Vietcombank',
};

/** The bank's usual name by its BIN, or null when this app does not know it. */
export function bankName(bin: string): string | null {
  return BANKS[bin] ?? null;
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
