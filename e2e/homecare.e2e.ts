import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startServer, type RunningServer } from './harness.js';
import { api, signedIn, T, untilDecoding } from './rooms.js';

// Issue 6, done when: a new patient registers in the browser (phone + one-time code from the demo inbox), books a
// slot with a doctor for a listed condition (and is refused otherwise), waits, has the video visit, gets a
// prescription and pays by QR; the doctor's side follows the 7946 steps.
let server: RunningServer;
let browser: Browser;
const pages: Page[] = [];
const PHONE = `09${String(Date.now()).slice(-8)}`;
let patient: Page;
let doctor: Page;
let visitId = '';

async function phonePage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'vi-VN',
    permissions: ['camera', 'microphone'],
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  pages.push(page);
  return page;
}

/** Vietnam local time (UTC+7) of an instant, as date and HH:MM. */
function local(ms: number): { date: string; time: string } {
  const iso = new Date(ms + 7 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

before(async () => {
  server = process.env.E2E_BASE_URL ? { url: process.env.E2E_BASE_URL, stop: async () => undefined } : await startServer();
  browser = await launchBrowser();
});
after(async () => {
  for (const p of pages) await p.context().close();
  await browser?.close();
  await server?.stop();
});

void describe('patients at home', () => {
  void it('a new patient registers with a one-time code, gives the consents and fills in who they are', async () => {
    patient = await phonePage();
    await patient.goto(`${server.url}/patient/signin`);
    await patient.getByTestId('otp-phone').fill(PHONE);
    await patient.getByTestId('otp-request').click();
    await patient.getByTestId('otp-dev-notice').waitFor({ timeout: T });
    // The demo inbox page (clearly marked) shows the code that a real gateway would have texted.
    const inbox = await patient.context().newPage();
    await inbox.goto(`${server.url}/dev/sms`);
    const sms = await inbox.getByTestId('dev-sms-message').first().textContent({ timeout: T });
    await inbox.close();
    const code = /ma dang nhap cua ban la (\d{6})/.exec(sms ?? '')![1]!;
    await patient.getByTestId('otp-code').fill(code);
    await patient.getByTestId('otp-verify').click();
    await patient.waitForURL((u) => !u.pathname.startsWith('/patient/signin'), { timeout: T });

    await patient.goto(`${server.url}/patient/profile`);
    await patient.getByTestId('profile-fullname').fill('Quàng Văn Thử');
    await patient.getByTestId('profile-birthdate').fill('1962-08-19');
    await patient.getByTestId('profile-sex').selectOption('male');
    await patient.getByTestId('profile-save').click();
    await patient.getByTestId('family-member').or(patient.getByTestId('consent-give-remote_care')).first().waitFor({ timeout: T });
    for (const kind of ['remote_care', 'data_processing']) {
      await patient.getByTestId(`consent-give-${kind}`).click();
      await patient.locator(`[data-testid="consent-${kind}"][data-state="in_force"]`).waitFor({ timeout: T });
    }
  });

  void it('books a listed condition with the doctor and is refused outside the list or the doctor’s scope', async () => {
    // BS. Thu Hà (cardiology, Bạch Mai) publishes hours starting in a few minutes (Vietnam time).
    doctor = await signedIn(browser, server.url, 'bs.ha@vuonxa.vn', pages);
    const services = (await api(server.url, doctor, 'GET', '/api/visit-services?specialty=cardiology')) as unknown as {
      id: string;
      facility: { id: string };
    }[];
    const directory = (await api(server.url, doctor, 'GET', '/api/practitioners?q=Thu%20H%C3%A0')) as unknown as {
      items: { id: string; userId: string | null }[];
    };
    const me = (await api(server.url, doctor, 'GET', '/api/me')) as unknown as { user: { id: string } };
    const ha = directory.items.find((p) => p.userId === me.user.id)!;
    let start = local(Date.now() + 2 * 60_000);
    let end = local(Date.now() + 2 * 60_000 + 20 * 60_000);
    // Hours are within one day: across midnight they start at 00:00 next day, still within the 30 minutes a doctor
    // may open a visit early.
    if (end.date !== start.date)
      [start, end] = [
        { date: end.date, time: '00:00' },
        { date: end.date, time: '00:20' },
      ];
    await api(server.url, doctor, 'POST', '/api/schedules', {
      practitionerId: ha.id,
      facilityId: services[0]!.facility.id,
      serviceId: services[0]!.id,
      from: start.date,
      to: start.date,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: start.time,
      endTime: end.time,
      slotMinutes: 15,
      bufferMinutes: 0,
      maxPerDay: 1,
      cancelCutoffHours: 0,
    });

    // The list shown is Circular 30/2023's; an unlisted condition is refused by the server whatever the page.
    const profile = (await api(server.url, patient, 'GET', '/api/patient/profile')) as unknown as { people: { patientId: string }[] };
    const self = profile.people[0]!.patientId;
    const anySlot = (await api(server.url, patient, 'GET', '/api/slots?specialty=cardiology&limit=1')) as unknown as { id: string }[];
    const unlisted = await patient.request.post(`${server.url}/api/visits`, {
      data: { slotId: anySlot[0]!.id, patientId: self, conditionNo: 999, reason: 'Bệnh ngoài danh mục' },
    });
    assert.equal(unlisted.status(), 403);
    assert.equal(((await unlisted.json()) as { error: { details: { reason: string } } }).error.details.reason, 'condition_not_listed');

    // Obesity (nutrition) with a cardiologist: refused in the page, with the reason.
    await patient.goto(`${server.url}/patient/book`);
    await patient.getByTestId(`book-person-${self}`).click();
    await patient.getByTestId('book-condition-1').click();
    await patient.getByTestId('book-slots-all').or(patient.getByTestId('book-slots-widened')).first().waitFor({ timeout: T });
    if (await patient.getByTestId('book-slots-all').count()) await patient.getByTestId('book-slots-all').click();
    await patient.locator('[data-testid^="book-slot-"]').first().click({ timeout: T });
    await patient.getByTestId('book-reason').fill('Cân nặng tăng nhanh');
    await patient.getByTestId('book-confirm').click();
    await patient.locator('[data-testid="book-refused"][data-reason="outside_scope"]').waitFor({ timeout: T });

    // Hypertension (item 16, cardiology) with BS. Thu Hà in a few minutes: booked.
    await patient.goto(`${server.url}/patient/book`);
    await patient.getByTestId(`book-person-${self}`).click();
    await patient.getByTestId('book-condition-search').fill('huyết áp');
    await patient.getByTestId('book-condition-16').click();
    const mine = (await api(server.url, patient, 'GET', `/api/slots?practitionerId=${ha.id}&limit=1`)) as unknown as { id: string }[];
    await patient.getByTestId(`book-slot-${mine[0]!.id}`).click({ timeout: T });
    await patient.getByTestId('book-reason').fill('Huyết áp buổi sáng 165/100, đau đầu');
    await patient.getByTestId('book-confirm').click();
    const success = patient.getByTestId('book-success');
    await success.waitFor({ timeout: T });
    visitId = (await success.getAttribute('data-visit-id'))!;
    assert.ok(visitId);
  });

  void it('the doctor follows the 7946 steps, sees the patient on video, prescribes; the patient pays by QR', async () => {
    const v = (await api(server.url, patient, 'GET', `/api/visits/${visitId}`)) as unknown as { practitioner: { name: string } };
    assert.match(v.practitioner.name, /Thu Hà/);
    await doctor.goto(`${server.url}/homecare/visits/${visitId}`);
    await doctor.getByTestId('visit-start').click({ timeout: T });
    await doctor.locator('[data-testid="visit-state"][data-state="in_progress"]').waitFor({ timeout: T });

    // Both in the visit's room: the patient waits in the lobby until the doctor lets them in; video both ways.
    await patient.goto(`${server.url}/patient/visits/${visitId}`);
    await patient.getByTestId('visit-join-room').click({ timeout: T });
    await patient.getByTestId('room-join').click({ timeout: T });
    await patient.getByTestId('room-lobby').waitFor({ timeout: T });
    const room = await doctor.context().newPage();
    pages.push(room);
    const roomId = ((await api(server.url, doctor, 'GET', `/api/visits/${visitId}`)) as unknown as { roomId: string }).roomId;
    await room.goto(`${server.url}/rooms/${roomId}`);
    await room.getByTestId('room-join').click({ timeout: T });
    await room.locator('[data-testid^="room-admit-"]').first().click({ timeout: T });
    await patient.getByTestId('room-call').waitFor({ timeout: T });
    const [a, b] = await Promise.all([untilDecoding(room, 1), untilDecoding(patient, 1)]);
    assert.ok(a[0]! > 10 && b[0]! > 10);

    // 7946: identity and consent confirmed, red flags asked (none), then the note and the prescription.
    await doctor.bringToFront();
    await doctor.getByTestId('visit-identity').check();
    await doctor.getByTestId('visit-consent').check();
    await doctor.getByTestId('visit-steps-save').click();
    await doctor.getByTestId('visit-note-complaint').fill('Đau đầu, huyết áp cao buổi sáng');
    await doctor.getByTestId('visit-note-findings').fill('HA tự đo 165/100; không dấu hiệu nguy hiểm');
    await doctor.getByTestId('visit-note-diagnosis').fill('I10');
    await doctor.getByRole('option').first().click({ timeout: T });
    await doctor.getByTestId('visit-note-advice').fill('Ăn nhạt, đo huyết áp sáng tối');
    await doctor.getByTestId('visit-note-followup-days').fill('14');
    await doctor.getByTestId('visit-note-save').click();
    const row = doctor.getByTestId('rx-row').first();
    await row.getByTestId('rx-drug').fill('Amlodipin');
    await row.getByTestId('rx-strength').fill('5 mg');
    await row.getByTestId('rx-form').fill('viên nén');
    await row.getByTestId('rx-dose').fill('1 viên');
    await row.getByTestId('rx-frequency').fill('1 lần/ngày, buổi sáng');
    await row.getByTestId('rx-duration').fill('14');
    await row.getByTestId('rx-quantity').fill('14');
    await row.getByTestId('rx-unit').fill('viên');
    await doctor.getByTestId('rx-submit').click();
    const code = await doctor.getByTestId('rx-code').textContent({ timeout: T });
    assert.match(code ?? '', /VXD01[0-9a-z]{7}-c/);
    await doctor.getByTestId('visit-complete').click();
    await doctor.locator('[data-testid="visit-state"][data-state="completed"]').waitFor({ timeout: T });

    // The patient sees the prescription and pays the fee by VietQR; the (test) bank confirms it.
    await patient.goto(`${server.url}/patient/visits/${visitId}`);
    await patient.getByTestId('rx-view').waitFor({ timeout: T });
    assert.match((await patient.getByTestId('rx-view').textContent()) ?? '', /Amlodipin/);
    await patient.locator('[data-testid="pay-qr"] svg').waitFor({ timeout: T });
    assert.match((await patient.getByTestId('pay-amount').textContent()) ?? '', /150[.,\s ]?000/);
    await patient.getByTestId('pay-demo-bank').click();
    await patient.locator('[data-testid="pay-status"][data-status="paid"]').waitFor({ timeout: T });
    await patient.getByTestId('pay-receipt').waitFor({ timeout: T });
    // The receipt as a PDF, fetched with the patient's session.
    const href = await patient.getByTestId('pay-receipt-pdf').getAttribute('href');
    const pdf = await patient.request.get(`${server.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal((await pdf.body()).subarray(0, 5).toString('latin1'), '%PDF-');
  });
});
