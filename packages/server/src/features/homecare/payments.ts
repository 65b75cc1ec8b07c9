import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { AppError, vietQrPayload, type Payment } from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../auth/auth.service.js';
import { loadReceipt } from './receipt.js';
import { visibleVisit, type VisitRow } from './visit-access.js';

/** A payment as the patient and the doctor see it: the VietQR (while pending), the bank, the receipt number. */
export async function paymentView(q: Queryable, id: string): Promise<Payment> {
  const { rows } = await q.query<{
    id: string;
    visit_id: string;
    amount_vnd: string;
    insurance_covered: boolean;
    status: Payment['status'];
    reference: string;
    qr_payload: string | null;
    paid_at: Date | null;
    receipt_no: string | null;
    bank_bin: string | null;
    account_no: string | null;
    account_name: string | null;
  }>(
    `SELECT p.*, b.bank_bin, b.account_no, b.account_name FROM payment p JOIN visit v ON v.id = p.visit_id
       LEFT JOIN facility_bank_account b ON b.facility_id = v.facility_id WHERE p.id = $1`,
    [id],
  );
  const p = rows[0]!;
  const pending = p.status === 'pending' && p.qr_payload;
  return {
    id: p.id,
    visitId: p.visit_id,
    amountVnd: Number(p.amount_vnd),
    insuranceCovered: p.insurance_covered,
    status: p.status,
    reference: p.reference,
    qrPayload: pending ? p.qr_payload : null,
    qrSvg: pending ? await QRCode.toString(p.qr_payload!, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) : null,
    bank: p.bank_bin ? { bin: p.bank_bin, accountNo: p.account_no!, accountName: p.account_name! } : null,
    paidAt: p.paid_at?.toISOString() ?? null,
    receiptNo: p.receipt_no,
  };
}

/** The payment request of a finished visit: the service's fee as a VietQR to the facility's account. */
export async function requestPayment(q: Queryable, v: VisitRow) {
  const { rows } = await q.query<{ insured: boolean; bank_bin: string | null; account_no: string | null }>(
    `SELECT (s.insurance_covered AND p.insurance_number IS NOT NULL) AS insured, b.bank_bin, b.account_no
       FROM visit v JOIN visit_service s ON s.id = v.service_id JOIN patient p ON p.id = v.patient_id
       LEFT JOIN facility_bank_account b ON b.facility_id = v.facility_id WHERE v.id = $1`,
    [v.id],
  );
  const r = rows[0]!;
  const amount = Number(v.fee_vnd);
  const reference = `VX${randomBytes(5).toString('hex').toUpperCase()}`;
  const qr =
    amount > 0 && r.bank_bin && r.account_no
      ? vietQrPayload({ bankBin: r.bank_bin, accountNo: r.account_no, amountVnd: amount, purpose: reference })
      : null;
  await q.query(
    `INSERT INTO payment (visit_id, amount_vnd, insurance_covered, reference, qr_payload, status) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (visit_id) DO NOTHING`,
    [v.id, amount, r.insured, reference, qr, amount === 0 ? 'not_required' : 'pending'],
  );
}

/**
 * Paying for a visit: the payment request and its status, the bank's signed confirmation (with the test bank's
 * lookup for the demo), and the receipt once paid.
 */
export function createPayments(deps: { db: Db; audit: AuditService; clock: Clock }) {
  const { db, audit, clock } = deps;
  return {
    /** The receipt of a paid visit (receipt.ts). */
    receipt: (auth: AuthContext, visitId: string, m: RequestMeta) => loadReceipt(db, audit, auth, visitId, m),

    async payment(auth: AuthContext, visitId: string, m: RequestMeta): Promise<Payment> {
      await visibleVisit(db, audit, auth, visitId, m);
      const { rows } = await db.query<{ id: string }>('SELECT id FROM payment WHERE visit_id = $1', [visitId]);
      if (!rows[0]) throw new AppError('NOT_FOUND', { details: { entity: 'payment' } });
      return paymentView(db, rows[0].id);
    },

    /**
     * The bank says a transfer arrived (signature checked by the route). Matches the reference and the amount;
     * a repeated notification is harmless; a wrong amount leaves the payment pending (and is audited).
     */
    async bankNotify(n: { reference: string; amountVnd: number; bankTxnId: string }, m: RequestMeta): Promise<{ status: string }> {
      return db.tx(async (q) => {
        const { rows } = await q.query<{ id: string; amount_vnd: string; status: string; bank_txn_id: string | null }>(
          'SELECT id, amount_vnd, status, bank_txn_id FROM payment WHERE reference = $1 FOR UPDATE',
          [n.reference],
        );
        const p = rows[0];
        if (!p) throw new AppError('NOT_FOUND', { details: { entity: 'payment' } });
        if (p.status === 'paid') return { status: p.bank_txn_id === n.bankTxnId ? 'already_paid' : 'duplicate' };
        if (Number(p.amount_vnd) !== n.amountVnd) {
          await audit.record(
            m,
            {
              action: 'payment.mismatch',
              outcome: 'failure',
              entityType: 'payment',
              entityId: p.id,
              details: { expected: Number(p.amount_vnd), got: n.amountVnd },
            },
            q,
          );
          return { status: 'amount_mismatch' };
        }
        const receipt = `BL${new Date(clock.now()).toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
        await q.query(`UPDATE payment SET status = 'paid', paid_at = now(), bank_txn_id = $2, receipt_no = $3 WHERE id = $1`, [
          p.id,
          n.bankTxnId,
          receipt,
        ]);
        await audit.record(m, { action: 'payment.paid', outcome: 'success', entityType: 'payment', entityId: p.id }, q);
        return { status: 'paid' };
      });
    },

    /** Demo: which payment a reference belongs to (the test bank "transfers" to it). */
    async paymentForTestBank(paymentId: string): Promise<{ reference: string; amountVnd: number } | null> {
      const { rows } = await db.query<{ reference: string; amount_vnd: string }>(
        `SELECT reference, amount_vnd FROM payment WHERE id = $1 AND status = 'pending'`,
        [paymentId],
      );
      return rows[0] ? { reference: rows[0].reference, amountVnd: Number(rows[0].amount_vnd) } : null;
    },
  };
}
