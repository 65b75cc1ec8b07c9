import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';
import { consultWorld, dicomSlice, draftBody, jpeg, upload, type World } from '../../../test/consult-world.js';
import { patientsRepo } from '../patients/patients.repo.js';
import { consultsRepo } from './consults.repo.js';
import { threadRepo } from './thread.repo.js';

let h: Harness;
let w: World;

beforeAll(async () => {
  h = await createHarness();
  w = await consultWorld(h);
});
afterAll(() => h.close());

const call = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  h.app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

async function draft(o: Record<string, unknown> = {}) {
  const res = await call(w.cookies.clinician, 'POST', '/api/consults', draftBody(w, o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; ref: string; version: number; state: string }>();
}
const act = (cookie: string, id: string, body: Record<string, unknown>) => call(cookie, 'POST', `/api/consults/${id}/transitions`, body);

describe('patients', () => {
  it('finds the same person by citizen ID or insurance number instead of creating a second record', async () => {
    const again = await call(w.cookies.clinician, 'POST', '/api/patients', {
      facilityId: w.spoke.id,
      fullName: 'Nguyễn Thị Hòa',
      birthDate: '1958-03-14',
      sex: 'female',
      insuranceNumber: 'GD4795123456789',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({ patientId: w.patientId, field: 'insuranceNumber' });

    // At another facility the record is linked, not duplicated.
    const other = await h.build.facility({ type: 'commune_health_station' });
    const nurse = await h.build.user({ roles: [{ facilityId: other.id, role: 'clinician' }] });
    const res = await call(await h.signIn(nurse.email), 'POST', '/api/patients', {
      facilityId: other.id,
      fullName: 'Nguyễn Thị Hoà',
      birthDate: '1958-03-14',
      sex: 'female',
      citizenId: '051158001234',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ matched: true, patient: { id: w.patientId } });
  });

  it('names the field of a malformed identifier', async () => {
    const res = await call(w.cookies.clinician, 'POST', '/api/patients', {
      facilityId: w.spoke.id,
      fullName: 'X Y',
      birthDate: '2000-01-01',
      sex: 'male',
      citizenId: '12345',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues[0].field).toBe('citizenId');
  });

  it('searches without diacritics and by citizen ID, only among the facility’s patients', async () => {
    const byName = await call(w.cookies.clinician, 'GET', `/api/patients?q=${encodeURIComponent('nguyen thi hoa')}`);
    expect(byName.json().map((p: { id: string }) => p.id)).toContain(w.patientId);
    expect(byName.json()[0].citizenIdMasked).toBe('••••••••1234');
    const byId = await call(w.cookies.clinician, 'GET', '/api/patients?q=051158001234');
    expect(byId.json()).toHaveLength(1);
    // The hub's coordinator registers nobody and finds nobody.
    expect((await call(w.cookies.coordinator, 'GET', '/api/patients?q=nguyen')).statusCode).toBe(403);
  });
});

describe('request, triage, discussion, session, signed report, outcome', () => {
  it('runs the whole loop and leaves an audit trail', async () => {
    // Draft: incomplete submit names every gap.
    const empty = await call(w.cookies.clinician, 'POST', '/api/consults', { facilityId: w.spoke.id });
    expect(empty.statusCode).toBe(201);
    const incomplete = await act(w.cookies.clinician, empty.json().id, { action: 'submit' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual([
      'type',
      'urgency',
      'specialty',
      'targetHubId',
      'patientId',
      'clinical.history',
      'question',
      'diagnoses',
    ]);

    const c = await draft();
    expect(c.ref).toMatch(/^HC-\d{4}-\d{6}$/);
    // Files: a photo and a two-slice DICOM series, through the chunked upload.
    const photo = await upload(h, w.cookies.clinician, w.spoke.id, await jpeg(), 'ecg.jpg');
    const slices = [
      await upload(h, w.cookies.clinician, w.spoke.id, dicomSlice(1), 'IM0001'),
      await upload(h, w.cookies.clinician, w.spoke.id, dicomSlice(2), 'IM0002'),
    ];
    expect(slices[0]!.meta).toMatchObject({ modality: 'CT', seriesNumber: 1, instanceNumber: 1, rows: 64, columns: 64 });
    for (const b of [photo, ...slices]) {
      expect(
        (await call(w.cookies.clinician, 'POST', `/api/consults/${c.id}/attachments`, { blobId: b.id, caption: null })).statusCode,
      ).toBe(201);
    }
    // The hub sees no drafts.
    expect((await call(w.cookies.coordinator, 'GET', `/api/consults/${c.id}`)).statusCode).toBe(404);

    const submitted = await act(w.cookies.clinician, c.id, { action: 'submit' });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const sub = submitted.json();
    expect(sub.state).toBe('submitted');
    expect(Date.parse(sub.responseDueAt) - Date.parse(sub.submittedAt)).toBe(24 * 3600_000);

    // Triage queue: emergency first.
    const emergency = await draft({ urgency: 'emergency' });
    await act(w.cookies.clinician, emergency.id, { action: 'submit' });
    const queue = (await call(w.cookies.coordinator, 'GET', `/api/consults/queue?hubId=${w.hub.id}`)).json();
    expect(queue.items.map((x: { id: string }) => x.id).slice(0, 2)).toEqual([emergency.id, c.id]);
    expect((await call(w.cookies.coordinator2, 'GET', `/api/consults/queue?hubId=${w.hub.id}`)).statusCode).toBe(403);

    // Triage: more information, answered; then accept with two specialists.
    expect((await act(w.cookies.coordinator, c.id, { action: 'start_triage' })).json().state).toBe('in_triage');
    expect((await act(w.cookies.clinician, c.id, { action: 'accept', specialistIds: [w.chair.id] })).statusCode).toBe(403);
    const asked = await act(w.cookies.coordinator, c.id, { action: 'request_info', question: 'Xin kết quả men tim và creatinin.' });
    expect(asked.json()).toMatchObject({ state: 'needs_info', openQuestion: 'Xin kết quả men tim và creatinin.' });
    const answered = await act(w.cookies.clinician, c.id, {
      action: 'provide_info',
      answer: 'Creatinin 98 µmol/L; trạm không làm được men tim.',
    });
    expect(answered.json()).toMatchObject({ state: 'in_triage', openQuestion: null });
    const badAccept = await act(w.cookies.coordinator, c.id, { action: 'accept', specialistIds: [w.clinician.id] });
    expect(badAccept.json().error.details.issues[0].field).toBe('specialistIds.0');
    const accepted = await act(w.cookies.coordinator, c.id, { action: 'accept', specialistIds: [w.chair.id, w.specialist.id] });
    expect(
      accepted
        .json()
        .assignments.map((a: { id: string }) => a.id)
        .sort(),
    ).toEqual([w.chair.id, w.specialist.id].sort());
    expect(accepted.json().actions).not.toContain('accept');

    // Asynchronous discussion with read receipts.
    const msg = await call(w.cookies.specialist, 'POST', `/api/consults/${c.id}/messages`, { body: 'Đề nghị làm lại điện tim sau 1 giờ.' });
    expect(msg.statusCode, msg.body).toBe(201);
    expect((await call(w.cookies.clinician, 'POST', `/api/consults/${c.id}/read`)).statusCode).toBe(204);
    const thread = (await call(w.cookies.specialist, 'GET', `/api/consults/${c.id}/messages`)).json();
    expect(thread.map((m: { kind: string }) => m.kind)).toEqual(['info_request', 'info_response', 'message']);
    expect(thread[2].readBy.map((r: { id: string }) => r.id)).toContain(w.clinician.id);

    // A live session with the two specialists; the request moves to scheduled, then in_session.
    const session = await call(w.cookies.coordinator, 'POST', '/api/sessions', {
      hubFacilityId: w.hub.id,
      title: 'Hội chẩn tim mạch sáng thứ Sáu',
      startsAt: new Date(Date.now() + 3600_000).toISOString(),
      chairUserId: w.chair.id,
      secretaryUserId: w.secretary.id,
      specialistIds: [w.specialist.id],
      consultIds: [c.id],
    });
    expect(session.statusCode, session.body).toBe(201);
    const s = session.json();
    expect(s.invites.map((i: { kind: string }) => i.kind).sort()).toEqual(['site', 'specialist']);
    // The invited specialist is told, with when it starts (the bell shows the time).
    const told = (await call(w.cookies.specialist, 'GET', '/api/notifications')).json();
    expect(told.items.find((n: { kind: string }) => n.kind === 'session.invited')).toMatchObject({ sessionId: s.id, ref: s.startsAt });
    expect((await call(w.cookies.clinician, 'GET', `/api/consults/${c.id}`)).json().state).toBe('scheduled');
    expect((await call(w.cookies.specialist, 'POST', `/api/sessions/${s.id}/start`)).statusCode).toBe(403);
    expect((await call(w.cookies.chair, 'POST', `/api/sessions/${s.id}/start`)).json().state).toBe('live');
    await call(w.cookies.clinician, 'POST', `/api/sessions/${s.id}/join`);
    await call(w.cookies.chair, 'POST', `/api/sessions/${s.id}/join`);
    const minutes = await call(w.cookies.secretary, 'PUT', `/api/sessions/${s.id}/minutes`, {
      minutes: 'Thống nhất điều trị tại tuyến tỉnh.',
    });
    expect(minutes.json().attendance).toHaveLength(2);
    expect((await call(w.cookies.clinician, 'GET', `/api/consults/${c.id}`)).json().state).toBe('in_session');

    // The secretary drafts, freezes for the chair and one specialist; both sign.
    const content = {
      heldAt: new Date().toISOString(),
      places: ['Trạm Y tế xã Lý Sơn', 'Bệnh viện Đa khoa tỉnh Quảng Ngãi'],
      chairUserId: w.chair.id,
      secretaryUserId: w.secretary.id,
      participants: [{ name: 'BS. Chuyên khoa', role: 'Bác sĩ tim mạch', facility: 'BVĐK tỉnh Quảng Ngãi' }],
      caseSummary: 'Bệnh nhân nữ 68 tuổi, cơn tăng huyết áp.',
      discussion: 'Không có dấu hiệu tổn thương cơ quan đích cấp.',
      conclusion: 'Cơn tăng huyết áp khẩn cấp, điều trị được tại tuyến cơ sở.',
      diagnoses: [{ code: 'I10' }],
      treatment: 'Nicardipin đường uống, theo dõi HA mỗi giờ.',
      recommendedTests: 'Điện giải đồ, creatinin sau 24 giờ.',
      referralNeeded: false,
    };
    expect((await call(w.cookies.clinician, 'PUT', `/api/consults/${c.id}/report`, { content })).statusCode).toBe(403);
    const drafted = await call(w.cookies.secretary, 'PUT', `/api/consults/${c.id}/report`, { content });
    expect(drafted.statusCode, drafted.body).toBe(200);
    const report = drafted.json();
    expect(report.content.chair.name).toBe('BS. Chủ trì');
    const frozen = await call(w.cookies.secretary, 'POST', `/api/reports/${report.id}/freeze`, { specialistSignerIds: [w.specialist.id] });
    expect(frozen.json().requiredSigners.map((x: { role: string }) => x.role)).toEqual(['chair', 'specialist']);
    expect((await call(w.cookies.secretary, 'PUT', `/api/consults/${c.id}/report`, { content })).statusCode).toBe(409);
    expect((await call(w.cookies.chair, 'POST', `/api/reports/${report.id}/sign`, { password: 'wrong-password' })).statusCode).toBe(401);
    expect((await call(w.cookies.secretary, 'POST', `/api/reports/${report.id}/sign`, { password: w.secretary.password })).statusCode).toBe(
      403,
    );
    const one = await call(w.cookies.chair, 'POST', `/api/reports/${report.id}/sign`, { password: w.chair.password });
    expect(one.json()).toMatchObject({ state: 'signing', canSign: false });
    const two = await call(w.cookies.specialist, 'POST', `/api/reports/${report.id}/sign`, { password: w.specialist.password });
    expect(two.json().state).toBe('final');
    const concluded = (await call(w.cookies.clinician, 'GET', `/api/consults/${c.id}`)).json();
    expect(concluded.state).toBe('concluded');
    expect(Date.parse(concluded.outcomeDueAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const verified = (await call(w.cookies.clinician, 'GET', `/api/reports/${report.id}/verify`)).json();
    expect(verified).toMatchObject({ valid: true, complete: true, contentUnchanged: true });
    expect(verified.signatures.map((x: { signer: { id: string } }) => x.signer.id)).toEqual([w.chair.id, w.specialist.id]);

    // The outcome closes the loop.
    const badOutcome = await call(w.cookies.clinician, 'POST', `/api/consults/${c.id}/outcome`, {
      outcome: 'referred',
      occurredOn: '2026-01-02',
    });
    expect(badOutcome.json().error.details.issues[0].field).toBe('referredToFacilityId');
    const outcome = await call(w.cookies.clinician, 'POST', `/api/consults/${c.id}/outcome`, {
      outcome: 'treated_locally',
      occurredOn: new Date().toISOString().slice(0, 10),
      note: 'Ổn định.',
    });
    expect(outcome.json()).toMatchObject({ state: 'outcome_reported', outcome: { outcome: 'treated_locally' } });
    expect((await act(w.cookies.coordinator, c.id, { action: 'close' })).json().state).toBe('closed');

    // The detail's one statement gives what its seven queries give, every part filled here.
    const row = (await consultsRepo.get(h.db, c.id))!;
    expect(await consultsRepo.detailParts(h.db, row)).toEqual({
      assignments: await consultsRepo.assignments(h.db, c.id),
      attachments: await threadRepo.attachments(h.db, c.id),
      sessions: await consultsRepo.sessionsOf(h.db, c.id),
      report: await consultsRepo.latestReport(h.db, c.id),
      outcome: await consultsRepo.outcome(h.db, c.id),
      names: await consultsRepo.diagnosisNames(
        h.db,
        row.diagnoses.map((d) => d.code),
      ),
      patient: await patientsRepo.get(h.db, w.patientId),
    });
    expect((await consultsRepo.detailParts(h.db, row)).attachments).toHaveLength(3);

    // Timeline and audit trail.
    const events = (await call(w.cookies.clinician, 'GET', `/api/consults/${c.id}/events`)).json();
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'start_triage',
      'request_info',
      'provide_info',
      'accept',
      'schedule',
      'start_session',
      'conclude',
      'report_outcome',
      'close',
    ]);
    const { rows } = await h.db.query<{ action: string; actor_user_id: string }>(
      `SELECT action, actor_user_id FROM audit_event WHERE entity_id = $1 OR details->>'consultId' = $1 ORDER BY id`,
      [c.id],
    );
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'consult.create',
      'consult.read',
      'consult.transition',
      'consult.message',
      'consult.messages_read',
      'consult.outcome',
      'access.denied',
    ]) {
      expect(actions, a).toContain(a);
    }
    // The coordinator's denied look at the draft is there, attributed.
    expect(rows.some((r) => r.action === 'access.denied' && r.actor_user_id === w.coordinator.id)).toBe(true);
  });
});

describe('a new draft', () => {
  it('is answered as a read of it is', async () => {
    const res = await call(w.cookies.clinician, 'POST', '/api/consults', draftBody(w, { diagnoses: [{ code: 'i10', kind: 'working' }] }));
    expect(res.statusCode, res.body).toBe(201);
    const read = await call(w.cookies.clinician, 'GET', `/api/consults/${res.json<{ id: string }>().id}`);
    expect(res.json()).toEqual(read.json());
    expect(res.json()).toMatchObject({
      state: 'draft',
      myRoles: ['requester'],
      diagnoses: [{ code: 'I10' }],
      patient: { id: w.patientId },
    });
    expect(Date.parse(res.json().retainUntil) - Date.parse(res.json().createdAt)).toBeGreaterThan(9 * 365 * 86_400_000);
  });

  it('is refused, naming the field, when a reference does not hold, and nothing is written', async () => {
    const count = async () =>
      (
        await h.db.query<{ n: string }>(
          `SELECT (SELECT count(*) FROM consult_request) + (SELECT count(*) FROM consult_event)
                  + (SELECT count(*) FROM audit_event WHERE action = 'consult.create') AS n`,
        )
      ).rows[0]!.n;
    const before = await count();
    const elsewhere = await h.build.facility({ type: 'commune_health_station' });
    const { rows } = await h.db.query<{ id: string }>(
      `INSERT INTO bridge_site (facility_id, name, link_kind) VALUES ($1, 'Phòng hội chẩn', '4g') RETURNING id`,
      [elsewhere.id],
    );
    const stranger = await h.db.query<{ id: string }>(
      `INSERT INTO patient (full_name, birth_date, sex, created_by_facility_id) VALUES ('Người lạ', '1990-01-01', 'male', $1) RETURNING id`,
      [elsewhere.id],
    );
    const cases: [Record<string, unknown>, string, string][] = [
      [{ patientId: stranger.rows[0]!.id, targetHubId: w.spoke.id }, 'patientId', 'not_found'],
      [{ targetHubId: w.spoke.id }, 'targetHubId', 'invalid'],
      [{ targetHubId: elsewhere.id.replace(/^.{8}/, '00000000') }, 'targetHubId', 'not_found'],
      [{ siteId: rows[0]!.id }, 'siteId', 'not_found'],
      [
        {
          diagnoses: [
            { code: 'I10', kind: 'working' },
            { code: 'XYZ.99', kind: 'differential' },
          ],
        },
        'diagnoses.1.code',
        'not_found',
      ],
    ];
    for (const [change, field, code] of cases) {
      const res = await call(w.cookies.clinician, 'POST', '/api/consults', draftBody(w, change));
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.details.issues, field).toEqual([expect.objectContaining({ field, code })]);
    }
    expect(await count()).toBe(before);
  });
});

describe('who sees a request', () => {
  it('is visible to its participants only', async () => {
    const c = await draft();
    await act(w.cookies.clinician, c.id, { action: 'submit' });
    const admin = await h.build.user({ roles: [{ facilityId: null, role: 'system_admin' }] });
    const otherClinician = await h.build.user({ roles: [{ facilityId: (await h.build.facility()).id, role: 'clinician' }] });
    const outsiders = [w.cookies.coordinator2, await h.signIn(otherClinician.email)];
    // A system administrator runs the network, not the care: no consultation or patient data at all.
    const adminCookie = await h.signIn(admin.email);
    expect((await call(adminCookie, 'GET', `/api/consults/${c.id}`)).statusCode).toBe(403);
    expect((await call(adminCookie, 'GET', `/api/patients/${w.patientId}`)).statusCode).toBe(403);
    // A hub specialist not assigned to this request does not see it (though assigned to another of the same patient).
    for (const cookie of [...outsiders, w.cookies.specialist])
      expect((await call(cookie, 'GET', `/api/consults/${c.id}`)).statusCode).toBe(404);
    for (const cookie of outsiders) expect((await call(cookie, 'GET', `/api/patients/${w.patientId}`)).statusCode).toBe(404);
    expect((await call(w.cookies.coordinator, 'GET', `/api/patients/${w.patientId}`)).statusCode).toBe(200);
    const lists = (await call(w.cookies.coordinator2, 'GET', '/api/consults?view=hub')).json();
    expect(lists.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });

  it('moves to the new hub when forwarded: the old hub loses it, the new one triages it', async () => {
    const c = await draft();
    await act(w.cookies.clinician, c.id, { action: 'submit' });
    await act(w.cookies.coordinator, c.id, { action: 'start_triage' });
    const fwd = await act(w.cookies.coordinator, c.id, {
      action: 'forward',
      toHubId: w.hub2.id,
      reason: 'Cần can thiệp tim mạch tuyến trung ương.',
    });
    expect(fwd.statusCode).toBe(404); // the caller no longer has a part in it
    const seen = (await call(w.cookies.coordinator2, 'GET', `/api/consults/${c.id}`)).json();
    expect(seen).toMatchObject({ state: 'forwarded', targetHub: { id: w.hub2.id } });
    expect(seen.actions).toContain('start_triage');
  });

  it('refuses actions the state machine does not allow, and edits after submission', async () => {
    const c = await draft();
    const close = await act(w.cookies.clinician, c.id, { action: 'close' });
    expect([close.statusCode, close.json().error.code]).toEqual([409, 'INVALID_STATE']);
    await act(w.cookies.clinician, c.id, { action: 'submit' });
    const edit = await call(w.cookies.clinician, 'PUT', `/api/consults/${c.id}`, { ...draftBody(w), version: 2 });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'INVALID_STATE']);
    const decline = await act(w.cookies.coordinator, c.id, { action: 'decline', reason: 'Ngoài phạm vi chuyên môn.' });
    expect(decline.statusCode).toBe(409); // not yet in triage
  });

  it('detects concurrent edits of a draft by version', async () => {
    const c = await draft();
    const first = await call(w.cookies.clinician, 'PUT', `/api/consults/${c.id}`, {
      ...draftBody(w),
      question: 'Câu hỏi đã sửa lần thứ nhất?',
      version: c.version,
    });
    expect(first.statusCode).toBe(200);
    const stale = await call(w.cookies.clinician, 'PUT', `/api/consults/${c.id}`, { ...draftBody(w), version: c.version });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'CONFLICT']);
    expect(stale.json().error.details.field).toBe('version');
  });

  it('refuses deleting a consultation record under retention', async () => {
    const c = await draft();
    await expect(h.db.query('DELETE FROM consult_request WHERE id = $1', [c.id])).rejects.toThrow(/retention/);
    const { rows } = await h.db.query<{ years: number }>(
      `SELECT extract(year FROM age(retain_until, created_at))::int AS years FROM consult_request WHERE id = $1`,
      [c.id],
    );
    expect(rows[0]!.years).toBe(10);
  });
});

