import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_VERSIONS, parseEmvQr, type ServerMessage } from '@vuonxa/core';
import { cookieOf, createHarness, type Harness } from '../../../test/harness.js';
import { is, roomClient } from '../../../test/room-client.js';
import type { VisitsService } from './visits.service.js';

// Patients at home: sign-in by one-time code, the account's people and consents, doctors' hours, booking within the
// legal list and the doctor's scope, the cut-off, the walk-in queue and reminders.
let h: Harness;
let now = Date.now();
const clock = { now: () => now };
const DAY = 86_400_000;

let facility: string;
let admin: string;
let doctor: string;
let doctorPractitioner: string;
let dermPractitioner: string;
let service: string;

const call = (cookie: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

/** The last code the dev SMS gateway "sent" to a number ending in these 4 digits. */
async function lastCode(phone: string): Promise<string> {
  const inbox = (await call(null, 'GET', '/api/dev/sms-inbox')).json<{ to: string; text: string }[]>();
  const msg = inbox.find((m) => m.to.endsWith(phone.replace(/\D/g, '').slice(-4)));
  return /(\d{6})/.exec(msg?.text ?? '')![1]!;
}

async function patientSignIn(phone: string, ip = '10.1.0.1'): Promise<string> {
  const asked = await h.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone }, remoteAddress: ip });
  expect(asked.statusCode).toBe(202);
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/otp/verify',
    payload: { phone, code: await lastCode(phone) },
    remoteAddress: ip,
  });
  expect(res.statusCode).toBe(200);
  return cookieOf(res);
}

async function readyPatient(phone: string, name: string) {
  const cookie = await patientSignIn(phone);
  const p = (await call(cookie, 'PUT', '/api/patient/profile/self', { fullName: name, birthDate: '1960-05-02', sex: 'male' })).json();
  for (const kind of ['remote_care', 'data_processing'] as const)
    expect((await call(cookie, 'POST', '/api/patient/consents', { kind, version: CONSENT_VERSIONS[kind] })).statusCode).toBe(201);
  return { cookie, patientId: p.people[0].patientId as string };
}

async function practitioner(name: string, specialties: string[], userId: string | null) {
  const { rows } = await h.db.query<{ id: string }>(
    `INSERT INTO practitioner (full_name, licence_number, profession, scope_of_practice, specialties, user_id)
     VALUES ($1, $2, 'doctor', 'Khám bệnh, chữa bệnh', $3, $4) RETURNING id`,
    [name, `CCHN-${Math.random().toString(36).slice(2, 10)}`, specialties, userId],
  );
  await h.db.query(`INSERT INTO practitioner_membership (practitioner_id, facility_id, position) VALUES ($1, $2, 'Bác sĩ')`, [
    rows[0]!.id,
    facility,
  ]);
  return rows[0]!.id;
}

/** A date `days` ahead, as YYYY-MM-DD in Vietnam time. */
const dayAhead = (days: number) => new Date(now + days * DAY + 7 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await createHarness({ clock });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  facility = (await h.build.facility({ name: 'Bệnh viện Tim Hà Nội', specialties: ['cardiology'] })).id;
  const a = await h.build.user({ roles: [{ facilityId: facility, role: 'facility_admin' }], name: 'Quản trị BV' });
  admin = await h.signIn(a.email);
  const d = await h.build.user({ roles: [{ facilityId: facility, role: 'specialist' }], name: 'BS. Tim' });
  doctor = await h.signIn(d.email);
  doctorPractitioner = await practitioner('BS. Tim', ['cardiology'], d.id);
  dermPractitioner = await practitioner('BS. Da', ['dermatology'], null);
  const s = await call(admin, 'POST', `/api/facilities/${facility}/visit-services`, {
    name: 'Khám tim mạch từ xa',
    specialty: 'cardiology',
    durationMinutes: 20,
    feeVnd: 150_000,
    insuranceCovered: false,
  });
  expect(s.statusCode).toBe(201);
  service = s.json().id;
});
afterAll(() => h.close());

