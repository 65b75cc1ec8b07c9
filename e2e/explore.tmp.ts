import { chromium, type Page } from 'playwright-core';
const URL = 'http://127.0.0.1:8090';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
async function as(id: string, width = 820) {
  const ctx = await browser.newContext({ viewport: { width, height: 1100 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('PAGEERROR', id, e.message));
  await page.goto(URL);
  await page.getByTestId('login-identifier').fill(id);
  await page.getByTestId('login-password').fill('VuonXa-Demo-2026');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('home-title').waitFor();
  return page;
}
const shot = async (p: Page, name: string) => { await p.waitForTimeout(1000); await p.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true }); };
const minh = await as('bs.minh@vuonxa.vn');
await shot(minh, 't-home-minh');
const list = await (await minh.request.get(`${URL}/api/consults?view=assigned`)).json();
const id = list.items[0].id;
await minh.goto(`${URL}/consults/${id}?tab=report`); await shot(minh, 't-report');
await minh.goto(`${URL}/consults/${id}?tab=discussion`); await shot(minh, 't-discussion');
await minh.goto(`${URL}/consults/${id}?tab=timeline`); await shot(minh, 't-timeline');
const sessions = await (await minh.request.get(`${URL}/api/sessions`)).json();
await minh.goto(`${URL}/sessions/${sessions[0].id}`); await shot(minh, 't-session');
const coord = await as('dieuphoi.bachmai@vuonxa.vn');
await shot(coord, 't-home-coord');
await coord.getByTestId('notification-bell').click(); await shot(coord, 't-bell');
await browser.close();
