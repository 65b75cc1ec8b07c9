import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@vuonxa/core';
import { createHarness, type Harness } from '../../test/harness.js';

/**
 * The role × endpoint table. Each role is held at facility A; every request targets facility A, so a denial
 * here is the role's, not the facility scope's. Every /api route in the OpenAPI document must appear.
 */
interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  url: (ctx: Ctx) => string;
  body?: (ctx: Ctx) => unknown;
  allowed: readonly Role[];
}
interface Ctx {
  facilityA: string;
  codeA: string;
  hub: string;
  target: string;
  site: string;
  link: string;
  practitioner: string;
  patient: string;
  consult: string;
  attachment: string;
  upload: string;
  session: string;
  report: string;
  service: string;
}
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

const ALL = ROLES;
const STAFF = ROLES.filter((r) => r !== 'patient');
const ADMINS: Role[] = ['system_admin', 'facility_admin'];
const SYS: Role[] = ['system_admin'];
/** Staff who take part in consultations (consult.read); the service then checks their part in each request. */
const CONSULT: Role[] = ['coordinator', 'specialist', 'clinician', 'site_operator'];
const CLIN: Role[] = ['clinician'];
const COORD: Role[] = ['coordinator'];
const PATIENTS: Role[] = ['patient'];
const NIL = '00000000-0000-4000-8000-000000000000';
const REPORT_WRITERS: Role[] = ['coordinator', 'specialist', 'site_operator'];
const facilityBody = (c: Ctx) => ({
  code: c.codeA,
  name: `Bệnh viện thử ${uniq()}`,
  type: 'provincial_hospital',
  technicalLevel: 'basic',
  provinceCode: '01',
});
const practitionerBody = (c: Ctx) => ({
  fullName: 'Bác sĩ Thử',
  licenceNumber: `L-${uniq()}`,
  profession: 'doctor',
  scopeOfPractice: 'Khám bệnh, chữa bệnh nội khoa',
  specialties: ['cardiology'],
  memberships: [{ facilityId: c.facilityA, position: 'Bác sĩ' }],
});

