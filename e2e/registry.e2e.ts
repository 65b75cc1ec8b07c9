import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

// Issue 3, done when: a system admin finds a facility, follows its support links both ways, finds on-call
// specialists for a commune station's need, imports 1,000 facilities and sees a clean rejection of bad rows.
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
  page = await context.newPage();
  await page.goto(server.url);
  await page.getByTestId('login-identifier').fill('admin@vuonxa.vn');
  await page.getByTestId('login-password').fill('VuonXa-Demo-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor({ timeout: 15_000 });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openFacility(query: string, name: string): Promise<void> {
  await page.goto(`${server.url}/facilities`);
  await page.getByTestId('facility-search').fill(query);
  const row = page.getByTestId('facility-row').filter({ hasText: name });
  await row.first().waitFor({ timeout: 10_000 });
  await row.first().getByRole('link', { name }).click();
  await page.getByTestId('facility-title').filter({ hasText: name }).waitFor({ timeout: 10_000 });
}

void describe('network registry in the browser', () => {
  void it('finds a facility without diacritics and follows its support links both ways', async () => {
    await openFacility('benh vien da khoa tinh dien bien', 'Bệnh viện Đa khoa tỉnh Điện Biên');
    const supportedBy = page.getByTestId('links-supported-by');
    await supportedBy.getByRole('link', { name: 'Bệnh viện Bạch Mai' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('links-supports').getByRole('link', { name: 'Trung tâm Y tế khu vực Mường Nhé' }).waitFor();
    await supportedBy.getByRole('link', { name: 'Bệnh viện Bạch Mai' }).click();
    await page.getByTestId('facility-title').filter({ hasText: 'Bệnh viện Bạch Mai' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('links-supports').getByRole('link', { name: 'Bệnh viện Đa khoa tỉnh Điện Biên' }).waitFor({ timeout: 10_000 });
  });

  void it('names the hub for a commune station and who is on call there', async () => {
    await openFacility('y ty', 'Trạm Y tế xã Y Tý');
    await page.getByTestId('hub-specialty').selectOption('cardiology');
    const hub = page.getByTestId('hub-result').filter({ hasText: 'Bệnh viện Bạch Mai' });
    await hub.waitFor({ timeout: 10_000 });
    assert.match(await hub.innerText(), /\d+\s*km/);
    await hub.getByRole('link').last().click();
    const minh = page.getByTestId('practitioner-row').filter({ hasText: 'Trần Văn Minh' });
    await minh.waitFor({ timeout: 10_000 });
    assert.equal(await minh.getByTestId('on-call-badge').count(), 1);
  });

  void it('imports 1,000 facilities from CSV, and rejects a file with bad rows naming line and column', async () => {
    const header = 'code,name,type,technical_level,country,province_code,specialties,active';
    const rows = Array.from(
      { length: 1000 },
      (_, i) => `E2E-${String(i).padStart(4, '0')},Trạm Y tế thử ${i},commune_health_station,initial,VN,01,family_medicine,true`,
    );
    await page.goto(`${server.url}/registry/import`);
    await page.getByTestId('import-kind').selectOption('facilities');
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'facilities.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
    await page.getByTestId('import-submit').click();
    const result = page.getByTestId('import-result');
    await result.waitFor({ timeout: 30_000 });
    assert.match(await result.innerText(), /1[.,\s]?000/);

    const bad = [
      header,
      'E2E-BAD-1,Trạm tốt,commune_health_station,initial,VN,01,,true',
      'E2E-BAD-2,Trạm sai,clinic,initial,VN,99,,true',
    ].join('\n');
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: 10_000 });
    const text = await errors.innerText();
    assert.match(text, /type/);
    assert.match(text, /province_code/);
    assert.match(text, /\b3\b/);
    const check = await page.evaluate(async () => (await fetch('/api/facilities?q=E2E-BAD')).json() as Promise<{ items: unknown[] }>);
    assert.equal(check.items.length, 0);
  });
});
