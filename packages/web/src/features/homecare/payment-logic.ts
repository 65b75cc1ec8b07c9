import type { Payment } from '@vuonxa/core';
import type { MessageKey } from '../../i18n/i18n';

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