describe('what is waiting for whom', () => {
  it('puts the queue, overdue targets and owed outcomes on the home page, and reminds once of overdue outcomes', async () => {
    const { createNotificationsService } = await import('../notifications/notifications.service.js');
    const { createLocalBus } = await import('../../realtime/bus.js');
    const { remindOverdueOutcomes } = await import('./reminders.js');
    const c = await draft({ urgency: 'emergency' });
    await act(w.cookies.clinician, c.id, { action: 'submit' });
    const tasks = async (cookie: string) =>
      (await call(cookie, 'GET', '/api/home')).json().tasks as { id: string; severity: string; params: Record<string, number> }[];
    expect((await tasks(w.cookies.coordinator)).find((t) => t.id === 'triage-queue')).toBeTruthy();
    // Past the emergency target: the task turns critical and counts it.
    await h.db.query(`UPDATE consult_request SET response_due_at = now() - interval '5 minutes' WHERE id = $1`, [c.id]);
    const queue = (await tasks(w.cookies.coordinator)).find((t) => t.id === 'triage-queue')!;
    expect(queue.severity).toBe('critical');
    expect(queue.params.overdue).toBeGreaterThanOrEqual(1);
    // The other hub's queue (one forwarded request, still in time) does not count this one.
    expect((await tasks(w.cookies.coordinator2)).find((t) => t.id === 'triage-queue')?.params.overdue ?? 0).toBe(0);

    // A concluded request whose outcome is overdue: the site is told once, and sees it at home and in its list.
    await h.db.query(`UPDATE consult_request SET state = 'concluded', outcome_due_at = now() - interval '1 day' WHERE id = $1`, [c.id]);
    const notifications = createNotificationsService({
      db: h.db,
      bus: createLocalBus(),
      onError: (e) => {
        throw e;
      },
    });
    expect(await remindOverdueOutcomes(h.db, notifications)).toBeGreaterThanOrEqual(1);
    expect(await remindOverdueOutcomes(h.db, notifications)).toBe(0);
    const { rows } = await h.db.query<{ user_id: string }>(
      `SELECT user_id FROM notification WHERE consult_id = $1 AND kind = 'outcome.overdue'`,
      [c.id],
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual([w.clinician.id, w.coordinator.id].sort());
    expect((await tasks(w.cookies.clinician)).find((t) => t.id === 'outcomes-overdue')).toBeTruthy();
    const overdue = (await call(w.cookies.clinician, 'GET', '/api/consults?view=outcome_overdue')).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(c.id);
    const hubOverdue = (await call(w.cookies.coordinator, 'GET', '/api/consults?view=outcome_overdue')).json();
    expect(hubOverdue.items.map((x: { id: string }) => x.id)).toContain(c.id);
  });
});

describe('request lists', () => {
  it('pages through requests changed in the same instant without losing or repeating one', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await draft()).id);
    // One transaction (one `now()`), microseconds apart from nothing: the keyset must keep full precision.
    await h.db.query(`UPDATE consult_request SET updated_at = '2030-01-01 00:00:00.123456+00' WHERE id = ANY($1::uuid[])`, [made]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/consults?view=requested&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await call(w.cookies.clinician, 'GET', url)).json();
      seen.push(...page.items.map((x: { id: string }) => x.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 500);
    expect(seen.filter((id) => made.includes(id)).sort()).toEqual([...made].sort());
    expect(new Set(seen).size).toBe(seen.length);
    const bad = await call(w.cookies.clinician, 'GET', '/api/consults?view=requested&cursor=bm9wZQ');
    expect(bad.json().error.details.issues[0].field).toBe('cursor');
  });
});

