import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * How a bank (or a payment gateway) tells us a VietQR transfer arrived: a signed notification posted to
 * `/api/payments/bank-notify`. A real bank's adapter implements the same interface (its own signature scheme);
 * the `test` bank signs with HMAC-SHA256 and can "transfer" on demand, for demos and tests.
 */
export interface BankGateway {
  readonly kind: 'test' | 'none';
  /** Whether the raw body carries a valid signature from the bank. */
  verify(rawBody: string, signature: string | undefined): boolean;
  /** Test bank only: signs a notification as the bank would (null for a real bank). */
  sign(rawBody: string): string | null;
}

export const BANK_SIGNATURE_HEADER = 'x-bank-signature';

export function createBankGateway(kind: 'test' | 'none', secret: string | undefined): BankGateway {
  const key = secret ?? randomBytes(32).toString('hex');
  const mac = (body: string) => createHmac('sha256', key).update(body).digest('hex');
  return {
    kind,
    verify(rawBody, signature) {
      if (kind === 'none' || !signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
      return timingSafeEqual(Buffer.from(mac(rawBody), 'hex'), Buffer.from(signature, 'hex'));
    },
    sign: (rawBody) => (kind === 'test' ? mac(rawBody) : null),
  };
}
