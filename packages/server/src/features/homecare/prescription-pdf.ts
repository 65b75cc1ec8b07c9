import type { Prescription } from '@vuonxa/core';
import { pdfDocument } from '../../lib/pdf.js';

const ROUTE_VI: Record<string, string> = {
  oral: 'Uống',
  topical: 'Bôi ngoài da',
  inhalation: 'Hít',
  sublingual: 'Ngậm dưới lưỡi',
  rectal: 'Đặt hậu môn',
  ophthalmic: 'Nhỏ mắt',
  otic: 'Nhỏ tai',
  nasal: 'Xịt/nhỏ mũi',
  transdermal: 'Dán qua da',
};

const date = (iso: string) =>
  new Date(iso).toLocaleString('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });

/** The printable e-prescription (đơn thuốc điện tử): its national code, the patient, diagnoses, medicines, the doctor. */
export function renderPrescriptionPdf(p: Prescription): Promise<Buffer> {
  const { doc, done, field } = pdfDocument({ size: 'A5', margins: { top: 36, bottom: 36, left: 40, right: 40 } }, `Đơn thuốc ${p.code}`, 9);

  doc.font('bold').fontSize(9).text(p.facility.name.toUpperCase());
  doc.font('body').fontSize(8).text(`Mã cơ sở: ${p.facility.kcbCode}`);
  doc.moveDown(0.6).font('bold').fontSize(14).text('ĐƠN THUỐC', { align: 'center' });
  doc.font('body').fontSize(9).text(`Mã đơn thuốc: ${p.code}`, { align: 'center' });
  doc.moveDown(0.6);
  field('Họ tên', p.patient.name);
  field('Ngày sinh', p.patient.birthDate);
  field('Giới tính', p.patient.sex === 'male' ? 'Nam' : p.patient.sex === 'female' ? 'Nữ' : 'Khác');
  field('Số thẻ BHYT', p.patient.insuranceNumber ?? '');
  field('Chẩn đoán', p.diagnoses.map((d) => `${d.code}${d.name ? ` – ${d.name}` : ''}`).join('; '));
  doc.moveDown(0.5).font('bold').fontSize(10).text('Thuốc điều trị');
  for (const it of p.items) {
    doc
      .moveDown(0.3)
      .font('bold')
      .fontSize(9.5)
      .text(`${it.ordinal}. ${it.drug}${it.activeIngredient ? ` (${it.activeIngredient})` : ''} ${it.strength}`, { continued: true });
    doc.font('body').text(`   SL: ${it.quantity} ${it.unit}`, { align: 'left' });
    doc
      .font('body')
      .fontSize(9)
      .text(
        `${ROUTE_VI[it.route] ?? it.route}, ${it.dose}, ${it.frequency}, trong ${it.durationDays} ngày (${it.form})${it.instructions ? `. ${it.instructions}` : ''}`,
        { indent: 12 },
      );
  }
  if (p.advice) {
    doc.moveDown(0.5);
    field('Lời dặn', p.advice);
  }
  doc
    .moveDown(1)
    .font('body')
    .fontSize(9)
    .text(`Khám từ xa, ngày ${date(p.issuedAt)}`, { align: 'right' });
  doc.font('bold').text('Bác sĩ khám bệnh', { align: 'right' });
  doc.font('body').text(`${p.practitioner.name} — CCHN ${p.practitioner.licenceNumber}`, { align: 'right' });
  doc
    .moveDown(1)
    .fontSize(7.5)
    .text('Đơn thuốc điện tử kê qua khám bệnh từ xa. Không kê thuốc gây nghiện, hướng thần, tiền chất.', { align: 'center' });
  doc.end();
  return done;
}
