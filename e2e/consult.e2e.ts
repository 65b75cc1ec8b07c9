import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { syntheticDicom } from '../packages/server/src/seed/synthetic-dicom.js';
import { fillRequest } from './consult-form.js';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

// Issue 4, done when: a commune clinician sends a request with photos and a DICOM study, the hub coordinator
// triages and schedules it, two specialists discuss it, the chair and a specialist sign the report, the PDF
// downloads, the site reports the outcome, and the audit trail shows each access.
const PASSWORD = 'VuonXa-Demo-2026';
const T = 20_000;
let server: RunningServer;
let browser: Browser;
let files: string;
const pages: Page[] = [];

before(async () => {
  server = process.env.E2E_BASE_URL ? { url: process.env.E2E_BASE_URL, stop: async () => undefined } : await startServer();
  browser = await launchBrowser();
  files = await mkdtemp(path.join(os.tmpdir(), 'vx-e2e-files-'));
  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#e8d5b7' } })
    .jpeg()
    .toBuffer();
  await writeFile(path.join(files, 'anh-ton-thuong.jpg'), photo);
  for (const n of [1, 2]) {
    const slice = syntheticDicom({
      studyUid: '1.2.826.0.1.3680043.10.1234.99',
      seriesUid: '1.2.826.0.1.3680043.10.1234.99.1',
      sopInstanceUid: `1.2.826.0.1.3680043.10.1234.99.1.${n}`,
      seriesNumber: 1,
      instanceNumber: n,
      seriesDescription: 'Sọ não — cắt ngang',
    });
    await writeFile(path.join(files, `IM000${n}`), slice); // DICOM files often have no extension
  }
});
after(async () => {
  for (const p of pages) await p.context().close();
  await browser?.close();
  await server?.stop();
  await rm(files, { recursive: true, force: true });
});

async function as(identifier: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  pages.push(page);
  await page.goto(server.url);
  await page.getByTestId('login-identifier').fill(identifier);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor({ timeout: T });
  return page;
}

