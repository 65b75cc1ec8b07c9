import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@vuonxa/core';
import { createHarness, type Harness } from '../../test/harness.js';

/**
 * The role × endpoint table. Each role is held at facility A; every request targets facility A, so a denial
 * here is the role's, not the facility scope's. Every /api route in the OpenAPI document must appear.
 */
interface Row {
  method: 'GET' | 'POST' | 'PUT';
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
}
let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

const ALL = ROLES;
const STAFF = ROLES.filter((r) => r !== 'patient');
const ADMINS: Role[] = ['system_admin', 'facility_admin'];
const SYS: Role[] = ['system_admin'];
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
];

// Sign-in and two-factor routes are reached before a full session exists; they have their own tests.
const OUT_OF_TABLE = ['/api/auth/'];

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
  ctx = { facilityA: a.id, codeA: a.code, hub: hub.id, target: target.id, site, link, practitioner };
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