const TABLE: Row[] = [
  { method: 'GET', path: '/api/me', url: () => '/api/me', allowed: ALL },
  {
    method: 'POST',
    path: '/api/me/facility',
    url: () => '/api/me/facility',
    body: (c) => ({ facilityId: c.facilityA }),
    allowed: ROLES.filter((r) => r !== 'system_admin'),
  },
  { method: 'PUT', path: '/api/me/locale', url: () => '/api/me/locale', body: () => ({ locale: 'en' }), allowed: ALL },
  { method: 'GET', path: '/api/home', url: () => '/api/home', allowed: ALL },
  { method: 'GET', path: '/api/geo/provinces', url: () => '/api/geo/provinces', allowed: STAFF },
  { method: 'GET', path: '/api/geo/provinces/{code}/communes', url: () => '/api/geo/provinces/01/communes', allowed: STAFF },
  { method: 'GET', path: '/api/facilities', url: () => '/api/facilities', allowed: STAFF },
  { method: 'GET', path: '/api/facilities/{id}', url: (c) => `/api/facilities/${c.facilityA}`, allowed: STAFF },
  { method: 'GET', path: '/api/audit-events', url: (c) => `/api/audit-events?facilityId=${c.facilityA}`, allowed: ADMINS },
  {
    method: 'GET',
    path: '/api/admin/users',
    url: (c) => `/api/admin/users?facilityId=${c.facilityA}`,
    allowed: [...ADMINS, 'coordinator'],
  },
  { method: 'GET', path: '/api/admin/users/{id}', url: (c) => `/api/admin/users/${c.target}`, allowed: [...ADMINS, 'coordinator'] },
  {
    method: 'POST',
    path: '/api/admin/users',
    url: () => '/api/admin/users',
    body: (c) => ({
      displayName: 'Người mới',
      email: `new-${Math.random().toString(36).slice(2)}@test.vuonxa.vn`,
      password: 'Mat-khau-manh-2026',
      facilityId: c.facilityA,
      role: 'trainee',
    }),
    allowed: ADMINS,
  },
  {
    method: 'POST',
    path: '/api/admin/users/{id}/grants',
    url: (c) => `/api/admin/users/${c.target}/grants`,
    body: (c) => ({ facilityId: c.facilityA, role: 'trainee' }),
    allowed: ADMINS,
  },
  {
    method: 'POST',
    path: '/api/admin/users/{id}/revocations',
    url: (c) => `/api/admin/users/${c.target}/revocations`,
    body: (c) => ({ facilityId: c.facilityA, role: 'trainee' }),
    allowed: ADMINS,
  },
  { method: 'POST', path: '/api/admin/users/{id}/unlock', url: (c) => `/api/admin/users/${c.target}/unlock`, allowed: ADMINS },
  { method: 'GET', path: '/api/icd10', url: () => '/api/icd10?q=E11', allowed: STAFF },
  { method: 'GET', path: '/api/network/overview', url: () => '/api/network/overview', allowed: STAFF },
  {
    method: 'POST',
    path: '/api/facilities',
    url: () => '/api/facilities',
    body: (c) => ({ ...facilityBody(c), code: `F-${uniq()}` }),
    allowed: SYS,
  },
  { method: 'PUT', path: '/api/facilities/{id}', url: (c) => `/api/facilities/${c.facilityA}`, body: facilityBody, allowed: ADMINS },
  { method: 'GET', path: '/api/facilities/{id}/sites', url: (c) => `/api/facilities/${c.facilityA}/sites`, allowed: STAFF },
  {
    method: 'POST',
    path: '/api/facilities/{id}/sites',
    url: (c) => `/api/facilities/${c.facilityA}/sites`,
    body: () => ({ name: `Phòng ${uniq()}`, linkKind: 'fibre' }),
    allowed: ADMINS,
  },
  { method: 'GET', path: '/api/sites/{id}', url: (c) => `/api/sites/${c.site}`, allowed: STAFF },
  {
    method: 'PUT',
    path: '/api/sites/{id}',
    url: (c) => `/api/sites/${c.site}`,
    body: () => ({ name: 'Phòng giao ban', linkKind: '4g' }),
    allowed: ADMINS,
  },
  { method: 'GET', path: '/api/facilities/{id}/support-links', url: (c) => `/api/facilities/${c.facilityA}/support-links`, allowed: STAFF },
  {
    method: 'GET',
    path: '/api/facilities/{id}/hubs',
    url: (c) => `/api/facilities/${c.facilityA}/hubs?specialty=cardiology`,
    allowed: STAFF,
  },
  {
    method: 'POST',
    path: '/api/support-links',
    url: () => '/api/support-links',
    body: (c) => ({ hubFacilityId: c.hub, spokeFacilityId: c.facilityA, validFrom: '2030-01-01' }),
    allowed: SYS,
  },
  {
    method: 'POST',
    path: '/api/support-links/{id}/end',
    url: (c) => `/api/support-links/${c.link}/end`,
    body: () => ({ validTo: '2029-12-31' }),
    allowed: SYS,
  },
  { method: 'GET', path: '/api/practitioners', url: () => '/api/practitioners?q=thu', allowed: STAFF },
  { method: 'GET', path: '/api/practitioners/{id}', url: (c) => `/api/practitioners/${c.practitioner}`, allowed: STAFF },
  { method: 'POST', path: '/api/practitioners', url: () => '/api/practitioners', body: practitionerBody, allowed: ADMINS },
  {
    method: 'PUT',
    path: '/api/practitioners/{id}',
    url: (c) => `/api/practitioners/${c.practitioner}`,
    body: (c) => ({ ...practitionerBody(c), licenceNumber: 'L-FIXED-0001' }),
    allowed: ADMINS,
  },
  { method: 'GET', path: '/api/on-call', url: (c) => `/api/on-call?facilityId=${c.facilityA}`, allowed: STAFF },
  {
    method: 'POST',
    path: '/api/on-call-shifts',
    url: () => '/api/on-call-shifts',
    body: (c) => ({
      practitionerId: c.practitioner,
      facilityId: c.facilityA,
      specialty: 'cardiology',
      startsAt: '2030-01-01T00:00:00Z',
      endsAt: '2030-01-01T12:00:00Z',
    }),
    allowed: ['system_admin', 'facility_admin', 'coordinator'],
  },
  {
    method: 'POST',
    path: '/api/registry/import/{kind}',
    url: () => '/api/registry/import/sites',
    body: (c) => ({ csv: `facility_code,name,link_kind\n${c.codeA},Phòng mới,4g\n`, dryRun: true }),
    allowed: SYS,
  },
  { method: 'GET', path: '/api/registry/export/{kind}', url: () => '/api/registry/export/facilities?provinceCode=01', allowed: SYS },
  {
    method: 'POST',
    path: '/api/patients',
    url: () => '/api/patients',
    body: (c) => ({ facilityId: c.facilityA, fullName: 'Trần Văn Thử', birthDate: '1990-01-01', sex: 'male' }),
    allowed: CLIN,
  },
  { method: 'GET', path: '/api/patients', url: () => '/api/patients?q=tran', allowed: CLIN },
  { method: 'GET', path: '/api/patients/{id}', url: (c) => `/api/patients/${c.patient}`, allowed: CONSULT },
  {
    method: 'PUT',
    path: '/api/patients/{id}',
    url: (c) => `/api/patients/${c.patient}`,
    body: () => ({ fullName: 'Lê Thị Thử', birthDate: '1970-05-05', sex: 'female' }),
    allowed: CLIN,
  },
  { method: 'POST', path: '/api/consults', url: () => '/api/consults', body: (c) => ({ facilityId: c.facilityA }), allowed: CLIN },
  { method: 'GET', path: '/api/consults', url: () => '/api/consults?view=requested', allowed: CONSULT },
  { method: 'GET', path: '/api/consults/queue', url: (c) => `/api/consults/queue?hubId=${c.facilityA}`, allowed: COORD },
  { method: 'GET', path: '/api/consults/{id}', url: (c) => `/api/consults/${c.consult}`, allowed: CONSULT },
  { method: 'PUT', path: '/api/consults/{id}', url: (c) => `/api/consults/${c.consult}`, body: () => ({ version: 999 }), allowed: CLIN },
  {
    method: 'POST',
    path: '/api/consults/{id}/transitions',
    url: (c) => `/api/consults/${c.consult}/transitions`,
    body: () => ({ action: 'start_triage' }),
    allowed: CONSULT,
  },
  {
    method: 'PUT',
    path: '/api/consults/{id}/assignments',
    url: (c) => `/api/consults/${c.consult}/assignments`,
    body: (c) => ({ specialistIds: [c.target] }),
    allowed: COORD,
  },
  { method: 'GET', path: '/api/consults/{id}/events', url: (c) => `/api/consults/${c.consult}/events`, allowed: CONSULT },
  { method: 'GET', path: '/api/consults/{id}/messages', url: (c) => `/api/consults/${c.consult}/messages`, allowed: CONSULT },
  {
    method: 'POST',
    path: '/api/consults/{id}/messages',
    url: (c) => `/api/consults/${c.consult}/messages`,
    body: () => ({ body: 'Xin chào' }),
    allowed: CONSULT,
  },
  { method: 'POST', path: '/api/consults/{id}/read', url: (c) => `/api/consults/${c.consult}/read`, allowed: CONSULT },
  {
    method: 'POST',
    path: '/api/consults/{id}/attachments',
    url: (c) => `/api/consults/${c.consult}/attachments`,
    body: () => ({ blobId: '00000000-0000-4000-8000-000000000000' }),
    allowed: CONSULT,
  },
  {
    method: 'DELETE',
    path: '/api/consults/{id}/attachments/{attachmentId}',
    url: (c) => `/api/consults/${c.consult}/attachments/00000000-0000-4000-8000-000000000000`,
    allowed: CONSULT,
  },
  { method: 'GET', path: '/api/attachments/{id}/content', url: (c) => `/api/attachments/${c.attachment}/content`, allowed: CONSULT },
  { method: 'GET', path: '/api/attachments/{id}/thumbnail', url: (c) => `/api/attachments/${c.attachment}/thumbnail`, allowed: CONSULT },
  {
    method: 'POST',
    path: '/api/consults/{id}/outcome',
    url: (c) => `/api/consults/${c.consult}/outcome`,
    body: () => ({ outcome: 'recovered', occurredOn: '2026-01-01' }),
    allowed: CLIN,
  },
  { method: 'GET', path: '/api/facilities/{id}/specialists', url: (c) => `/api/facilities/${c.facilityA}/specialists`, allowed: STAFF },
  {
    method: 'POST',
    path: '/api/uploads',
    url: () => '/api/uploads',
    body: (c) => ({ filename: 'a.jpg', size: 10, sha256: '0'.repeat(64), facilityId: c.facilityA }),
    allowed: ['coordinator', 'specialist', 'clinician'],
  },
  { method: 'GET', path: '/api/uploads/{id}', url: (c) => `/api/uploads/${c.upload}`, allowed: CONSULT },
  { method: 'PUT', path: '/api/uploads/{id}/chunk', url: (c) => `/api/uploads/${c.upload}/chunk?offset=0`, allowed: CONSULT },
  { method: 'POST', path: '/api/uploads/{id}/complete', url: (c) => `/api/uploads/${c.upload}/complete`, allowed: CONSULT },
  {
    method: 'POST',
    path: '/api/sessions',
    url: () => '/api/sessions',
    body: (c) => ({
      hubFacilityId: c.facilityA,
      title: 'Phiên thử',
      startsAt: '2030-01-01T01:00:00Z',
      chairUserId: c.target,
      secretaryUserId: c.practitioner,
      consultIds: [c.consult],
    }),
    allowed: COORD,
  },
  { method: 'GET', path: '/api/sessions', url: () => '/api/sessions', allowed: CONSULT },
  { method: 'GET', path: '/api/sessions/{id}', url: (c) => `/api/sessions/${c.session}`, allowed: CONSULT },
  ...(['start', 'end', 'cancel', 'join', 'leave'] as const).map((op): Row => ({
    method: 'POST',
    path: `/api/sessions/{id}/${op}`,
    url: (c) => `/api/sessions/${c.session}/${op}`,
    allowed: CONSULT,
  })),
  {
    method: 'POST',
    path: '/api/sessions/{id}/invites/{inviteId}/respond',
    url: (c) => `/api/sessions/${c.session}/invites/00000000-0000-4000-8000-000000000000/respond`,
    body: () => ({ response: 'accepted' }),
    allowed: CONSULT,
  },
  {
    method: 'PUT',
    path: '/api/sessions/{id}/minutes',
    url: (c) => `/api/sessions/${c.session}/minutes`,
    body: () => ({ minutes: 'x' }),
    allowed: CONSULT,
  },
  {
    method: 'POST',
    path: '/api/sessions/{id}/discussed',
    url: (c) => `/api/sessions/${c.session}/discussed`,
    body: (c) => ({ consultId: c.consult }),
    allowed: CONSULT,
  },
  {
    method: 'POST',
    path: '/api/sessions/{id}/agenda/{consultId}/recording-consent',
    url: (c) => `/api/sessions/${c.session}/agenda/${c.consult}/recording-consent`,
    body: () => ({ method: 'verbal' }),
    allowed: CONSULT,
  },
  { method: 'GET', path: '/api/sessions/{id}/recordings', url: (c) => `/api/sessions/${c.session}/recordings`, allowed: CONSULT },
  {
    method: 'GET',
    path: '/api/sessions/{id}/recordings/{recordingId}/files/{fileId}',
    url: (c) => `/api/sessions/${c.session}/recordings/00000000-0000-4000-8000-000000000000/files/00000000-0000-4000-8000-000000000000`,
    allowed: CONSULT,
  },
  // Patients at home: the account is the patient's own; staff routes check the facility (visit.manage / visit.conduct).
  { method: 'GET', path: '/api/patient/profile', url: () => '/api/patient/profile', allowed: PATIENTS },
  {
    method: 'PUT',
    path: '/api/patient/profile/self',
    url: () => '/api/patient/profile/self',
    body: () => ({ fullName: 'Bệnh Nhân Thử', birthDate: '1970-01-01', sex: 'female' }),
    allowed: PATIENTS,
  },
  {
    method: 'POST',
    path: '/api/patient/dependants',
    url: () => '/api/patient/dependants',
    body: () => ({ relation: 'child', fullName: 'Con Thử', birthDate: '2020-01-01', sex: 'male' }),
    allowed: PATIENTS,
  },
  {
    method: 'POST',
    path: '/api/patient/consents',
    url: () => '/api/patient/consents',
    body: () => ({ kind: 'data_processing', version: '2026-11' }),
    allowed: PATIENTS,
  },
  { method: 'DELETE', path: '/api/patient/consents/{kind}', url: () => '/api/patient/consents/data_processing', allowed: PATIENTS },
  { method: 'GET', path: '/api/remote-care/conditions', url: () => '/api/remote-care/conditions', allowed: ALL },
  { method: 'GET', path: '/api/visit-services', url: () => '/api/visit-services', allowed: ALL },
  {
    method: 'POST',
    path: '/api/facilities/{id}/visit-services',
    url: (c) => `/api/facilities/${c.facilityA}/visit-services`,
    body: () => ({ name: 'Khám da liễu từ xa', specialty: 'dermatology', durationMinutes: 15, feeVnd: 0 }),
    allowed: ['facility_admin'],
  },
  {
    method: 'POST',
    path: '/api/facilities/{id}/holidays',
    url: (c) => `/api/facilities/${c.facilityA}/holidays`,
    body: () => ({ date: '2027-01-01', name: 'Tết Dương lịch' }),
    allowed: ['facility_admin'],
  },
  {
    method: 'POST',
    path: '/api/schedules',
    url: () => '/api/schedules',
    body: (c) => ({
      practitionerId: c.practitioner,
      facilityId: c.facilityA,
      serviceId: c.service,
      from: '2027-03-01',
      to: '2027-03-05',
      weekdays: [1, 2, 3, 4, 5],
      startTime: '08:00',
      endTime: '09:00',
    }),
    allowed: ['facility_admin'],
  },
  { method: 'GET', path: '/api/slots', url: () => '/api/slots', allowed: ALL },
  {
    method: 'POST',
    path: '/api/visits',
    url: () => '/api/visits',
    body: (c) => ({ slotId: NIL, patientId: c.patient, conditionNo: 16, reason: 'Tăng huyết áp' }),
    allowed: PATIENTS,
  },
  { method: 'GET', path: '/api/visits', url: () => '/api/visits', allowed: ALL },
  { method: 'GET', path: '/api/visits/{id}', url: () => `/api/visits/${NIL}`, allowed: ALL },
  { method: 'POST', path: '/api/visits/{id}/cancel', url: () => `/api/visits/${NIL}/cancel`, body: () => ({}), allowed: ALL },
  {
    method: 'POST',
    path: '/api/visits/{id}/reschedule',
    url: () => `/api/visits/${NIL}/reschedule`,
    body: () => ({ slotId: NIL }),
    allowed: ALL,
  },
  { method: 'POST', path: '/api/visits/{id}/start', url: () => `/api/visits/${NIL}/start`, body: () => ({}), allowed: ALL },
  {
    method: 'PUT',
    path: '/api/visits/{id}/steps',
    url: () => `/api/visits/${NIL}/steps`,
    body: () => ({ identityConfirmed: true, consentConfirmed: true, redFlags: [] }),
    allowed: ALL,
  },
  {
    method: 'PUT',
    path: '/api/visits/{id}/note',
    url: () => `/api/visits/${NIL}/note`,
    body: () => ({ complaint: 'Đau đầu', diagnoses: [{ code: 'I10' }], followUp: { inDays: null } }),
    allowed: ALL,
  },
  { method: 'POST', path: '/api/visits/{id}/complete', url: () => `/api/visits/${NIL}/complete`, body: () => ({}), allowed: ALL },
  { method: 'GET', path: '/api/visits/{id}/messages', url: () => `/api/visits/${NIL}/messages`, allowed: ALL },
  {
    method: 'POST',
    path: '/api/visits/{id}/messages',
    url: () => `/api/visits/${NIL}/messages`,
    body: () => ({ text: 'Chào bác sĩ' }),
    allowed: ALL,
  },
  {
    method: 'POST',
    path: '/api/visits/{id}/prescription',
    url: () => `/api/visits/${NIL}/prescription`,
    body: () => ({
      items: [
        {
          drug: 'Amlodipin',
          strength: '5 mg',
          form: 'viên',
          dose: '1 viên',
          route: 'oral',
          frequency: '1 lần/ngày',
          durationDays: 30,
          quantity: 30,
          unit: 'viên',
        },
      ],
    }),
    allowed: ALL,
  },
  { method: 'GET', path: '/api/prescriptions/{id}', url: () => `/api/prescriptions/${NIL}`, allowed: ALL },
  { method: 'GET', path: '/api/prescriptions/{id}/pdf', url: () => `/api/prescriptions/${NIL}/pdf`, allowed: ALL },
  { method: 'GET', path: '/api/visits/{id}/payment', url: () => `/api/visits/${NIL}/payment`, allowed: ALL },
  { method: 'GET', path: '/api/visits/{id}/receipt', url: () => `/api/visits/${NIL}/receipt`, allowed: ALL },
  { method: 'GET', path: '/api/patient/record/{id}', url: (c) => `/api/patient/record/${c.patient}`, allowed: PATIENTS },
  { method: 'GET', path: '/api/walk-ins', url: () => '/api/walk-ins', allowed: ALL },
  {
    method: 'POST',
    path: '/api/facilities/{id}/walk-ins',
    url: (c) => `/api/facilities/${c.facilityA}/walk-ins`,
    body: (c) => ({ serviceId: c.service, practitionerIds: [c.practitioner] }),
    allowed: ['facility_admin', 'clinician', 'specialist'],
  },
  { method: 'POST', path: '/api/walk-ins/{id}/close', url: () => `/api/walk-ins/${NIL}/close`, body: () => ({}), allowed: ALL },
  {
    method: 'POST',
    path: '/api/walk-ins/{id}/tickets',
    url: () => `/api/walk-ins/${NIL}/tickets`,
    body: (c) => ({ patientId: c.patient, conditionNo: 16, reason: 'Tăng huyết áp' }),
    allowed: PATIENTS,
  },
  { method: 'GET', path: '/api/walk-ins/{id}/tickets/{visitId}', url: () => `/api/walk-ins/${NIL}/tickets/${NIL}`, allowed: ALL },
  { method: 'POST', path: '/api/walk-ins/{id}/next', url: () => `/api/walk-ins/${NIL}/next`, body: () => ({}), allowed: ALL },
  { method: 'GET', path: '/api/consults/{id}/report', url: (c) => `/api/consults/${c.consult}/report`, allowed: CONSULT },
  {
    method: 'PUT',
    path: '/api/consults/{id}/report',
    url: (c) => `/api/consults/${c.consult}/report`,
    body: () => ({ content: {} }),
    allowed: CONSULT,
  },
  // The requesting clinician reads the report but never writes or amends it.
  {
    method: 'POST',
    path: '/api/reports/{id}/freeze',
    url: (c) => `/api/reports/${c.report}/freeze`,
    body: () => ({}),
    allowed: REPORT_WRITERS,
  },
  {
    method: 'POST',
    path: '/api/reports/{id}/sign',
    url: (c) => `/api/reports/${c.report}/sign`,
    body: () => ({ password: 'x' }),
    allowed: CONSULT,
  },
  { method: 'POST', path: '/api/reports/{id}/amend', url: (c) => `/api/reports/${c.report}/amend`, allowed: REPORT_WRITERS },
  { method: 'GET', path: '/api/reports/{id}/verify', url: (c) => `/api/reports/${c.report}/verify`, allowed: CONSULT },
  { method: 'GET', path: '/api/reports/{id}/pdf', url: (c) => `/api/reports/${c.report}/pdf`, allowed: CONSULT },
  { method: 'GET', path: '/api/notifications', url: () => '/api/notifications', allowed: ALL },
  { method: 'POST', path: '/api/notifications/read', url: () => '/api/notifications/read', body: () => ({ all: true }), allowed: ALL },
];

