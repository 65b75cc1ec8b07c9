import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../i18n/i18n';
import { bankName, paymentStatusKey } from './payment-logic';

describe('payment', () => {
  it('says insurance when nothing is due because insurance covers it', () => {
    expect(paymentStatusKey({ status: 'pending', insuranceCovered: true })).toBe('pay.status.pending');
    expect(paymentStatusKey({ status: 'not_required', insuranceCovered: true })).toBe('pay.status.insured');
    expect(paymentStatusKey({ status: 'not_required', insuranceCovered: false })).toBe('pay.status.not_required');
    expect(createTranslator('vi')(paymentStatusKey({ status: 'paid', insuranceCovered: false }))).toBe('Đã thanh toán');
  });

  it('names common banks by BIN and no others', () => {
    expect(bankName('970418')).toBe('BIDV');
    expect(bankName('970436')).toBe('Vietcombank');
    expect(bankName('000000')).toBeNull();
  });
});
