import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { consultWorld, draftBody, type World } from '../../../test/consult-world.js';

let h: Harness;
let w: World;

beforeAll(async () => {
  h = await createHarness();
  w = await consultWorld(h);
});
afterAll(() => h.close());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

const content = () => ({
  heldAt: '2026-11-27T03:00:00Z',
  places: ['Trạm Y tế xã Lý Sơn'],
  chairUserId: w.chair.id,
  secretaryUserId: w.specialist.id,
  participants: [],
  caseSummary: 'Bệnh nhân nữ, cơn tăng huyết áp; đau đầu, nhìn mờ.',
  discussion: 'Trả lời không đồng bộ.',
  conclusion: 'Điều trị tại chỗ; tái khám sau 3 ngày.',
  diagnoses: [{ code: 'I10' }],
  treatment: 'Amlodipin 10 mg.',
  recommendedTests: '',
  referralNeeded: false,
});

/** An accepted request answered asynchronously, with a final report signed by the chair alone. */
async function finalReport() {
  const c = (await call(w.cookies.clinician, 'POST', '/api/consults', draftBody(w))).json();
  await call(w.cookies.clinician, 'POST', `/api/consults/${c.id}/transitions`, { action: 'submit' });
  await call(w.cookies.coordinator, 'POST', `/api/consults/${c.id}/transitions`, { action: 'start_triage' });
  await call(w.cookies.coordinator, 'POST', `/api/consults/${c.id}/transitions`, {
    action: 'accept',
    specialistIds: [w.chair.id, w.specialist.id],
  });
  const r = (await call(w.cookies.specialist, 'PUT', `/api/consults/${c.id}/report`, { content: content() })).json();
  await call(w.cookies.specialist, 'POST', `/api/reports/${r.id}/freeze`, {});
  const signed = await call(w.cookies.chair, 'POST', `/api/reports/${r.id}/sign`, { password: w.chair.password });
  expect(signed.json().state).toBe('final');
  return { consultId: c.id as string, reportId: r.id as string };
}

describe('signed consultation report', () => {
  it('concludes an asynchronous consultation and verifies', async () => {
    const { consultId, reportId } = await finalReport();
    expect((await call(w.cookies.clinician, 'GET', `/api/consults/${consultId}`)).json().state).toBe('concluded');
    const v = (await call(w.cookies.clinician, 'GET', `/api/reports/${reportId}/verify`)).json();
    expect(v).toMatchObject({ valid: true, contentUnchanged: true, supersededBy: null });
    expect(v.signatures[0].keyFingerprint).toMatch(/^[0-9a-f]{64}$/);
    // One key per signer, reused: the second report carries the same fingerprint.
    const again = await finalReport();
    const v2 = (await call(w.cookies.clinician, 'GET', `/api/reports/${again.reportId}/verify`)).json();
    expect(v2.signatures[0].keyFingerprint).toBe(v.signatures[0].keyFingerprint);
  });

  it('detects tampering with the stored content, even by someone who bypasses the database guard', async () => {
    const { reportId } = await finalReport();
    // The guard refuses a plain update of a final report.
    await expect(
      h.db.query(`UPDATE consult_report SET content = jsonb_set(content, '{conclusion}', '"x"') WHERE id = $1`, [reportId]),
    ).rejects.toThrow(/immutable/);
    await expect(h.db.query('DELETE FROM report_signature WHERE report_id = $1', [reportId])).rejects.toThrow(/append-only/);
    // An attacker with owner rights disables it and edits the conclusion.
    await h.db.tx(async (q) => {
      await q.query('ALTER TABLE consult_report DISABLE TRIGGER consult_report_guard');
      await q.query(`UPDATE consult_report SET content = jsonb_set(content, '{conclusion}', '"Chuyển tuyến ngay."') WHERE id = $1`, [
        reportId,
      ]);
      await q.query('ALTER TABLE consult_report ENABLE TRIGGER consult_report_guard');
    });
    const v = (await call(w.cookies.clinician, 'GET', `/api/reports/${reportId}/verify`)).json();
    expect(v).toMatchObject({ valid: false, contentUnchanged: false });
    expect(v.signatures[0]).toMatchObject({ valid: false, problem: 'signature_mismatch' });
    expect(v.currentHash).not.toBe(v.frozenHash);
  });

  it('detects a forged signature row', async () => {
    const { reportId } = await finalReport();
    await h.db.tx(async (q) => {
      await q.query('ALTER TABLE report_signature DISABLE TRIGGER report_signature_append_only');
      await q.query(`UPDATE report_signature SET signature = $2 WHERE report_id = $1`, [reportId, Buffer.alloc(64, 1).toString('base64')]);
      await q.query('ALTER TABLE report_signature ENABLE TRIGGER report_signature_append_only');
    });
    expect((await call(w.cookies.clinician, 'GET', `/api/reports/${reportId}/verify`)).json().valid).toBe(false);
  });

  it('corrects a final report with a new signed version that points at the old one', async () => {
    const { consultId, reportId } = await finalReport();
    expect((await call(w.cookies.specialist, 'PUT', `/api/consults/${consultId}/report`, { content: content() })).statusCode).toBe(409);
    const v2 = (await call(w.cookies.specialist, 'POST', `/api/reports/${reportId}/amend`)).json();
    expect(v2).toMatchObject({ version: 2, supersedesId: reportId, state: 'draft' });
    const edited = await call(w.cookies.specialist, 'PUT', `/api/consults/${consultId}/report`, {
      content: { ...content(), conclusion: 'Điều trị tại chỗ; tái khám sau 7 ngày.' },
    });
    expect(edited.json().id).toBe(v2.id);
    await call(w.cookies.specialist, 'POST', `/api/reports/${v2.id}/freeze`, { specialistSignerIds: [w.specialist.id] });
    await call(w.cookies.chair, 'POST', `/api/reports/${v2.id}/sign`, { password: w.chair.password });
    const done = await call(w.cookies.specialist, 'POST', `/api/reports/${v2.id}/sign`, { password: w.specialist.password });
    expect(done.json().state).toBe('final');
    const old = (await call(w.cookies.clinician, 'GET', `/api/reports/${reportId}/verify`)).json();
    expect(old).toMatchObject({ valid: true, supersededBy: v2.id });
    const bundle = (await call(w.cookies.clinician, 'GET', `/api/consults/${consultId}/report`)).json();
    expect(bundle.versions.map((x: { version: number }) => x.version)).toEqual([2, 1]);
    expect(bundle.current.content.conclusion).toContain('7 ngày');
    expect((await call(w.cookies.clinician, 'GET', `/api/consults/${consultId}`)).json().state).toBe('concluded');
  });

  it('exports a PDF whose text keeps the Vietnamese diacritics', async () => {
    const { reportId } = await finalReport();
    const res = await call(w.cookies.clinician, 'GET', `/api/reports/${reportId}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(res.rawPayload), useSystemFonts: false, isEvalSupported: false }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      text += (await page.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ');
    }
    expect(text.normalize('NFC')).toContain('BIÊN BẢN HỘI CHẨN TỪ XA');
    expect(text.normalize('NFC')).toContain('Nguyễn Thị Hoà');
    expect(text.normalize('NFC')).toContain('Điều trị tại chỗ; tái khám sau 3 ngày.');
    expect(text).toContain('BS. Chủ trì');
  });
});
