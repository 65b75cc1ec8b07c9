import { citizenIdSchema, insuranceNumberSchema } from '@vuonxa/core';
import type { AccountPerson, PersonInput } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';
import type { DependantRelation } from './homecare.api';

export const SEX_VALUES = ['male', 'female', 'other'] as const;
export type PersonSex = (typeof SEX_VALUES)[number];
export const DEPENDANT_RELATIONS: readonly DependantRelation[] = ['child', 'parent', 'spouse', 'other'];

/** A person's form as typed: strings, '' for "not given". */
export interface PersonValues {
  fullName: string;
  birthDate: string;
  sex: PersonSex | '';
  citizenId: string;
  insuranceNumber: string;
  address: string;
}

/** The server's field names the form shows (`personInputSchema`, plus `relation` for a family member). */
export const PERSON_FIELDS = ['fullName', 'birthDate', 'sex', 'citizenId', 'insuranceNumber', 'address', 'relation'] as const;

export const EMPTY_PERSON: PersonValues = { fullName: '', birthDate: '', sex: '', citizenId: '', insuranceNumber: '', address: '' };

/** The form's values for a person already on the account. */
export function personValuesOf(p: AccountPerson | undefined): PersonValues {
  if (!p) return EMPTY_PERSON;
  return {
    fullName: p.fullName,
    birthDate: p.birthDate.slice(0, 10),
    sex: p.sex,
    citizenId: p.citizenId ?? '',
    insuranceNumber: p.insuranceNumber ?? '',
    address: p.address ?? '',
  };
}

export function isSex(value: string): value is PersonSex {
  return (SEX_VALUES as readonly string[]).includes(value);
}

/**
 * Problems found before sending, by the server's field names; `today` is the device's date (`YYYY-MM-DD`).
 *
 * @example
 * checkPerson({ ...EMPTY_PERSON, fullName: 'Lò Thị Mai' }, '2026-11-02'); // { birthDate: …, sex: … }
 */
export function checkPerson(v: PersonValues, today: string): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (v.fullName.trim().length < 2) found['fullName'] = { key: 'form.required' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.birthDate)) found['birthDate'] = { key: 'form.required' };
  else if (v.birthDate > today || v.birthDate < '1890-01-01') found['birthDate'] = { key: 'patient.form.birthDateRange' };
  if (v.sex === '') found['sex'] = { key: 'form.required' };
  if (v.citizenId.trim() && !citizenIdSchema.safeParse(v.citizenId.trim()).success) {
    found['citizenId'] = { key: 'patient.form.citizenIdFormat' };
  }
  if (v.insuranceNumber.trim() && !insuranceNumberSchema.safeParse(v.insuranceNumber.replace(/\s/g, '').toUpperCase()).success) {
    found['insuranceNumber'] = { key: 'patient.form.insuranceFormat' };
  }
  return found;
}

/** The API body (`personInputSchema`) from checked values: optional fields left out when empty. */
export function personInputOf(v: PersonValues): PersonInput {
  const input: PersonInput = {
    fullName: v.fullName.trim().replace(/\s+/g, ' '),
    birthDate: v.birthDate,
    sex: v.sex === '' ? 'other' : v.sex,
  };
  if (v.citizenId.trim()) input.citizenId = v.citizenId.trim();
  if (v.insuranceNumber.trim()) input.insuranceNumber = v.insuranceNumber.replace(/\s/g, '').toUpperCase();
  if (v.address.trim()) input.address = v.address.trim();
  return input;
}

/**
 * Age in whole years on `today`, for the family list ("Minh, 6 tuổi").
 *
 * @example
 * ageOn('2019-11-03', '2026-11-02'); // 6
 */
export function ageOn(birthDate: string, today: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthDate);
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(today);
  if (!b || !d) return null;
  const years = Number(d[1]) - Number(b[1]);
  const beforeBirthday = `${d[2]}-${d[3]}` < `${b[2]}-${b[3]}`;
  return Math.max(0, beforeBirthday ? years - 1 : years);
}
