import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { checkPrescription, checkRxRow, controlledRefusalOf, emptyRxRow, isRxField, prescriptionInputOf } from './prescription-logic';
import type { RxRow } from './prescription-logic';

describe('the prescription', () => {
  const row: RxRow = {
    ...emptyRxRow('a'),
    drug: 'Amlodipin 5mg',
    strength: '5 mg',
    form: 'viên nén',
    dose: '1 viên',
    frequency: '1 lần/ngày',
    durationDays: '30',
    quantity: '30',
    unit: 'viên',
  };

  it('refuses on the field what the server refuses', () => {
    expect(checkRxRow(row, 0)).toEqual({});
    expect(Object.keys(checkRxRow(emptyRxRow('b'), 2)).sort()).toEqual([
      'items.2.dose',
      'items.2.drug',
      'items.2.durationDays',
      'items.2.form',
      'items.2.frequency',
      'items.2.quantity',
      'items.2.strength',
      'items.2.unit',
    ]);
    expect(checkRxRow({ ...row, drug: 'A' }, 0)).toEqual({ 'items.0.drug': { key: 'care.form.tooShort', params: { min: 2 } } });
    expect(Object.keys(checkRxRow({ ...row, durationDays: '91' }, 0))).toEqual(['items.0.durationDays']);
    expect(Object.keys(checkRxRow({ ...row, quantity: '0' }, 0))).toEqual(['items.0.quantity']);
    expect(checkRxRow({ ...row, quantity: '0,5' }, 0)).toEqual({});
  });

  it('checks every row and the number of rows', () => {
    expect(Object.keys(checkPrescription([row, { ...row, unit: '' }], ''))).toEqual(['items.1.unit']);
    expect(checkPrescription([], '')).toEqual({ items: { key: 'rx.itemsRequired' } });
  });

  it('sends numbers as numbers and leaves out empty optional fields', () => {
    const input = prescriptionInputOf([{ ...row, quantity: '0,5', activeIngredient: ' ', instructions: ' Sau ăn ' }], '  ');
    expect(input).toEqual({
      items: [
        {
          drug: 'Amlodipin 5mg',
          strength: '5 mg',
          form: 'viên nén',
          dose: '1 viên',
          route: 'oral',
          frequency: '1 lần/ngày',
          durationDays: 30,
          quantity: 0.5,
          unit: 'viên',
          instructions: 'Sau ăn',
        },
      ],
    });
    expect(prescriptionInputOf([row], 'Tái khám sau 2 tuần').advice).toBe('Tái khám sau 2 tuần');
  });

  it('knows which server fields the form shows', () => {
    expect(isRxField('items.3.quantity')).toBe(true);
    expect(isRxField('advice')).toBe(true);
    expect(isRxField('items.0.bogus')).toBe(false);
    expect(isRxField('visitId')).toBe(false);
  });

  it('finds the row of a controlled substance', () => {
    const refused = new ApiError(403, 'FORBIDDEN', '', { reason: 'controlled_substance', field: 'items.1.drug', class: 'narcotic' });
    expect(controlledRefusalOf(refused)).toEqual({ field: 'items.1.drug', index: 1, drugClass: 'narcotic' });
    expect(controlledRefusalOf(new ApiError(403, 'FORBIDDEN', '', { reason: 'not_the_doctor' }))).toBeNull();
    expect(controlledRefusalOf(new Error('x'))).toBeNull();
  });
});
