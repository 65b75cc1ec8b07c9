import { type SEXES, citizenIdSchema, insuranceNumberSchema, patientInputSchema } from '@vuonxa/core';
import type { Patient, PatientInput } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';

export type Sex = (typeof SEXES)[number];

/** The patient form as typed: strings, '' for "not given". */
export interface PatientValues {
  fullName: string;
  birthDate: string;
  sex: Sex | '';
  citizenId: string;
  insuranceNumber: string;
  address: string;
  provinceCode: string;
  communeCode: string;
  phone: string;
  contactNote: string;
}

export const PATIENT_FIELDS = [
  'fullName',
  'birthDate',
  'sex',
  'citizenId',
  'insuranceNumber',
  'address',
  'provinceCode',
  'communeCode',
  'phone',
  'contactNote',
] as const satisfies readonly (keyof PatientValues)[];

export const EMPTY_PATIENT: PatientValues = {
  fullName: '',
  birthDate: '',
  sex: '',
  citizenId: '',
  insuranceNumber: '',
  address: '',
  provinceCode: '',
  communeCode: '',
  phone: '',
  contactNote: '',
};

/** The form's values for an existing record. */
export function patientValuesOf(p: Patient): PatientValues {
  return {
    fullName: p.fullName,
    birthDate: p.birthDate.slice(0, 10),
    sex: p.sex,
    citizenId: p.citizenId ?? '',
    insuranceNumber: p.insuranceNumber ?? '',
    address: p.address ?? '',
    provinceCode: p.provinceCode ?? '',
    communeCode: p.communeCode ?? '',
    phone: p.phone ?? '',
    contactNote: p.contactNote ?? '',
  };
}

/**
 * A search text that looks like an identifier pre-fills the registration form: 12 digits a citizen ID, a
 * card code or 10 digits an insurance number, anything else the name.
 *
 * @example
 * valuesFromSearch('001203004567'); // { ...EMPTY_PATIENT, citizenId: '001203004567' }
 */
export function valuesFromSearch(q: string): PatientValues {
  const text = q.trim();
  if (/^\d{12}$/.test(text)) return { ...EMPTY_PATIENT, citizenId: text };
  if (/^([A-Za-z]{2}\d{13}|\d{10})$/.test(text.replace(/\s/g, ''))) return { ...EMPTY_PATIENT, insuranceNumber: text.toUpperCase() };
  return { ...EMPTY_PATIENT, fullName: /\d/.test(text) ? '' : text };
}

/**
 * Problems found before sending, by the server's field names; `today` is the device's date (`YYYY-MM-DD`).
 *
 * @example
 * checkPatient({ ...EMPTY_PATIENT, fullName: 'Lò Thị Mai' }, '2026-01-05'); // { birthDate: …, sex: … }
 */
export function checkPatient(v: PatientValues, today: string): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (v.fullName.trim().length < 2) found['fullName'] = { key: 'form.required' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate)) found['birthDate'] = { key: 'form.required' };
  else if (v.birthDate > today || v.birthDate < '1890-01-01') found['birthDate'] = { key: 'patient.form.birthDateRange' };
  if (v.sex === '') found['sex'] = { key: 'form.required' };
  if (v.citizenId.trim() && !citizenIdSchema.safeParse(v.citizenId).success) found['citizenId'] = { key: 'patient.form.citizenIdFormat' };
  if (v.insuranceNumber.trim() && !insuranceNumberSchema.safeParse(v.insuranceNumber).success) {
    found['insuranceNumber'] = { key: 'patient.form.insuranceFormat' };
  }
  if (v.phone.trim() && !patientInputSchema.shape.phone.safeParse(v.phone).success) found['phone'] = { key: 'patient.form.phoneFormat' };
  return found;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The API body (`patientInputSchema`) from checked values. */
export function patientInputOf(v: PatientValues): PatientInput {
  return {
    fullName: v.fullName.trim().replace(/\s+/g, ' '),
    birthDate: v.birthDate,
    sex: v.sex === '' ? 'other' : v.sex,
    citizenId: orNull(v.citizenId),
    insuranceNumber: v.insuranceNumber.trim() ? v.insuranceNumber.replace(/\s/g, '').toUpperCase() : null,
    address: orNull(v.address),
    provinceCode: orNull(v.provinceCode),
    communeCode: orNull(v.communeCode),
    phone: v.phone.trim() ? v.phone.replace(/[\s.-]/g, '') : null,
    contactNote: orNull(v.contactNote),
  };
}
