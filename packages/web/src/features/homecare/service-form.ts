import type { SpecialtyCode } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';

export const SERVICE_FIELDS = ['name', 'specialty', 'durationMinutes', 'feeVnd', 'insuranceCovered'];

/** The service form as typed; the fee may be written with thousands separators ("150.000"). */
export interface ServiceValues {
  name: string;
  specialty: SpecialtyCode | '';
  durationMinutes: string;
  feeVnd: string;
  insuranceCovered: boolean;
}

export const EMPTY_SERVICE: ServiceValues = { name: '', specialty: '', durationMinutes: '15', feeVnd: '0', insuranceCovered: false };

/** The highest fee the server takes, in đồng. */
export const MAX_FEE_VND = 100_000_000;

/**
 * A fee as typed to a whole number of đồng, dots, commas and spaces dropped; null when it is not a whole
 * non-negative number.
 *
 * @example
 * parseVnd('150.000'); // 150000
 */
export function parseVnd(value: string): number | null {
  const digits = value.replace(/[.\s,]/g, '');
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

/** Problems of the service form before sending (`visitServiceInputSchema`'s rules). */
export function checkService(v: ServiceValues): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (v.name.trim().length < 3) found['name'] = { key: 'service.form.nameMin' };
  if (v.specialty === '') found['specialty'] = { key: 'form.required' };
  const d = Number(v.durationMinutes);
  if (!/^\d+$/.test(v.durationMinutes.trim()) || d < 5 || d > 120) {
    found['durationMinutes'] = { key: 'schedule.form.range', params: { min: 5, max: 120 } };
  }
  const fee = parseVnd(v.feeVnd);
  if (fee === null || fee > MAX_FEE_VND) found['feeVnd'] = { key: 'service.form.fee' };
  return found;
}

/** The API body from checked values, or null when they do not pass `checkService`. */
export function serviceInputOf(v: ServiceValues) {
  const fee = parseVnd(v.feeVnd);
  if (v.specialty === '' || fee === null || Object.keys(checkService(v)).length > 0) return null;
  return {
    name: v.name.trim(),
    specialty: v.specialty,
    durationMinutes: Number(v.durationMinutes),
    feeVnd: fee,
    insuranceCovered: v.insuranceCovered,
  };
}
