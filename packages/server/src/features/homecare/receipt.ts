import { AppError, vndInWords } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import type { AuthContext, RequestMeta } from '../../http/context.js';
import type { AuditService } from '../audit/audit.service.js';
import { visibleVisit } from './visit-access.js';
import { pdfDocument } from '../../lib/pdf.js';

/** What a receipt (biên lai thu tiền) for a paid visit says. */
export interface Receipt {
  receiptNo: string;
  paidAt: Date;
  amountVnd: number;
  reference: string;
  bankTxnId: string | null;
  facility: { name: string; code: string; kcbCode: string | null; address: string | null };
  patient: { name: string; birthDate: string };
  service: string;
  visitAt: Date | null;
  practitioner: string | null;
}

/**
 * The receipt of a visit's payment, for whoever may see the visit (the patient's account, its doctor, the
 * facility's home-care staff; others get NOT_FOUND, audited). Only a paid payment has one; the read is audited.
 */
export async function loadReceipt(
  db: Queryable,
  audit: AuditService,
  auth: AuthContext,
  visitId: string,
  m: RequestMeta,
): Promise<Receipt> {
  const { v } = await visibleVisit(db, audit, auth, visitId, m);
  const { rows } = await db.query<{
    id: string;
    status: string;
    receipt_no: string | null;
    paid_at: Date | null;
    amount_vnd: string;
    reference: string;
    bank_txn_id: string | null;
    code: string;
    address: string | null;
  }>(
    `SELECT p.id, p.status, p.receipt_no, p.paid_at, p.amount_vnd, p.reference, p.bank_txn_id, f.code, f.address
       FROM payment p JOIN facility f ON f.id = $2 WHERE p.visit_id = $1`,
    [visitId, v.facility_id],
  );
  const p = rows[0];
  if (!p) throw new AppError('NOT_FOUND', { details: { entity: 'payment' } });
  if (p.status !== 'paid' || !p.receipt_no || !p.paid_at)
    throw new AppError('INVALID_STATE', { message: 'Only a paid visit has a receipt', details: { reason: 'not_paid', status: p.status } });
  await audit.record(m, {
    action: 'payment.receipt',
    outcome: 'success',
    entityType: 'payment',
    entityId: p.id,
    subjectFacilityId: v.facility_id,
    details: { visitId },
  });
  return {
    receiptNo: p.receipt_no,
    paidAt: p.paid_at,
    amountVnd: Number(p.amount_vnd),
    reference: p.reference,
    bankTxnId: p.bank_txn_id,
    facility: { name: v.facility_name, code: p.code, kcbCode: v.kcb_code, address: p.address },
    patient: { name: v.patient_name, birthDate: v.birth_date },
    service: v.service_name,
    visitAt: v.starts_at ?? v.started_at,
    practitioner: v.practitioner_name,
  };
}

const VN_TIME: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
const money = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đ`;

/** The printable receipt (A5, Vietnamese with its diacritics): payer, service, amount in figures and in words, bank transfer. */
export function renderReceiptPdf(r: Receipt): Promise<Buffer> {
  const { doc, done, field } = pdfDocument(
    { size: 'A5', margins: { top: 36, bottom: 36, left: 40, right: 40 } },
    `Biên lai ${r.receiptNo}`,
    9.5,
  );

  doc.font('bold').fontSize(9).text(r.facility.name.toUpperCase());
  doc
    .font('body')
    .fontSize(8)
    .text([r.facility.address, `Mã cơ sở: ${r.facility.kcbCode ?? r.facility.code}`].filter(Boolean).join(' · '));
  doc.moveDown(0.8).font('bold').fontSize(14).text('BIÊN LAI THU TIỀN', { align: 'center' });
  doc.font('body').fontSize(9).text(`Số: ${r.receiptNo}`, { align: 'center' });
  doc.moveDown(0.8);
  field('Người bệnh', r.patient.name);
  field('Ngày sinh', r.patient.birthDate);
  field('Dịch vụ', r.service);
  if (r.visitAt) field('Thời gian khám', r.visitAt.toLocaleString('vi-VN', VN_TIME));
  if (r.practitioner) field('Bác sĩ', r.practitioner);
  doc.moveDown(0.4);
  field('Số tiền', money(r.amountVnd));
  field('Bằng chữ', vndInWords(r.amountVnd));
  field('Hình thức', 'Chuyển khoản VietQR');
  field('Nội dung chuyển khoản', r.reference);
  if (r.bankTxnId) field('Mã giao dịch ngân hàng', r.bankTxnId);
  field('Ngày thu', r.paidAt.toLocaleString('vi-VN', VN_TIME));
  doc
    .moveDown(1.2)
    .font('body')
    .fontSize(7.5)
    .text('Biên lai điện tử do hệ thống Vươn Xa lập khi ngân hàng xác nhận giao dịch; không cần chữ ký.', { align: 'center' });
  doc.end();
  return done;
}