describe('triage queue', () => {
  it('pages a hub queue of one specialty in its order, with how many wait and are overdue, and audits the read', async () => {
    const ids: string[] = [];
    for (const urgency of ['routine', 'urgent', 'emergency', 'routine', 'urgent']) {
      const d = await draft({ urgency, specialty: 'dermatology' });
      expect((await act(w.cookies.clinician, d.id, { action: 'submit' })).statusCode).toBe(200);
      ids.push(d.id);
    }
    await h.db.query(`UPDATE consult_request SET response_due_at = now() - interval '1 hour' WHERE id = $1`, [ids[0]]);
    const seen: string[] = [];
    const counts: { waiting: number; overdue: number }[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        w.cookies.coordinator,
        'GET',
        `/api/consults/queue?hubId=${w.hub.id}&specialty=dermatology&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: { id: string }[]; nextCursor: string | null; waiting: number; overdue: number }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((x) => x.id));
      counts.push({ waiting: page.waiting, overdue: page.overdue });
      cursor = page.nextCursor;
    } while (cursor);
    // Emergency, then urgent, then routine; within one urgency the longest waiting first.
    expect(seen).toEqual([ids[2], ids[1], ids[4], ids[0], ids[3]]);
    expect(counts).toEqual(Array(3).fill({ waiting: 5, overdue: 1 }));
    const { rows } = await h.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_event WHERE action = 'consult.list' AND details->>'view' = 'queue' AND subject_facility_id = $1`,
      [w.hub.id],
    );
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(3);
    const bad = await call(w.cookies.coordinator, 'GET', `/api/consults/queue?hubId=${w.hub.id}&cursor=bm90LWEtY3Vyc29y`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].field).toBe('cursor');
  });
});
