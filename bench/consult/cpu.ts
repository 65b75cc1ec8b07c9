import { generateKeyPairSync } from 'node:crypto';
import { canonicalReportPayload, type ConsultDetail, type ReportContent, type ReportVerification } from '@vuonxa/core';
import { renderReportPdf } from '../../packages/server/src/features/reports/report-pdf.js';
import type { ReportRow } from '../../packages/server/src/features/reports/reports.repo.js';
import { keyFingerprint, sha256Hex, signPayload, verifyPayload } from '../../packages/server/src/features/reports/signing.js';
import { stats, type Stats } from '../lookups/measure.js';
import { CLINICAL } from './texts.js';

export interface CpuResult {
  key: string;
  title: string;
  source: string;
  baseline: string;
  stats: Stats;
  baselineStats: Stats;
  ratio: { p50: number; p95: number; p99: number };
  note: string;
}

const REPORT_ID = '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
const CONSULT_ID = '0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b';
const chair = { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', name: 'PGS.TS.BS. Nguyễn Văn Hùng' };
const secretary = { id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', name: 'ThS.BS. Trần Thị Mai' };
const specialist = { id: 'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f', name: 'BS.CKII. Lê Quốc Tuấn' };
const repeat = (s: string, n: number) => Array.from({ length: n }, () => s).join(' ');

/** A report as a secretary writes one: a page of summary, two of discussion, the conclusion and recommendations. */
const CONTENT: ReportContent = {
  consultRef: 'HC-2026-004217',
  heldAt: '2026-11-27T07:30:00.000Z',
  places: ['Bệnh viện Trung ương số 1 — phòng hội chẩn A', 'Trạm Y tế xã số 118', 'Trung tâm Y tế khu vực số 19'],
  chair,
  secretary,
  participants: [
    { name: chair.name, role: 'Chủ trì, Trưởng khoa Tim mạch', facility: 'Bệnh viện Trung ương số 1' },
    { name: specialist.name, role: 'Bác sĩ chuyên khoa Tim mạch can thiệp', facility: 'Bệnh viện Trung ương số 1' },
    { name: 'BS. Phạm Minh Sơn', role: 'Bác sĩ Hồi sức cấp cứu', facility: 'Bệnh viện Trung ương số 1' },
    { name: 'BS. Hoàng Thu Hà', role: 'Bác sĩ điều trị', facility: 'Trạm Y tế xã số 118' },
    { name: 'ĐD. Võ Thị Lan', role: 'Điều dưỡng', facility: 'Trạm Y tế xã số 118' },
    { name: secretary.name, role: 'Thư ký', facility: 'Bệnh viện Trung ương số 1' },
  ],
  caseSummary: repeat(
    'Bệnh nhân nam 58 tuổi, tiền sử tăng huyết áp 10 năm điều trị không đều, đái tháo đường typ 2, hút thuốc lá 30 bao-năm. Vào trạm vì đau ngực trái dữ dội lan lên vai trái, vã mồ hôi, khởi phát khoảng 3 giờ trước. Điện tim: ST chênh lên ở DII, DIII, aVF; đường máu mao mạch 11,2 mmol/l.',
    4,
  ),
  discussion: repeat(
    'BS. chuyên khoa Tim mạch: lâm sàng và điện tim phù hợp nhồi máu cơ tim cấp thành dưới, thời gian từ khởi phát dưới 12 giờ, có chỉ định tái tưới máu cấp cứu. Thời gian vận chuyển dự kiến đến trung tâm can thiệp trên 120 phút nên cân nhắc tiêu sợi huyết tại tuyến trước. BS. Hồi sức: huyết động ổn định, cần theo dõi rối loạn nhịp chậm và tụt huyết áp do nhồi máu thất phải, tránh nitrat.',
    6,
  ),
  conclusion: repeat(
    'Nhồi máu cơ tim cấp có ST chênh lên thành dưới giờ thứ 3, Killip I. Chỉ định tiêu sợi huyết tại tuyến trước và chuyển tuyến can thiệp mạch vành trong 24 giờ.',
    2,
  ),
  diagnoses: [
    { code: 'I21.1', nameVi: 'Nhồi máu cơ tim cấp xuyên thành ở thành dưới' },
    { code: 'I10', nameVi: 'Bệnh lý tăng huyết áp vô căn (nguyên phát)' },
    { code: 'E11.9', nameVi: 'Bệnh đái tháo đường không phụ thuộc insuline, không có biến chứng' },
  ],
  treatment: repeat(
    'Aspirin 300 mg nhai, clopidogrel 300 mg, enoxaparin 30 mg tiêm tĩnh mạch rồi 1 mg/kg tiêm dưới da, thở oxy khi SpO2 dưới 90%.',
    3,
  ),
  recommendedTests:
    'Troponin I lúc vào và sau 3 giờ, điện giải đồ, chức năng thận, siêu âm tim tại giường, điện tim mỗi 30 phút trong 2 giờ đầu.',
  referralNeeded: true,
  referralNote: 'Chuyển Bệnh viện Trung ương số 1 sau tiêu sợi huyết, có nhân viên y tế đi kèm.',
};

function fixtures(publicKeyPem: string) {
  const payload = canonicalReportPayload({ id: REPORT_ID, consultId: CONSULT_ID, version: 1, content: CONTENT });
  const hash = sha256Hex(payload);
  const at = new Date('2026-11-27T09:00:00.000Z');
  const row: ReportRow = {
    id: REPORT_ID,
    consult_id: CONSULT_ID,
    version: 1,
    supersedes_id: null,
    state: 'final',
    content: CONTENT,
    content_hash: hash,
    required_signers: [
      { userId: chair.id, role: 'chair' },
      { userId: specialist.id, role: 'specialist' },
    ],
    drafted_by: secretary.id,
    drafted_by_name: secretary.name,
    created_at: at,
    frozen_at: at,
    finalized_at: at,
  };
  const clinical = JSON.parse(CLINICAL[0]!) as Omit<ConsultDetail['clinical'], 'vitals'>;
  const consult: ConsultDetail = {
    id: CONSULT_ID,
    ref: CONTENT.consultRef,
    state: 'concluded',
    type: 'remote_consultation',
    urgency: 'emergency',
    specialty: 'cardiology',
    requestingFacility: { id: 'f1', name: 'Trạm Y tế xã số 118' },
    siteId: null,
    requester: { id: 'u1', name: 'BS. Hoàng Thu Hà' },
    targetHub: { id: 'h1', name: 'Bệnh viện Trung ương số 1' },
    patient: {
      id: 'p1',
      fullName: 'Nguyễn Văn Bình',
      birthDate: '1968-03-14',
      sex: 'male',
      citizenId: '001068012345',
      insuranceNumber: 'HC4010123456789',
      address: 'Thôn 3, xã Tân Lập',
      provinceCode: '01',
      communeCode: null,
      phone: null,
      contactNote: null,
      createdAt: at.toISOString(),
    },
    clinical: {
      ...clinical,
      vitals: {
        pulse: 96,
        systolic: 150,
        diastolic: 90,
        temperature: 36.8,
        respiratoryRate: 20,
        spo2: 95,
        weightKg: 68,
        heightCm: 165,
        glucoseMmol: 11.2,
      },
    },
    question: 'Bệnh nhân có chỉ định tiêu sợi huyết không?',
    diagnoses: [{ code: 'I21.1', kind: 'working', note: null, nameVi: CONTENT.diagnoses[0]!.nameVi, nameEn: null }],
    submittedAt: at.toISOString(),
    responseDueAt: at.toISOString(),
    decidedAt: at.toISOString(),
    outcomeDueAt: null,
    retainUntil: null,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    version: 5,
    assignments: [specialist],
    attachments: [],
    openQuestion: null,
    declineReason: null,
    sessions: [],
    report: { id: REPORT_ID, version: 1, state: 'final' },
    outcome: null,
    myRoles: ['hub'],
    actions: [],
  };
  const fingerprint = keyFingerprint(publicKeyPem);
  const signature = (signer: { id: string; name: string }, role: 'chair' | 'specialist') => ({
    signer,
    role,
    keyFingerprint: fingerprint,
    signedAt: at.toISOString(),
    valid: true,
    problem: null,
  });
  const verification: ReportVerification = {
    reportId: REPORT_ID,
    version: 1,
    state: 'final',
    frozenHash: hash,
    currentHash: hash,
    contentUnchanged: true,
    signatures: [signature(chair, 'chair'), signature(specialist, 'specialist')],
    complete: true,
    valid: true,
    supersedes: null,
    supersededBy: null,
  };
  return { payload, row, consult, verification };
}

const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 1e-6)) * 10) / 10;

