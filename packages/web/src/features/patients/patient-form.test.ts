import { describe, expect, it } from 'vitest';
import { EMPTY_PATIENT, checkPatient, patientInputOf, valuesFromSearch } from './patient-form';

const valid = { ...EMPTY_PATIENT, fullName: '  Lò Thị  Mai ', birthDate: '1990-04-02', sex: 'female' as const };

describe('patient form', () => {
  it('accepts a name, a birth date and a sex; identifiers are optional', () => {
    expect(checkPatient(valid, '2026-01-05')).toEqual({});
    const input = patientInputOf({ ...valid, insuranceNumber: 'dn 4010123456789', phone: '0912 345 678' });
    expect(input.fullName).toBe('Lò Thị Mai');
    expect(input.insuranceNumber).toBe('DN4010123456789');
    expect(input.phone).toBe('0912345678');
    expect(input.citizenId).toBeNull();
  });

  it('names wrong identifiers and a birth date in the future by the server’s field names', () => {
    const found = checkPatient({ ...valid, birthDate: '2030-01-01', citizenId: '12345', insuranceNumber: 'X1', phone: '12' }, '2026-01-05');
    expect(Object.keys(found).sort()).toEqual(['birthDate', 'citizenId', 'insuranceNumber', 'phone']);
    expect(Object.keys(checkPatient(EMPTY_PATIENT, '2026-01-05')).sort()).toEqual(['birthDate', 'fullName', 'sex']);
  });

  it('pre-fills registration from what was searched', () => {
    expect(valuesFromSearch('001203004567').citizenId).toBe('001203004567');
    expect(valuesFromSearch('dn4010123456789').insuranceNumber).toBe('DN4010123456789');
    expect(valuesFromSearch('Lo Thi Mai').fullName).toBe('Lo Thi Mai');
  });
});