// Sign-in and two-factor routes are reached before a full session exists; they have their own tests.
// The realtime socket is an upgrade, tested with a real WebSocket client in realtime.int.test.ts.
// Public by design: sign-in, the socket, the demo-only pages, the bank's signed notification (tested in homecare).
const OUT_OF_TABLE = ['/api/auth/', '/api/ws', '/api/dev/', '/api/payments/bank-notify'];

let h: Harness;
let ctx: Ctx;
const cookies = new Map<Role, string>();

beforeAll(async () => {
  h = await createHarness();
  const a = await h.build.facility();
  for (const role of ROLES) {
    const u = await h.build.user({ roles: [{ facilityId: role === 'system_admin' ? null : a.id, role }] });
    cookies.set(role, await h.signIn(u.email));
  }
  const target = await h.build.user({ roles: [{ facilityId: a.id, role: 'clinician' }] });
  const hub = await h.build.facility({ type: 'central_hospital' });
  const q = (sql: string, p: unknown[]) => h.db.query<{ id: string }>(sql, p).then((r) => r.rows[0]!.id);
  const site = await q(`INSERT INTO bridge_site (facility_id, name, link_kind) VALUES ($1, 'Phòng giao ban', 'fibre') RETURNING id`, [
    a.id,
  ]);
  const link = await q(
    `INSERT INTO support_link (hub_facility_id, spoke_facility_id, valid_from) VALUES ($1, $2, '2026-01-01') RETURNING id`,
    [hub.id, a.id],
  );
  const practitioner = await q(
    `INSERT INTO practitioner (full_name, licence_number, profession, scope_of_practice, specialties) VALUES ('Bác sĩ Thử', 'L-FIXED-0001', 'doctor', 'Nội khoa', '{cardiology}') RETURNING id`,
    [],
  );
  await h.db.query(`INSERT INTO practitioner_membership (practitioner_id, facility_id, position) VALUES ($1, $2, 'Bác sĩ')`, [
    practitioner,
    a.id,
  ]);
  // A request from facility A with a file, a session and a report: real ids so each route reaches its service.
  const patient = await q(
    `INSERT INTO patient (full_name, birth_date, sex, created_by_facility_id) VALUES ('Bệnh nhân thử', '1960-01-01', 'male', $1) RETURNING id`,
    [a.id],
  );
  await h.db.query('INSERT INTO patient_facility (patient_id, facility_id) VALUES ($1, $2)', [patient, a.id]);
  const consult = await q(
    `INSERT INTO consult_request (ref, requesting_facility_id, requester_user_id, target_hub_id, patient_id, state)
     VALUES ('HC-TEST-1', $1, $2, $3, $4, 'accepted') RETURNING id`,
    [a.id, target.id, hub.id, patient],
  );
  const blob = await q(
    `INSERT INTO blob (sha256, size, kind, content_type, storage_key, owner_facility_id, created_by)
     VALUES ('${'0'.repeat(64)}', 1, 'pdf', 'application/pdf', 'missing', $1, $2) RETURNING id`,
    [a.id, target.id],
  );
  const attachment = await q(
    `INSERT INTO consult_attachment (consult_id, blob_id, filename, added_by) VALUES ($1, $2, 'x.pdf', $3) RETURNING id`,
    [consult, blob, target.id],
  );
  const upload = await q(
    `INSERT INTO upload (user_id, facility_id, filename, size, sha256, expires_at) VALUES ($1, $2, 'x.jpg', 10, '${'0'.repeat(64)}', now() + interval '1 day') RETURNING id`,
    [target.id, a.id],
  );
  const session = await q(
    `INSERT INTO consult_session (hub_facility_id, title, starts_at, ends_at, chair_user_id, secretary_user_id, room_id, created_by)
     VALUES ($1, 'Phiên', now(), now() + interval '1 hour', $2, $2, 'vx-test-room', $2) RETURNING id`,
    [hub.id, target.id],
  );
  const content = {
    consultRef: 'HC-TEST-1',
    heldAt: '2026-11-27T03:00:00Z',
    places: ['A'],
    chair: { id: target.id, name: 'X' },
    secretary: { id: target.id, name: 'X' },
    participants: [],
    caseSummary: 'x',
    discussion: '',
    conclusion: 'x',
    diagnoses: [{ code: 'I10', nameVi: 'Tăng huyết áp' }],
    treatment: '',
    recommendedTests: '',
    referralNeeded: false,
    referralNote: '',
  };
  const report = await q(`INSERT INTO consult_report (consult_id, version, content, drafted_by) VALUES ($1, 1, $2, $3) RETURNING id`, [
    consult,
    JSON.stringify(content),
    target.id,
  ]);
  ctx = {
    facilityA: a.id,
    codeA: a.code,
    hub: hub.id,
    target: target.id,
    site,
    link,
    practitioner,
    patient,
    consult,
    attachment,
    upload,
    session,
    report,
    service: (
      await h.db.query<{ id: string }>(
        `INSERT INTO visit_service (facility_id, name, specialty, duration_minutes, fee_vnd) VALUES ($1, 'Khám tim từ xa', 'cardiology', 20, 100000) RETURNING id`,
        [a.id],
      )
    ).rows[0]!.id,
  };
});
afterAll(() => h.close());