/**
 * Times `op` and `base` alternately, one call each per sample, after `warm` warm-up pairs: both see the same load,
 * JIT and GC state, so the ratio is the number to compare across machines.
 */
async function pair(n: number, warm: number, op: () => unknown, base: () => unknown) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < warm + n; i++) {
    // Only the PDF returns a promise; awaiting a plain value would add a microtask to the µs-scale operations.
    let t0 = performance.now();
    const r = op();
    if (r instanceof Promise) await r;
    const ta = performance.now() - t0;
    t0 = performance.now();
    base();
    const tb = performance.now() - t0;
    if (i >= warm) {
      a.push(ta);
      b.push(tb);
    }
  }
  return { op: stats(a), base: stats(b) };
}

/** Ed25519 sign and verify of the canonical payload (vs its SHA-256) and the PDF (vs building the canonical payload). */
export async function measureCpu(n: number, warm: number): Promise<{ results: CpuResult[]; payloadBytes: number; pdfBytes: number }> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const f = fixtures(pub);
  const signature = signPayload(priv, f.payload);
  if (!verifyPayload(pub, f.payload, signature)) throw new Error('the signature of the fixture does not verify');
  const hash = () => sha256Hex(f.payload);
  const canonical = () =>
    canonicalReportPayload({ id: f.row.id, consultId: f.row.consult_id, version: f.row.version, content: f.row.content });
  const pdf = await renderReportPdf(f.row, f.consult, f.verification);
  const out: CpuResult[] = [];
  const add = (key: string, title: string, source: string, baseline: string, r: { op: Stats; base: Stats }, note: string) =>
    out.push({
      key,
      title,
      source,
      baseline,
      stats: r.op,
      baselineStats: r.base,
      ratio: { p50: ratio(r.op.p50, r.base.p50), p95: ratio(r.op.p95, r.base.p95), p99: ratio(r.op.p99, r.base.p99) },
      note,
    });
  const bytes = Buffer.byteLength(f.payload);
  add(
    'sign',
    'Ed25519 sign of the canonical report payload',
    'signPayload',
    'sha256 of the payload',
    await pair(n, warm, () => signPayload(priv, f.payload), hash),
    `${bytes} B payload, PEM parsed per call as the server does`,
  );
  add(
    'verify',
    'Ed25519 verify of the canonical report payload',
    'verifyPayload',
    'sha256 of the payload',
    await pair(n, warm, () => verifyPayload(pub, f.payload, signature), hash),
    `${bytes} B payload`,
  );
  add(
    'pdf',
    'Report PDF (A4, DejaVu subset, 2 signatures)',
    'renderReportPdf',
    'canonicalReportPayload of the content',
    await pair(n, warm, () => renderReportPdf(f.row, f.consult, f.verification), canonical),
    `${pdf.length} B PDF`,
  );
  return { results: out, payloadBytes: bytes, pdfBytes: pdf.length };
}
