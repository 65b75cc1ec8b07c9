import { vitalsSchema } from '@vuonxa/core';
import type { ConsultDetail, ConsultDraft, ConsultType, ConsultUpdate, SpecialtyCode, Urgency, Vitals } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';
import type { DiagnosisValue } from './Icd10Picker';

export type VitalKey = keyof Vitals;

/** The vitals grid, in the order a nurse measures them, with the unit shown next to each value. */
export const VITALS: readonly { key: VitalKey; unit: string; step: string; integer: boolean }[] = [
  { key: 'pulse', unit: '/min', step: '1', integer: true },
  { key: 'systolic', unit: 'mmHg', step: '1', integer: true },
  { key: 'diastolic', unit: 'mmHg', step: '1', integer: true },
  { key: 'temperature', unit: '°C', step: '0.1', integer: false },
  { key: 'respiratoryRate', unit: '/min', step: '1', integer: true },
  { key: 'spo2', unit: '%', step: '1', integer: true },
  { key: 'weightKg', unit: 'kg', step: '0.1', integer: false },
  { key: 'heightCm', unit: 'cm', step: '1', integer: false },
  { key: 'glucoseMmol', unit: 'mmol/L', step: '0.1', integer: false },
];

/** The patient as the form shows it (from a search result, a registration or a saved request). */
export interface PatientRef {
  id: string;
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female' | 'other';
}

/** The request form as typed: strings for inputs, '' for "not chosen". */
export interface ConsultValues {
  patient: PatientRef | null;
  type: ConsultType | '';
  urgency: Urgency | '';
  specialty: SpecialtyCode | '';
  targetHubId: string;
  /** The chosen hub's name, to show it before the suggestions load (or if it is no longer suggested). */
  targetHubName: string;
  history: string;
  examination: string;
  vitals: Record<VitalKey, string>;
  currentTreatment: string;
  testsDone: string;
  question: string;
  diagnoses: DiagnosisValue[];
}

const emptyVitals = (): Record<VitalKey, string> => Object.fromEntries(VITALS.map((v) => [v.key, ''])) as Record<VitalKey, string>;

export const EMPTY_CONSULT: ConsultValues = {
  patient: null,
  type: '',
  urgency: '',
  specialty: '',
  targetHubId: '',
  targetHubName: '',
  history: '',
  examination: '',
  vitals: emptyVitals(),
  currentTreatment: '',
  testsDone: '',
  question: '',
  diagnoses: [],
};

/** The form's values for a saved request. */
export function consultValuesOf(c: ConsultDetail): ConsultValues {
  const vitals = emptyVitals();
  for (const v of VITALS) {
    const n = c.clinical.vitals[v.key];
    vitals[v.key] = n === null ? '' : String(n);
  }
  return {
    patient: c.patient ? { id: c.patient.id, fullName: c.patient.fullName, birthDate: c.patient.birthDate, sex: c.patient.sex } : null,
    type: c.type ?? '',
    urgency: c.urgency ?? '',
    specialty: c.specialty ?? '',
    targetHubId: c.targetHub?.id ?? '',
    targetHubName: c.targetHub?.name ?? '',
    history: c.clinical.history,
    examination: c.clinical.examination,
    vitals,
    currentTreatment: c.clinical.currentTreatment,
    testsDone: c.clinical.testsDone,
    question: c.question,
    diagnoses: c.diagnoses.map((d) => ({ code: d.code, kind: d.kind, note: d.note, nameVi: d.nameVi, nameEn: d.nameEn })),
  };
}

/** A typed vital as a number: '' is "not measured", a comma is a decimal point (Vietnamese keyboards). */
export function parseVital(text: string): number | null | 'invalid' {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return 'invalid';
  return Number(s);
}

/**
 * Problems a draft cannot be saved with (a vital that is not a number or out of range); completeness is the
 * server's to check on submit. Keyed by the server's field names (`clinical.vitals.pulse`).
 */
export function checkDraft(v: ConsultValues): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  for (const def of VITALS) {
    const n = parseVital(v.vitals[def.key]);
    if (n === null) continue;
    const field = `clinical.vitals.${def.key}`;
    if (n === 'invalid') found[field] = { key: 'form.number' };
    else if (!vitalsSchema.shape[def.key].safeParse(def.integer ? Math.round(n) : n).success)
      found[field] = { key: 'consult.form.vitalRange' };
  }
  return found;
}