const stateOf = async (page: Page) => page.getByTestId('consult-state').getAttribute('data-state');
async function waitState(page: Page, state: string) {
  await page.locator(`[data-testid="consult-state"][data-state="${state}"]`).waitFor({ timeout: T });
}
async function act(page: Page, action: string, fill?: (dialog: ReturnType<Page['getByTestId']>) => Promise<void>) {
  await page.getByTestId(`consult-action-${action}`).click();
  const dialog = page.getByTestId('action-dialog');
  await dialog.waitFor({ timeout: T });
  if (fill) await fill(dialog);
  await page.getByTestId('action-confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: T });
}

let consultUrl = '';
let consultId = '';
const ids: Record<string, string> = {};

void describe('remote consultation in the browser', () => {
  void it('a commune clinician sends a request with a photo and a DICOM study', async () => {
    const nurse = await as('yta.yty@vuonxa.vn');
    // Files: a photo and a two-slice DICOM series without extensions, through the resumable upload.
    await fillRequest(nurse, server.url, {
      patient: 'sung thi my',
      urgency: 'urgent',
      history: 'Tăng huyết áp 8 năm; hai ngày nay khó thở, phù chân.',
      examination: 'HA 190/110, ran ẩm hai đáy phổi.',
      question: 'Xin ý kiến: điều trị tại trạm hay chuyển tuyến?',
      files: ['anh-ton-thuong.jpg', 'IM0001', 'IM0002'].map((f) => path.join(files, f)),
    });
    await nurse.getByTestId('consult-submit').click();
    await nurse.waitForURL(/\/consults\/[0-9a-f-]{36}$/, { timeout: T });
    await waitState(nurse, 'submitted');
    consultUrl = nurse.url();
    consultId = consultUrl.split('/').pop()!;
    await nurse.getByTestId('tab-attachments').click();
    assert.equal((await nurse.getByTestId('attachment-thumb').count()) >= 1, true);
  });

  void it('an upload survives a dropped connection on a weak link', async () => {
    const nurse = await as('yta.yty@vuonxa.vn');
    // A 2.5 MB image: five chunks. The third chunk's connection drops twice before it gets through.
    const big = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    await writeFile(path.join(files, 'sieu-am.png'), big);
    let dropped = 0;
    await nurse.route('**/api/uploads/*/chunk?offset=1048576', async (route) => {
      if (dropped++ < 2) return route.abort('connectionreset');
      return route.continue();
    });
    await nurse.goto(`${server.url}/consults/new`);
    await nurse.getByTestId('consult-form').waitFor({ timeout: T });
    await nurse.getByTestId('attachment-input').setInputFiles(path.join(files, 'sieu-am.png'));
    await nurse.locator('[data-testid="attachment-progress"][data-state="done"]').waitFor({ timeout: 90_000 });
    assert.equal(dropped, 3);
    // The stored file is byte for byte the one sent.
    await nurse.waitForURL(/\/consults\/[0-9a-f-]{36}\/edit$/, { timeout: T });
    const draftId = nurse.url().split('/').at(-2)!;
    const detail = await (await nurse.request.get(`${server.url}/api/consults/${draftId}`)).json();
    const { createHash } = await import('node:crypto');
    assert.equal(detail.attachments[0].sha256, createHash('sha256').update(big).digest('hex'));
    assert.equal(detail.attachments[0].size, big.length);
  });

  void it('the hub coordinator triages, assigns two specialists and schedules a live session', async () => {
    const coord = await as('dieuphoi.bachmai@vuonxa.vn');
    const detail = await (await coord.request.get(`${server.url}/api/consults/${consultId}`)).json();
    const specialists: { id: string; name: string }[] = await (
      await coord.request.get(`${server.url}/api/facilities/${detail.targetHub.id}/specialists`)
    ).json();
    ids.minh = specialists.find((s) => s.name.includes('Minh'))!.id;
    ids.ha = specialists.find((s) => s.name.includes('Thu Hà'))!.id;
    await coord.goto(`${server.url}/triage`);
    await coord.getByTestId('triage-row').filter({ hasText: detail.ref }).click();
    await waitState(coord, 'submitted');
    // The coordinator looks at the DICOM study before deciding.
    await coord.getByTestId('tab-attachments').click();
    await coord.getByTestId('dicom-series').first().click();
    await coord.getByTestId('dicom-canvas').waitFor({ timeout: T });
    await act(coord, 'start_triage');
    await waitState(coord, 'in_triage');
    await act(coord, 'accept', async () => {
      await coord.getByTestId(`specialist-option-${ids.minh}`).check();
      await coord.getByTestId(`specialist-option-${ids.ha}`).check();
    });
    await waitState(coord, 'accepted');
    await coord.getByTestId('consult-action-schedule').click();
    await coord.getByTestId('session-form').waitFor({ timeout: T });
    await coord.getByTestId('session-title').fill('Hội chẩn tim mạch với Trạm Y tế xã Y Tý');
    const start = new Date(Date.now() + 30 * 60_000);
    const local = new Date(start.getTime() - start.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await coord.getByTestId('session-start').fill(local);
    await coord.waitForFunction((id) => !!document.querySelector(`[data-testid="session-chair"] option[value="${id}"]`), ids.minh);
    await coord.getByTestId('session-chair').selectOption(ids.minh);
    await coord.getByTestId('session-secretary').selectOption(ids.ha);
    await coord.getByTestId('session-submit').click();
    await coord.waitForURL(/\/sessions\/[0-9a-f-]{36}$/, { timeout: T });
    await coord.locator('[data-testid="session-state"][data-state="scheduled"]').waitFor({ timeout: T });
    ids.session = coord.url().split('/').pop()!;
    await coord.goto(consultUrl);
    await waitState(coord, 'scheduled');
  });

  void it('two specialists discuss it in the thread, with read receipts', async () => {
    const minh = await as('bs.minh@vuonxa.vn');
    const ha = await as('bs.ha@vuonxa.vn');
    await minh.goto(`${consultUrl}?tab=discussion`);
    await minh.getByTestId('tab-discussion').click();
    await minh.getByTestId('message-input').fill('Phim CT không thấy xuất huyết. Đề nghị làm thêm điện giải đồ.');
    await minh.getByTestId('message-send').click();
    await minh.getByTestId('message-item').filter({ hasText: 'điện giải đồ' }).waitFor({ timeout: T });
    await ha.goto(consultUrl);
    await ha.getByTestId('tab-discussion').click();
    await ha.getByTestId('message-item').filter({ hasText: 'điện giải đồ' }).waitFor({ timeout: T });
    await ha.getByTestId('message-input').fill('Đồng ý; nên dùng thuốc hạ áp đường uống, theo dõi tại trạm.');
    await ha.getByTestId('message-send').click();
    await ha.getByTestId('message-item').filter({ hasText: 'đường uống' }).waitFor({ timeout: T });
    // Minh sees Hà's message and that Hà read his.
    await minh.reload();
    await minh.getByTestId('tab-discussion').click();
    await minh.getByTestId('message-item').filter({ hasText: 'đường uống' }).waitFor({ timeout: T });
    await minh.getByTestId('message-item').filter({ hasText: 'điện giải đồ' }).getByTestId('read-receipt').waitFor({ timeout: T });
    // The chair opens the live session.
    await minh.goto(`${server.url}/sessions/${ids.session}`);
    await minh.getByTestId('session-start-button').click();
    await minh.locator('[data-testid="session-state"][data-state="live"]').waitFor({ timeout: T });
  });

  void it('the secretary drafts the report, the chair and a specialist sign it, and the PDF downloads', async () => {
    const secretary = await as('bs.ha@vuonxa.vn');
    await secretary.goto(consultUrl);
    await secretary.getByTestId('tab-report').click();
    await secretary.getByTestId('report-editor').waitFor({ timeout: T });
    await secretary.getByTestId('report-chair').selectOption(ids.minh!);
    await secretary.getByTestId('report-secretary').selectOption(ids.ha!);
    await secretary.getByTestId('report-conclusion').fill('Cơn tăng huyết áp, suy tim độ II: điều trị tại trạm, tái khám sau 3 ngày.');
    // The diagnoses come prefilled from the request; the secretary keeps them.
    await secretary.getByTestId('report-editor').getByTestId('icd10-chosen').filter({ hasText: 'I10' }).waitFor({ timeout: T });
    await secretary.getByTestId('report-save').click();
    await secretary.getByTestId(`report-signer-${ids.ha}`).check({ timeout: T });
    await secretary.getByTestId('report-freeze').click();
    await secretary.getByTestId('report-sign').waitFor({ timeout: T });

    const chair = await as('bs.minh@vuonxa.vn');
    await chair.goto(consultUrl);
    await chair.getByTestId('tab-report').click();
    await chair.getByTestId('report-sign').click();
    await chair.getByTestId('report-password').fill(PASSWORD);
    await chair.getByTestId('report-sign-confirm').click();
    await chair.locator('[data-testid="report-required-signer"][data-signed="true"]').first().waitFor({ timeout: T });

    await secretary.reload();
    await secretary.getByTestId('tab-report').click();
    await secretary.getByTestId('report-sign').click();
    await secretary.getByTestId('report-password').fill(PASSWORD);
    await secretary.getByTestId('report-sign-confirm').click();
    await secretary.locator('[data-testid="report-verify"][data-valid="true"]').waitFor({ timeout: T });
    await waitState(secretary, 'concluded');

    const [download] = await Promise.all([secretary.waitForEvent('download'), secretary.getByTestId('report-pdf').click()]);
    const pdf = await readFile(await download.path());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(download.suggestedFilename(), /^bien-ban-hoi-chan-HC-\d{4}-\d{6}-v1\.pdf$/);
  });

  void it('the site reports the outcome, and the audit trail shows each access', async () => {
    const nurse = await as('yta.yty@vuonxa.vn');
    await nurse.goto(consultUrl);
    await waitState(nurse, 'concluded');
    await nurse.getByTestId('tab-outcome').click();
    await nurse.getByTestId('outcome-select').selectOption('treated_locally');
    await nurse.getByTestId('outcome-submit').click();
    await waitState(nurse, 'outcome_reported');
    assert.equal(await stateOf(nurse), 'outcome_reported');

    const admin = await as('admin@vuonxa.vn');
    const trail = await (await admin.request.get(`${server.url}/api/audit-events?entityId=${consultId}&limit=200`)).json();
    const actions = new Set<string>(trail.items.map((e: { action: string }) => e.action));
    for (const a of ['consult.create', 'consult.read', 'consult.transition', 'consult.message', 'consult.outcome'])
      assert.ok(actions.has(a), `audit has ${a}`);
    const readers = new Set(
      trail.items.filter((e: { action: string }) => e.action === 'consult.read').map((e: { actorName: string }) => e.actorName),
    );
    for (const name of ['Giàng Thị Súa', 'Nguyễn Thị Mai', 'PGS.TS. Trần Văn Minh', 'TS. Phạm Thu Hà'])
      assert.ok(readers.has(name), `${name} read it`);
  });
});