describe('sign-in by one-time code', () => {
  it('registers a new phone as a patient; codes are single-use, expire, and are limited', async () => {
    const phone = '+84 912 000 101';
    expect((await call(null, 'POST', '/api/auth/otp/request', { phone: 'abc' })).json().error.details.issues[0].field).toBe('phone');
    await h.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone }, remoteAddress: '10.2.0.1' });
    const code = await lastCode(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect((await call(null, 'POST', '/api/auth/otp/verify', { phone, code: wrong })).statusCode).toBe(401);
    const ok = await call(null, 'POST', '/api/auth/otp/verify', { phone: '0912000101', code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().me.memberships).toEqual([expect.objectContaining({ role: 'patient', facilityId: null })]);
    // Used once only; a late code is refused too.
    expect((await call(null, 'POST', '/api/auth/otp/verify', { phone, code })).statusCode).toBe(401);
    await h.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone }, remoteAddress: '10.2.0.1' });
    const late = await lastCode(phone);
    now += 6 * 60_000;
    expect((await call(null, 'POST', '/api/auth/otp/verify', { phone, code: late })).statusCode).toBe(401);
    now -= 6 * 60_000;
    // Five codes a phone in the window.
    for (let i = 0; i < 3; i++)
      await h.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone }, remoteAddress: '10.2.0.1' });
    const limited = await h.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone }, remoteAddress: '10.2.0.1' });
    expect(limited.statusCode).toBe(429);
    // The codes themselves are never stored.
    const { rows } = await h.db.query<{ code_hash: string }>(`SELECT code_hash FROM otp_code WHERE phone = '0912000101'`);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.code_hash) && !r.code_hash.includes(code))).toBe(true);
  });

  it('does not let a staff phone in without its password', async () => {
    const staff = await h.build.user({ roles: [{ facilityId: facility, role: 'clinician' }], phone: '0912000199' });
    expect(staff.id).toBeTruthy();
    await call(null, 'POST', '/api/auth/otp/request', { phone: '0912000199' });
    expect((await call(null, 'POST', '/api/auth/otp/verify', { phone: '0912000199', code: await lastCode('0912000199') })).statusCode).toBe(
      401,
    );
  });
});

