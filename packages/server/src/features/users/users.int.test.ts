import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_PASSWORD, type Harness } from '../../../test/harness.js';

let h: Harness;
let facilityId: string;
let cookie: string;
let adminId: string;
beforeAll(async () => {
  h = await createHarness();
  facilityId = (await h.build.facility()).id;
  const admin = await h.build.user({ roles: [{ facilityId, role: 'facility_admin' }] });
  adminId = admin.id;
  cookie = await h.signIn(admin.email);
});
afterAll(() => h.close());

const post = (url: string, payload: object, c = cookie) => h.app.inject({ method: 'POST', url, payload, headers: { cookie: c } });
const count = async (sql: string, params: unknown[]) => (await h.db.query<{ n: number }>(sql, params)).rows[0]!.n;

describe('staff accounts', () => {
  it('creates an account with its first role, audited, and the new user can sign in', async () => {
    const res = await post('/api/admin/users', {
      displayName: 'Bác sĩ Lò Thị Hoa',
      email: 'Hoa.Lo@Test.VuonXa.vn',
      password: 'Hoa-Dien-Bien-2026',
      facilityId,
      role: 'clinician',
    });
    expect(res.statusCode).toBe(201);
    const u = res.json<{ id: string; email: string; roles: unknown[] }>();
    expect(u.email).toBe('hoa.lo@test.vuonxa.vn');
    expect(u.roles).toEqual([{ facilityId, role: 'clinician' }]);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action IN ('user.create', 'membership.grant') AND actor_user_id = $2",
        [u.id, adminId],
      ),
    ).toBe(2);
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { identifier: 'hoa.lo@test.vuonxa.vn', password: 'Hoa-Dien-Bien-2026' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('names the field at fault and writes nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM app_user', []);
    const noContact = await post('/api/admin/users', {
      displayName: 'Không liên lạc',
      password: 'Mat-khau-manh-2026',
      facilityId,
      role: 'trainee',
    });
    expect(noContact.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'email' }] } } });
    const badRole = await post('/api/admin/users', {
      displayName: 'Sai vai trò',
      email: 'r@test.vuonxa.vn',
      password: 'Mat-khau-manh-2026',
      facilityId,
      role: 'chief',
    });
    expect(badRole.json()).toMatchObject({ error: { details: { issues: [{ field: 'role' }] } } });
    const weak = await post('/api/admin/users', {
      displayName: 'Yếu',
      email: 'w@test.vuonxa.vn',
      password: 'password123',
      facilityId,
      role: 'trainee',
    });
    expect(weak.json()).toMatchObject({
      error: { code: 'PASSWORD_TOO_WEAK', details: { problems: ['too_common'], issues: [{ field: 'password' }] } },
    });
    const badPhone = await post('/api/admin/users', {
      displayName: 'Số sai',
      phone: '12ab',
      password: 'Mat-khau-manh-2026',
      facilityId,
      role: 'trainee',
    });
    expect(badPhone.json()).toMatchObject({ error: { details: { issues: [{ field: 'phone' }] } } });
    expect(await count('SELECT count(*)::int AS n FROM app_user', [])).toBe(before);
  });

  it('refuses a duplicate e-mail or phone, naming it', async () => {
    const first = await post('/api/admin/users', {
      displayName: 'Một',
      phone: '0900000001',
      password: 'Mat-khau-manh-2026',
      facilityId,
      role: 'trainee',
    });
    expect(first.statusCode).toBe(201);
    const dup = await post('/api/admin/users', {
      displayName: 'Hai',
      phone: '0900 000 001',
      password: 'Mat-khau-manh-2026',
      facilityId,
      role: 'trainee',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: { code: 'CONFLICT', details: { issues: [{ field: 'phone' }] } } });
  });

  it('grants and revokes roles, audited, and the change takes effect on the next request', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'clinician' }] });
    const theirs = await h.signIn(u.email);
    expect((await h.app.inject({ url: '/api/admin/users', headers: { cookie: theirs } })).statusCode).toBe(403);
    const granted = await post(`/api/admin/users/${u.id}/grants`, { facilityId, role: 'coordinator' });
    expect(granted.json<{ roles: unknown[] }>().roles).toHaveLength(2);
    expect((await h.app.inject({ url: '/api/admin/users', headers: { cookie: theirs } })).statusCode).toBe(200);
    expect((await post(`/api/admin/users/${u.id}/grants`, { facilityId, role: 'coordinator' })).statusCode).toBe(409);
    const revoked = await post(`/api/admin/users/${u.id}/revocations`, { facilityId, role: 'coordinator' });
    expect(revoked.json<{ roles: unknown[] }>().roles).toEqual([{ facilityId, role: 'clinician' }]);
    expect((await h.app.inject({ url: '/api/admin/users', headers: { cookie: theirs } })).statusCode).toBe(403);
    expect(
      await count(
        "SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action IN ('membership.grant', 'membership.revoke') AND outcome = 'success'",
        [u.id],
      ),
    ).toBe(2);
  });

  it('does not let a system admin remove their own system role', async () => {
    const sa = await h.build.user({ roles: [{ facilityId: null, role: 'system_admin' }] });
    const c = await h.signIn(sa.email);
    const res = await post(`/api/admin/users/${sa.id}/revocations`, { facilityId: null, role: 'system_admin' }, c);
    expect(res.statusCode).toBe(409);
  });

  it('paginates the list by cursor without repeats', async () => {
    for (let i = 0; i < 5; i++) await h.build.user({ roles: [{ facilityId, role: 'trainee' }], name: `Học viên ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      type Page = { items: { id: string }[]; nextCursor: string | null };
      const url = `/api/admin/users?facilityId=${facilityId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await h.app.inject({ url, headers: { cookie } })).json<Page>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await count('SELECT count(DISTINCT user_id)::int AS n FROM membership WHERE facility_id = $1', [facilityId]));
  });

  it('shows a locked account as locked until its time', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'trainee' }] });
    for (let i = 0; i < 5; i++)
      await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: u.email, password: `wrong-${i}-pass` } });
    const res = await h.app.inject({ url: `/api/admin/users/${u.id}`, headers: { cookie } });
    expect(res.json<{ lockedUntil: string | null }>().lockedUntil).not.toBeNull();
    const home = await h.app.inject({ url: '/api/home', headers: { cookie } });
    expect(home.json<{ tasks: { id: string }[] }>().tasks.map((t) => t.id)).toEqual(
      expect.arrayContaining(['locked-users', 'failed-logins']),
    );
    void TEST_PASSWORD;
  });
});
