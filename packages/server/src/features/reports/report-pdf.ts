import type { ConsultDetail, ReportVerification } from '@vuonxa/core';
import type { ReportRow } from './reports.repo.js';
import { pdfDocument } from '../../lib/pdf.js';

const SEX: Record<string, string> = { male: 'Nam', female: 'Nữ', other: 'Khác' };
const REFERRAL = (yes: boolean) => (yes ? 'Có' : 'Không');

function fmtTime(iso: string): string {
  // Reports are read in Vietnam: show Indochina Time whatever the server's zone.
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  // The form of Vietnamese administrative documents: "14 giờ 05 ngày 27/11/2026".
  return `${parts.hour} giờ ${parts.minute} ngày ${parts.day}/${parts.month}/${parts.year}`;
}

/**
 * The consultation report as a PDF (A4), in Vietnamese, in the layout of a biên bản hội chẩn: national header,
 * title, patient, participants, summary, discussion, conclusion, recommendations, then each signature with its key
 * fingerprint and the content hash anyone can check at the verification endpoint.
 */
export function renderReportPdf(r: ReportRow, consult: ConsultDetail, v: ReportVerification): Promise<Buffer> {
  const { doc, done, field } = pdfDocument(
    { size: 'A4', margins: { top: 50, bottom: 50, left: 60, right: 60 } },
    `Biên bản hội chẩn ${r.content.consultRef}`,
  );
  const c = r.content;
  const heading = (t: string) => doc.moveDown(0.6).font('bold').fontSize(11).text(t).font('body').fontSize(10.5);
  const para = (t: string) =>
    doc
      .font('body')
      .fontSize(10.5)
      .text(t || '—', { align: 'justify' });

  doc.font('bold').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  doc.font('bold').fontSize(10.5).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  doc.moveDown(1).fontSize(15).text('BIÊN BẢN HỘI CHẨN TỪ XA', { align: 'center' });
  doc
    .font('body')
    .fontSize(10)
    .text(`Số: ${c.consultRef} · Phiên bản ${r.version}${r.supersedes_id ? ' (đính chính)' : ''}`, { align: 'center' });
  doc.moveDown(0.8).fontSize(10.5);

  field('Thời gian', fmtTime(c.heldAt));
  field('Địa điểm (điểm cầu)', c.places.join('; '));
  field('Cơ sở đề nghị', consult.requestingFacility.name);
  field('Cơ sở hỗ trợ', consult.targetHub?.name ?? '');
  field('Chủ trì', c.chair.name);
  field('Thư ký', c.secretary.name);

  heading('Thông tin người bệnh');
  const p = consult.patient;
  if (p) {
    field('Họ và tên', p.fullName);
    field('Ngày sinh', p.birthDate.split('-').reverse().join('/'));
    field('Giới tính', SEX[p.sex] ?? p.sex);
    if (p.insuranceNumber) field('Số thẻ BHYT', p.insuranceNumber);
  }

  heading('Thành phần tham gia');
  if (c.participants.length === 0) para('—');
  for (const x of c.participants) doc.text(`• ${x.name}${x.role ? ` — ${x.role}` : ''}${x.facility ? ` (${x.facility})` : ''}`);

  heading('Tóm tắt bệnh án');
  para(c.caseSummary);
  heading('Ý kiến thảo luận');
  para(c.discussion);
  heading('Kết luận');
  para(c.conclusion);
  doc.moveDown(0.3);
  field('Chẩn đoán', c.diagnoses.map((d) => `${d.code} ${d.nameVi}`).join('; '));
  heading('Hướng điều trị');
  para(c.treatment);
  heading('Đề nghị cận lâm sàng');
  para(c.recommendedTests);
  doc.moveDown(0.3);
  field('Cần chuyển tuyến', `${REFERRAL(c.referralNeeded)}${c.referralNote ? ` — ${c.referralNote}` : ''}`);

  heading('Chữ ký số');
  if (v.signatures.length === 0) para('Chưa ký.');
  for (const s of v.signatures) {
    doc.font('bold').text(`${s.role === 'chair' ? 'Chủ trì' : 'Bác sĩ chuyên khoa'}: ${s.signer.name}`);
    doc
      .font('body')
      .fontSize(9)
      .text(`Ký lúc ${fmtTime(s.signedAt)} · Ed25519 · khóa ${s.keyFingerprint.slice(0, 32)}… · ${s.valid ? 'hợp lệ' : 'KHÔNG HỢP LỆ'}`)
      .fontSize(10.5);
  }
  doc.moveDown(0.8).fontSize(8.5).fillColor('#555');
  doc.text(`Mã băm nội dung (SHA-256): ${v.currentHash}`);
  doc.text(
    v.valid
      ? 'Văn bản đã được ký đủ và không thay đổi kể từ khi ký.'
      : `Trạng thái: ${r.state === 'final' ? 'đã ký' : r.state === 'signing' ? 'đang chờ ký' : 'bản nháp'}${v.contentUnchanged ? '' : ' — NỘI DUNG ĐÃ BỊ THAY ĐỔI SAU KHI KÝ'}.`,
  );
  doc.text(`Kiểm tra: /api/reports/${r.id}/verify`);
  doc.end();
  return done;
}