describe('the account: people and consents', () => {
  it('keeps the holder and a child, records consents by version and lets them be withdrawn', async () => {
    const cookie = await patientSignIn('0912000102');
    const bad = await call(cookie, 'PUT', '/api/patient/profile/self', {
      fullName: 'Lò Văn A',
      birthDate: '1980-01-01',
      sex: 'male',
      citizenId: '123',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('citizenId');
    await call(cookie, 'PUT', '/api/patient/profile/self', {
      fullName: 'Lò Văn A',
      birthDate: '1980-01-01',
      sex: 'male',
      citizenId: '011080001234',
    });
    const child = await call(cookie, 'POST', '/api/patient/dependants', {
      relation: 'child',
      fullName: 'Lò Thị B',
      birthDate: '2019-06-01',
      sex: 'female',
    });
    expect(child.statusCode).toBe(201);
    expect(child.json().people.map((p: { relation: string }) => p.relation)).toEqual(['self', 'child']);
    // Someone else's citizen ID is not claimed online.
    const other = await patientSignIn('0912000103');
    const clash = await call(other, 'PUT', '/api/patient/profile/self', {
      fullName: 'Kẻ Khác',
      birthDate: '1980-01-01',
      sex: 'male',
      citizenId: '011080001234',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details).toMatchObject({ reason: 'identity_exists', field: 'citizenId' });

    const stale = await call(cookie, 'POST', '/api/patient/consents', { kind: 'remote_care', version: '2020-01' });
    expect(stale.json().error.details.issues[0].field).toBe('version');
    const given = await call(cookie, 'POST', '/api/patient/consents', { kind: 'remote_care', version: CONSENT_VERSIONS.remote_care });
    expect(given.json().consentsInForce).toEqual({ remote_care: true, data_processing: false });
    const withdrawn = (await call(cookie, 'DELETE', '/api/patient/consents/remote_care')).json();
    expect(withdrawn.consentsInForce.remote_care).toBe(false);
    expect(withdrawn.consents[0]).toMatchObject({ kind: 'remote_care', withdrawnAt: expect.any(String) });
    // Staff have no patient account.
    expect((await call(doctor, 'GET', '/api/patient/profile')).statusCode).toBe(403);
  });
});

describe('doctors’ hours and booking', () => {
  let slots: { id: string; startsAt: string }[];

  it('publishes hours only within the doctor’s scope, skipping holidays', async () => {
    const from = dayAhead(7);
    const to = dayAhead(13);
    expect((await call(admin, 'POST', `/api/facilities/${facility}/holidays`, { date: dayAhead(8), name: 'Nghỉ bù' })).statusCode).toBe(
      201,
    );
    const rule = {
      facilityId: facility,
      serviceId: service,
      from,
      to,
      weekdays: [1, 2, 3, 4, 5, 6, 7],
      startTime: '08:00',
      endTime: '09:00',
      bufferMinutes: 10,
      maxPerDay: 2,
      cancelCutoffHours: 12,
    };
    const out = await call(doctor, 'POST', '/api/schedules', { ...rule, practitionerId: doctorPractitioner });
    expect(out.statusCode).toBe(201);
    expect(out.json()).toMatchObject({ slots: 12, skippedHolidays: [dayAhead(8)] });
    // A dermatologist cannot offer cardiology; a doctor cannot publish someone else's hours.
    const derm = await call(admin, 'POST', '/api/schedules', { ...rule, practitionerId: dermPractitioner });
    expect(derm.statusCode).toBe(403);
    expect(derm.json().error.details.reason).toBe('outside_scope');
    const patient = await patientSignIn('0912000104');
    expect((await call(patient, 'POST', '/api/schedules', { ...rule, practitionerId: doctorPractitioner })).statusCode).toBe(403);
    slots = (await call(patient, 'GET', `/api/slots?serviceId=${service}`)).json();
    expect(slots).toHaveLength(12);
  });

  it('books a listed condition within scope, refuses the rest with the reason, and keeps one booking per slot', async () => {
    const a = await readyPatient('0912000105', 'Hà Văn Tim');
    const b = await readyPatient('0912000106', 'Lý Thị Khác');
    const book = (who: { cookie: string; patientId: string }, slotId: string, conditionNo: number) =>
      call(who.cookie, 'POST', '/api/visits', { slotId, patientId: who.patientId, conditionNo, reason: 'Huyết áp cao, xin tư vấn thuốc.' });
    // 16 = hypertension (cardiology): allowed. 1 = obesity (nutrition): outside this doctor's scope. 999: not listed.
    const notListed = await book(a, slots[0]!.id, 999);
    expect(notListed.statusCode).toBe(403);
    expect(notListed.json().error.details.reason).toBe('condition_not_listed');
    const outside = await book(a, slots[0]!.id, 1);
    expect(outside.json().error.details.reason).toBe('outside_scope');
    const notMine = await call(a.cookie, 'POST', '/api/visits', {
      slotId: slots[0]!.id,
      patientId: b.patientId,
      conditionNo: 16,
      reason: 'Đặt hộ người lạ',
    });
    expect(notMine.json().error.details.reason).toBe('not_your_patient');
    const ok = await book(a, slots[0]!.id, 16);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      state: 'booked',
      condition: { no: 16 },
      service: { feeVnd: 150_000 },
      practitioner: { id: doctorPractitioner },
    });
    expect((await book(b, slots[0]!.id, 16)).json().error.details.reason).toBe('slot_taken');
    expect((await book(a, slots[0]!.id, 16)).statusCode).toBe(409);
    // Without consent, no booking.
    await call(b.cookie, 'DELETE', '/api/patient/consents/remote_care');
    expect((await book(b, slots[1]!.id, 16)).json().error.details.reason).toBe('consent_missing');
    // Refusals are audited with their reason.
    const { rows } = await h.db.query<{ reason: string }>(
      `SELECT details->>'reason' AS reason FROM audit_event WHERE action = 'visit.refused'`,
    );
    expect(rows.map((r) => r.reason)).toEqual(expect.arrayContaining(['condition_not_listed', 'outside_scope', 'consent_missing']));
    // The booked slot is gone from the open list; the doctor sees the visit, another patient does not.
    expect((await call(a.cookie, 'GET', `/api/slots?serviceId=${service}`)).json()).toHaveLength(11);
    expect((await call(doctor, 'GET', '/api/visits?scope=practitioner')).json().map((v: { id: string }) => v.id)).toContain(ok.json().id);
    expect((await call(b.cookie, 'GET', `/api/visits/${ok.json().id}`)).statusCode).toBe(404);
  });

  it('moves and cancels within the cut-off; after it only the doctor can', async () => {
    const p = await readyPatient('0912000107', 'Đỗ Văn Dời');
    const open = (await call(p.cookie, 'GET', `/api/slots?serviceId=${service}`)).json<{ id: string; startsAt: string }[]>();
    const v = (
      await call(p.cookie, 'POST', '/api/visits', {
        slotId: open[0]!.id,
        patientId: p.patientId,
        conditionNo: 16,
        reason: 'Tái khám huyết áp',
      })
    ).json();
    const moved = await call(p.cookie, 'POST', `/api/visits/${v.id}/reschedule`, { slotId: open[1]!.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().startsAt).toBe(open[1]!.startsAt);
    // The first slot is open again.
    expect((await call(p.cookie, 'GET', `/api/slots?serviceId=${service}`)).json().map((s: { id: string }) => s.id)).toContain(open[0]!.id);
    // Two hours before: past the 12-hour cut-off for the patient.
    const saved = now;
    now = Date.parse(open[1]!.startsAt) - 2 * 3_600_000;
    const late = await call(p.cookie, 'POST', `/api/visits/${v.id}/cancel`, {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.details.reason).toBe('cutoff_passed');
    const byDoctor = await call(doctor, 'POST', `/api/visits/${v.id}/cancel`, { reason: 'Bác sĩ bận đột xuất' });
    expect(byDoctor.json().state).toBe('cancelled');
    now = saved;
  });
});

describe('reminders', () => {
  it('texts the booking account a day before and an hour before, once each, without health data', async () => {
    const visits = (h.app as unknown as { visits: VisitsService }).visits;
    const p = await readyPatient('0912000110', 'Người Nhắc Lịch');
    const open = (await call(p.cookie, 'GET', `/api/slots?serviceId=${service}`)).json<{ id: string; startsAt: string }[]>();
    await call(p.cookie, 'POST', '/api/visits', { slotId: open[2]!.id, patientId: p.patientId, conditionNo: 16, reason: 'Nhắc lịch' });
    const saved = now;
    const start = Date.parse(open[2]!.startsAt);
    now = start - 5 * 3_600_000;
    expect(await visits.remindUpcoming()).toBe(1);
    expect(await visits.remindUpcoming()).toBe(0);
    now = start - 30 * 60_000;
    expect(await visits.remindUpcoming()).toBe(1);
    now = saved;
    const inbox = (await call(null, 'GET', '/api/dev/sms-inbox')).json<{ to: string; text: string }[]>();
    const texts = inbox.filter((m) => m.to.endsWith('0110')).map((m) => m.text);
    expect(texts.filter((t) => t.includes('lich kham'))).toHaveLength(2);
    expect(texts.join(' ')).not.toMatch(/huyết áp|Nhắc lịch|Người/);
    // The same two reminders in the app, pointing at the visit, with its time.
    const bell = (await call(p.cookie, 'GET', '/api/notifications')).json<{ items: { kind: string; visitId: string; ref: string }[] }>();
    const reminders = bell.items.filter((n) => n.kind === 'visit.reminder');
    expect(reminders).toHaveLength(2);
    expect(reminders[0]).toMatchObject({ ref: new Date(start).toISOString(), visitId: expect.any(String) });
  });
});

describe('walk-in virtual clinic', () => {
  it('gives numbers, shows the place and the wait, and the doctor on duty calls the next', async () => {
    const w = await call(admin, 'POST', `/api/facilities/${facility}/walk-ins`, {
      serviceId: service,
      practitionerIds: [doctorPractitioner],
    });
    expect(w.statusCode).toBe(201);
    const id = w.json().id;
    expect(
      (await call(admin, 'POST', `/api/facilities/${facility}/walk-ins`, { serviceId: service, practitionerIds: [dermPractitioner] }))
        .statusCode,
    ).toBe(403);
    const p1 = await readyPatient('0912000108', 'Người Thứ Nhất');
    const p2 = await readyPatient('0912000109', 'Người Thứ Hai');
    const t1 = (
      await call(p1.cookie, 'POST', `/api/walk-ins/${id}/tickets`, {
        patientId: p1.patientId,
        conditionNo: 16,
        reason: 'Đau đầu, huyết áp 160/100',
      })
    ).json();
    const t2 = (
      await call(p2.cookie, 'POST', `/api/walk-ins/${id}/tickets`, {
        patientId: p2.patientId,
        conditionNo: 17,
        reason: 'Giãn tĩnh mạch chân',
      })
    ).json();
    expect([t1.number, t2.number]).toEqual([1, 2]);
    expect(t2).toMatchObject({ ahead: 1, expectedWaitMinutes: 40, state: 'waiting' });
    expect(
      (await call(p1.cookie, 'POST', `/api/walk-ins/${id}/tickets`, { patientId: p1.patientId, conditionNo: 16, reason: 'Lần nữa' }))
        .statusCode,
    ).toBe(409);
    // A patient cannot call; the doctor on duty can.
    expect((await call(p1.cookie, 'POST', `/api/walk-ins/${id}/next`)).statusCode).toBe(403);
    const called = await call(doctor, 'POST', `/api/walk-ins/${id}/next`);
    expect(called.json()).toMatchObject({ id: t1.visitId, state: 'in_progress', practitioner: { id: doctorPractitioner } });
    expect((await call(p2.cookie, 'GET', `/api/walk-ins/${id}/tickets/${t2.visitId}`)).json()).toMatchObject({
      ahead: 0,
      expectedWaitMinutes: 20,
    });
    expect((await call(p1.cookie, 'GET', `/api/walk-ins/${id}/tickets/${t2.visitId}`)).statusCode).toBe(404);
  });
});

describe('the visit, the prescription and the payment', () => {
  it('follows the 7946 steps, refuses controlled substances, codes the prescription, and is paid by VietQR', async () => {
    const p = await readyPatient('0912000111', 'Trần Văn Khám');
    const open = (await call(p.cookie, 'GET', `/api/slots?serviceId=${service}`)).json<{ id: string; startsAt: string }[]>();
    const slot = open.at(-1)!;
    const v = (
      await call(p.cookie, 'POST', '/api/visits', {
        slotId: slot.id,
        patientId: p.patientId,
        conditionNo: 16,
        reason: 'Huyết áp 170/100 buổi sáng',
      })
    ).json();
    // Not before its time (30 minutes early at most), and only by its doctor.
    expect((await call(doctor, 'POST', `/api/visits/${v.id}/start`)).json().error.details.reason).toBe('too_early');
    const saved = now;
    now = Date.parse(slot.startsAt) - 10 * 60_000;
    expect((await call(p.cookie, 'POST', `/api/visits/${v.id}/start`)).statusCode).toBe(403);
    const started = (await call(doctor, 'POST', `/api/visits/${v.id}/start`)).json();
    expect(started).toMatchObject({ state: 'in_progress', roomId: expect.stringMatching(/^vx-/), canConduct: true });
    // The patient sees the room to wait in; the note waits for identity, consent and triage.
    expect((await call(p.cookie, 'GET', `/api/visits/${v.id}`)).json()).toMatchObject({ roomId: started.roomId, canConduct: false });
    // The patient's bell says the doctor has opened the visit (once: starting again after a drop tells nobody twice).
    await call(doctor, 'POST', `/api/visits/${v.id}/start`);
    const bell = (await call(p.cookie, 'GET', '/api/notifications')).json<{ items: { kind: string; visitId: string | null }[] }>();
    expect(bell.items.filter((n) => n.kind === 'visit.started' && n.visitId === v.id)).toHaveLength(1);
    // The live room: the doctor hosts, the patient's account waits in the lobby until let in, nobody else enters.
    const base = `ws://127.0.0.1:${(h.app.server.address() as AddressInfo).port}/api/ws`;
    const doc = await roomClient(base, doctor);
    doc.send({ type: 'room.join', roomId: started.roomId });
    expect((await doc.until(is('room.joined'))).you).toMatchObject({ host: true, status: 'admitted' });
    const pat = await roomClient(base, p.cookie);
    pat.send({ type: 'room.join', roomId: started.roomId });
    const waiting = await pat.until(is('room.joined'));
    expect(waiting.you).toMatchObject({ host: false, status: 'lobby' });
    doc.send({ type: 'room.admit', roomId: started.roomId, participantId: waiting.you.participantId });
    await pat.until(
      (m): m is ServerMessage =>
        m.type === 'room.participants' &&
        m.participants.some((x) => x.participantId === waiting.you.participantId && x.status === 'admitted'),
    );
    // The chat of the room is the visit's messages (the fallback when video fails).
    pat.send({ type: 'room.chat', roomId: started.roomId, text: 'Cháu nghe rõ, hình hơi giật.' });
    await doc.until(is('room.chat'));
    expect((await call(doctor, 'GET', `/api/visits/${v.id}/messages`)).json()[0]).toMatchObject({ text: 'Cháu nghe rõ, hình hơi giật.' });
    const stranger = await roomClient(base, (await readyPatient('0912000114', 'Người Lạ')).cookie);
    stranger.send({ type: 'room.join', roomId: started.roomId });
    expect((await stranger.until(is('room.error'))).code).toBe('FORBIDDEN');
    for (const c of [doc, pat, stranger]) c.ws.close();
    const note = {
      complaint: 'Đau đầu, huyết áp cao buổi sáng',
      findings: 'HA 165/95',
      diagnoses: [{ code: 'I10' }],
      advice: 'Giảm muối',
      followUp: { inDays: 14, instructions: 'Đo huyết áp sáng, tối' },
    };
    expect((await call(doctor, 'PUT', `/api/visits/${v.id}/note`, note)).json().error.details.reason).toBe('steps_missing');
    const noAdvice = await call(doctor, 'PUT', `/api/visits/${v.id}/steps`, {
      identityConfirmed: true,
      consentConfirmed: true,
      redFlags: ['chest_pain'],
    });
    expect(noAdvice.json().error.details.issues[0].field).toBe('emergencyAdvice');
    const steps = await call(doctor, 'PUT', `/api/visits/${v.id}/steps`, { identityConfirmed: true, consentConfirmed: true, redFlags: [] });
    expect(steps.json().steps).toMatchObject({
      identityConfirmedAt: expect.any(String),
      consentConfirmedAt: expect.any(String),
      triageAt: expect.any(String),
    });
    const badCode = await call(doctor, 'PUT', `/api/visits/${v.id}/note`, { ...note, diagnoses: [{ code: 'Z99.9' }] });
    expect(badCode.json().error.details.issues[0].field).toBe('diagnoses.0.code');
    expect((await call(doctor, 'PUT', `/api/visits/${v.id}/note`, note)).json().note.diagnoses[0].code).toBe('I10');

    const item = {
      drug: 'Amlodipin 5mg',
      activeIngredient: 'Amlodipine',
      strength: '5 mg',
      form: 'viên nén',
      dose: '1 viên',
      route: 'oral',
      frequency: '1 lần/ngày, buổi sáng',
      durationDays: 30,
      quantity: 30,
      unit: 'viên',
    };
    const controlled = await call(doctor, 'POST', `/api/visits/${v.id}/prescription`, {
      items: [{ ...item, drug: 'Tramadol 50mg', activeIngredient: 'Tramadol' }],
    });
    expect(controlled.statusCode).toBe(403);
    expect(controlled.json().error.details).toMatchObject({ reason: 'controlled_substance', field: 'items.0.drug', class: 'narcotic' });
    expect((await call(doctor, 'POST', `/api/visits/${v.id}/prescription`, { items: [item] })).json().error.details.reason).toBe(
      'facility_without_kcb_code',
    );
    await h.db.query(`UPDATE facility SET kcb_code = 'VXT01' WHERE id = $1`, [facility]);
    await h.db.query(
      `INSERT INTO facility_bank_account (facility_id, bank_bin, account_no, account_name) VALUES ($1, '970418', '1234567890', 'BV TIM THU')`,
      [facility],
    );
    const pres = await call(doctor, 'POST', `/api/visits/${v.id}/prescription`, { items: [item], advice: 'Tái khám sau 2 tuần' });
    expect(pres.statusCode).toBe(201);
    expect(pres.json().code).toMatch(/^VXT01[0-9a-z]{7}-c$/);
    expect(pres.json().diagnoses[0]).toMatchObject({ code: 'I10', name: expect.any(String) });
    expect((await call(doctor, 'POST', `/api/visits/${v.id}/prescription`, { items: [item] })).statusCode).toBe(409);
    // The patient sees it; another patient does not; nobody changes it.
    expect((await call(p.cookie, 'GET', `/api/prescriptions/${pres.json().id}`)).json().items[0]).toMatchObject({
      drug: 'Amlodipin 5mg',
      quantity: 30,
    });
    const other = await readyPatient('0912000112', 'Người Ngoài');
    expect((await call(other.cookie, 'GET', `/api/prescriptions/${pres.json().id}`)).statusCode).toBe(404);
    await expect(h.db.query(`UPDATE prescription SET advice = 'x' WHERE id = $1`, [pres.json().id])).rejects.toThrow(/append-only/);
    const pdf = await call(p.cookie, 'GET', `/api/prescriptions/${pres.json().id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The end: a VietQR payment request for the fee, paid through the bank's signed notification.
    expect((await call(doctor, 'POST', `/api/visits/${v.id}/complete`)).json().state).toBe('completed');
    const pay = (await call(p.cookie, 'GET', `/api/visits/${v.id}/payment`)).json();
    expect(pay).toMatchObject({ amountVnd: 150_000, status: 'pending', insuranceCovered: false, qrSvg: expect.stringContaining('<svg') });
    const qr = parseEmvQr(pay.qrPayload);
    expect(qr.get('54')).toBe('150000');
    expect(qr.get('62')).toContain(pay.reference);
    const forged = await call(null, 'POST', '/api/payments/bank-notify', {
      reference: pay.reference,
      amountVnd: 150_000,
      bankTxnId: 'FAKE0001',
    });
    expect(forged.statusCode).toBe(401);
    // No receipt before the money arrives.
    const early = await call(p.cookie, 'GET', `/api/visits/${v.id}/receipt`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toMatchObject({ reason: 'not_paid', status: 'pending' });
    expect((await call(null, 'POST', `/api/dev/test-bank/pay/${pay.id}`)).json().status).toBe('paid');
    expect((await call(p.cookie, 'GET', `/api/visits/${v.id}/payment`)).json()).toMatchObject({
      status: 'paid',
      receiptNo: expect.stringMatching(/^BL\d{8}-/),
      qrPayload: null,
    });
    // The receipt: its number, the payer, the amount in figures and in words; for the patient, not for a stranger.
    const receipt = await call(p.cookie, 'GET', `/api/visits/${v.id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(receipt.rawPayload);
    const receiptNo = (await call(p.cookie, 'GET', `/api/visits/${v.id}/payment`)).json().receiptNo as string;
    for (const part of ['BIÊN LAI THU TIỀN', receiptNo, 'Trần Văn Khám', '150.000 đ', 'Một trăm năm mươi nghìn đồng', pay.reference])
      expect(text).toContain(part);
    expect((await call(other.cookie, 'GET', `/api/visits/${v.id}/receipt`)).statusCode).toBe(404);
    const { rows: readAudit } = await h.db.query(`SELECT 1 FROM audit_event WHERE action = 'payment.receipt' AND entity_id = $1`, [pay.id]);
    expect(readAudit).toHaveLength(1);

    // The patient's own record, exportable; nobody else's.
    const record = await call(p.cookie, 'GET', `/api/patient/record/${p.patientId}?download=1`);
    expect(record.headers['content-disposition']).toContain('attachment');
    expect(record.json()).toMatchObject({
      visits: [expect.objectContaining({ id: v.id, state: 'completed' })],
      prescriptions: [expect.objectContaining({ code: pres.json().code })],
    });
    expect((await call(other.cookie, 'GET', `/api/patient/record/${p.patientId}`)).statusCode).toBe(404);
    now = saved;
  });

  it('ends a visit with a red flag as a referral to emergency care, with the advice recorded', async () => {
    const p = await readyPatient('0912000113', 'Lê Thị Cấp');
    const w = await call(admin, 'POST', `/api/facilities/${facility}/walk-ins`, {
      serviceId: service,
      practitionerIds: [doctorPractitioner],
    });
    const wid = w.json().id as string;
    const t = (
      await call(p.cookie, 'POST', `/api/walk-ins/${wid}/tickets`, { patientId: p.patientId, conditionNo: 16, reason: 'Tức ngực' })
    ).json();
    expect((await call(doctor, 'POST', `/api/walk-ins/${wid}/next`)).json().id).toBe(t.visitId);
    await call(doctor, 'POST', `/api/visits/${t.visitId}/start`);
    const out = await call(doctor, 'PUT', `/api/visits/${t.visitId}/steps`, {
      identityConfirmed: true,
      consentConfirmed: true,
      redFlags: ['chest_pain'],
      emergencyAdvice: 'Gọi 115, đến cấp cứu bệnh viện gần nhất ngay.',
    });
    expect(out.json()).toMatchObject({
      state: 'referred_emergency',
      steps: { redFlags: ['chest_pain'], emergencyAdvice: expect.stringContaining('115') },
    });
    expect((await call(doctor, 'POST', `/api/visits/${t.visitId}/complete`)).statusCode).toBe(409);
  });
});

/** The text of a PDF (pdf.js), normalised to NFC so that Vietnamese compares as typed. */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    text += (await page.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' ');
  }
  return text.normalize('NFC');
}