describe('role × endpoint', () => {
  it('covers every /api route of the OpenAPI document', async () => {
    const doc = (await h.app.inject('/api/docs/json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.length).toBeGreaterThanOrEqual(TABLE.length);
    const inTable = new Set(TABLE.map((r) => `${r.method} ${r.path}`));
    const missing = documented.filter((d) => d.includes(' /api/') && !OUT_OF_TABLE.some((p) => d.includes(p)) && !inTable.has(d));
    expect(missing).toEqual([]);
  });

  for (const row of TABLE) {
    it(`${row.method} ${row.path}`, async () => {
      const anonymous = await h.app.inject({ method: row.method, url: row.url(ctx), payload: row.body?.(ctx) as object });
      expect(anonymous.statusCode).toBe(401);
      for (const role of ROLES) {
        const res = await h.app.inject({
          method: row.method,
          url: row.url(ctx),
          payload: row.body?.(ctx) as object,
          headers: { cookie: cookies.get(role)! },
        });
        const verdict = res.statusCode === 403 ? 'denied' : 'allowed';
        expect({ role, verdict, status: res.statusCode < 500 }).toEqual({
          role,
          verdict: row.allowed.includes(role) ? 'allowed' : 'denied',
          status: true,
        });
        if (verdict === 'denied') expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
      }
    });
  }

  it('records denials in the audit trail', async () => {
    const { rows } = await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE outcome = 'denied'");
    expect(rows[0]!.n).toBeGreaterThan(10);
  });
});

describe('facility scope', () => {
  it('keeps a facility admin to their own facility', async () => {
    const a = await h.build.facility();
    const b = await h.build.facility();
    const admin = await h.build.user({ roles: [{ facilityId: a.id, role: 'facility_admin' }] });
    const atA = await h.build.user({ roles: [{ facilityId: a.id, role: 'clinician' }], name: 'Ở cơ sở A' });
    const atB = await h.build.user({ roles: [{ facilityId: b.id, role: 'clinician' }], name: 'Ở cơ sở B' });
    const cookie = await h.signIn(admin.email);
    const get = (url: string) => h.app.inject({ url, headers: { cookie } });
    const post = (url: string, payload: object) => h.app.inject({ method: 'POST', url, payload, headers: { cookie } });

    expect((await get(`/api/admin/users?facilityId=${b.id}`)).statusCode).toBe(403);
    expect((await get(`/api/audit-events?facilityId=${b.id}`)).statusCode).toBe(403);
    const list = (await get('/api/admin/users?limit=200')).json<{ items: { id: string }[] }>();
    expect(list.items.map((u) => u.id)).toContain(atA.id);
    expect(list.items.map((u) => u.id)).not.toContain(atB.id);
    expect((await get(`/api/admin/users/${atB.id}`)).statusCode).toBe(404);
    expect((await post(`/api/admin/users/${atA.id}/grants`, { facilityId: b.id, role: 'specialist' })).statusCode).toBe(403);
    expect((await post(`/api/admin/users/${atA.id}/grants`, { facilityId: null, role: 'system_admin' })).statusCode).toBe(403);
    expect((await post(`/api/admin/users/${atB.id}/unlock`, {})).statusCode).toBe(404);
    expect(
      (
        await post('/api/admin/users', {
          displayName: 'X Y',
          email: 'xy@test.vuonxa.vn',
          password: 'Mat-khau-manh-2026',
          facilityId: b.id,
          role: 'trainee',
        })
      ).statusCode,
    ).toBe(403);

    // audit search without a facility shows only events about A
    await h.signIn(atB.email);
    const events = (await get('/api/audit-events?limit=200')).json<{ items: { actorUserId: string | null }[] }>();
    expect(events.items.some((e) => e.actorUserId === atB.id)).toBe(false);
  });

  it('lets a user act only for a facility where they hold a role', async () => {
    const a = await h.build.facility();
    const b = await h.build.facility();
    const u = await h.build.user({
      roles: [
        { facilityId: a.id, role: 'clinician' },
        { facilityId: b.id, role: 'trainee' },
      ],
    });
    const cookie = await h.signIn(u.email);
    const switched = await h.app.inject({ method: 'POST', url: '/api/me/facility', payload: { facilityId: b.id }, headers: { cookie } });
    expect(switched.json()).toMatchObject({ activeFacilityId: b.id, permissions: expect.arrayContaining(['training.attend']) });
    expect(switched.json<{ permissions: string[] }>().permissions).not.toContain('consult.create');
    const other = await h.build.facility();
    const refused = await h.app.inject({ method: 'POST', url: '/api/me/facility', payload: { facilityId: other.id }, headers: { cookie } });
    expect(refused.statusCode).toBe(403);
  });
});
