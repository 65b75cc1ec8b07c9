import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

// Every demo account of the README signs in through the web page and sees its home page.
const DEMO_PASSWORD = 'VuonXa-Demo-2026';
const ACCOUNTS = [
  { id: 'admin@vuonxa.vn', name: 'Quản trị hệ thống', role: 'system_admin' },
  { id: 'quantri.dienbien@vuonxa.vn', name: 'Lò Văn Hùng', role: 'facility_admin', facility: 'Bệnh viện Đa khoa tỉnh Điện Biên' },
  { id: 'dieuphoi.bachmai@vuonxa.vn', name: 'Nguyễn Thị Mai', role: 'coordinator', facility: 'Bệnh viện Bạch Mai' },
  { id: 'bs.minh@vuonxa.vn', name: 'PGS.TS. Trần Văn Minh', role: 'specialist' },
  { id: 'yta.yty@vuonxa.vn', name: 'Giàng Thị Súa', role: 'clinician', facility: 'Trạm Y tế xã Y Tý' },
  { id: 'kythuat.lyson@vuonxa.vn', name: 'Phạm Văn Tới', role: 'site_operator', facility: 'Trạm Y tế đặc khu Lý Sơn' },
  { id: '0912345678', name: 'Hoàng Văn Páo', role: 'patient' },
  { id: 'hocvien@vuonxa.vn', name: 'Vàng A Dế', role: 'trainee', facility: 'Trung tâm Y tế khu vực Mường Nhé' },
];

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto(server.url);
  await page.getByTestId('login-identifier').fill(identifier);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

void describe('sign-in through the web page', () => {
  for (const a of ACCOUNTS) {
    void it(`${a.role} signs in and sees the home page`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
      const page = await context.newPage();
      try {
        await signIn(page, a.id, DEMO_PASSWORD);
        const title = page.getByTestId('home-title');
        await title.waitFor({ timeout: 15_000 });
        assert.match(await title.innerText(), new RegExp(a.name));
        if (a.facility) assert.match(await page.getByTestId('header-facility').innerText(), new RegExp(a.facility));
        const cookies = await context.cookies();
        const session = cookies.find((c) => c.name === 'vx_session');
        assert.ok(session?.httpOnly, 'session cookie is HTTP-only');
      } finally {
        await context.close();
      }
    });
  }

  void it('shows a translated error for a wrong password and stays on the sign-in page', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      await signIn(page, 'admin@vuonxa.vn', 'wrong-password-2026');
      await page.getByRole('alert').first().waitFor({ timeout: 10_000 });
      const text = await page.getByRole('alert').first().innerText();
      assert.doesNotMatch(text, /error\.|AUTH_/, 'a message, not a key or code');
      assert.equal(await page.getByTestId('home-title').count(), 0);
    } finally {
      await context.close();
    }
  });

  void it('switches the language to English and back, and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'vi-VN' });
    const page = await context.newPage();
    try {
      await signIn(page, 'yta.yty@vuonxa.vn', DEMO_PASSWORD);
      await page.getByTestId('home-title').waitFor({ timeout: 15_000 });
      const vi = await page.getByTestId('home-title').innerText();
      await page.getByTestId('language-switch').click();
      await page
        .getByRole('option', { name: 'English' })
        .or(page.getByRole('menuitem', { name: 'English' }))
        .first()
        .click();
      await page.waitForFunction((before) => document.querySelector('[data-testid="home-title"]')?.textContent !== before, vi);
      assert.notEqual(await page.getByTestId('home-title').innerText(), vi);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await page.getByTestId('header-user').click();
      await page.getByTestId('logout').click();
      await page.getByTestId('login-identifier').waitFor({ timeout: 10_000 });
      const me = await page.evaluate(async () => (await fetch('/api/me')).status);
      assert.equal(me, 401);
    } finally {
      await context.close();
    }
  });
});