function vitalsOf(v: ConsultValues): Vitals {
  const out = {} as Vitals;
  for (const def of VITALS) {
    const n = parseVital(v.vitals[def.key]);
    out[def.key] = typeof n === 'number' ? (def.integer ? Math.round(n) : n) : null;
  }
  return out;
}

/** The body of `POST /api/consults` (a new draft at `facilityId`). */
export function draftBodyOf(v: ConsultValues, facilityId: string): ConsultDraft {
  return {
    facilityId,
    siteId: null,
    type: v.type === '' ? null : v.type,
    urgency: v.urgency === '' ? null : v.urgency,
    specialty: v.specialty === '' ? null : v.specialty,
    targetHubId: v.targetHubId === '' ? null : v.targetHubId,
    patientId: v.patient?.id ?? null,
    clinical: {
      history: v.history.trim(),
      examination: v.examination.trim(),
      vitals: vitalsOf(v),
      currentTreatment: v.currentTreatment.trim(),
      testsDone: v.testsDone.trim(),
    },
    question: v.question.trim(),
    diagnoses: v.diagnoses.map((d) => ({ code: d.code, kind: d.kind, note: d.note?.trim() ? d.note.trim() : null })),
  };
}

/** The body of `PUT /api/consults/:id`, with the version read (a concurrent save answers 409). */
export function updateBodyOf(v: ConsultValues, version: number, siteId: string | null = null): ConsultUpdate {
  const { facilityId: _facility, ...rest } = draftBodyOf(v, '');
  return { ...rest, siteId, version };
}

/** Fields the server names on submit, mapped to the input that shows them (`clinical.vitals.x` has its own). */
export const CONSULT_FIELDS = [
  'patientId',
  'type',
  'urgency',
  'specialty',
  'targetHubId',
  'clinical.history',
  'clinical.examination',
  'clinical.currentTreatment',
  'clinical.testsDone',
  'question',
  'diagnoses',
] as const;

/**
 * Whether the form shows a field the server named: the main fields, each vital, each diagnosis
 * (`diagnoses.0.code`), and `clinical` itself (history or examination missing) shown on the history.
 */
export function isConsultField(field: string): boolean {
  return (
    (CONSULT_FIELDS as readonly string[]).includes(field) ||
    /^clinical\.vitals\.\w+$/.test(field) ||
    /^diagnoses\.\d+\.(code|note|kind)$/.test(field)
  );
}

/**
 * Where the server's field goes in the form: `clinical` (history or examination) on the history, a diagnosis's
 * `kind` on the list, anything else as is.
 */
export function formFieldOf(field: string): string {
  if (field === 'clinical' || field === 'clinical.history_or_examination') return 'clinical.history';
  if (/^diagnoses\.\d+\.kind$/.test(field)) return 'diagnoses';
  return field;
}

/** Whether two sets of values say the same thing (to skip offering a restore identical to the server). */
export function sameValues(a: ConsultValues, b: ConsultValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ── autosave on the device ─────────────────────────────────────────────────────────────────────────────

/** What is kept on the device while typing: a dropped connection or a closed tab loses nothing. */
export interface LocalDraft {
  values: ConsultValues;
  savedAt: string;
  /** The server version the typing started from (null for a request not yet saved). */
  version: number | null;
}

export function localDraftKey(userId: string, consultId: string | null, facilityId: string | null): string {
  return `vuonxa.consult-draft:${userId}:${consultId ?? `new:${facilityId ?? ''}`}`;
}

export function readLocalDraft(key: string): LocalDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<LocalDraft>;
    if (!parsed.values || typeof parsed.savedAt !== 'string') return null;
    return {
      values: { ...EMPTY_CONSULT, ...parsed.values, vitals: { ...emptyVitals(), ...parsed.values.vitals } },
      savedAt: parsed.savedAt,
      version: parsed.version ?? null,
    };
  } catch {
    return null;
  }
}

export function writeLocalDraft(key: string, draft: LocalDraft | null): void {
  try {
    if (draft) window.localStorage.setItem(key, JSON.stringify(draft));
    else window.localStorage.removeItem(key);
  } catch {
    // A full quota or private mode: the server draft remains.
  }
}
