import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, cookieOf, TEST_PASSWORD, type Harness } from '../../../test/harness.js';
import { base32Decode, hotp, totpStep } from '../../lib/totp.js';

let h: Harness;
let facilityId: string;
beforeAll(async () => {
  h = await createHarness({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_IP: '8' } });
  facilityId = (await h.build.facility()).id;
});
afterAll(() => h.close());

const login = (identifier: string, password: string, ip = '10.1.0.1') =>
  h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password }, remoteAddress: ip });

const auditCount = async (action: string, userId?: string) =>
  (
    await h.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND ($2::uuid IS NULL OR entity_id = $2::text)',
      [action, userId ?? null],
    )
  ).rows[0]!.n;

describe('sign-in', () => {
  it('signs in by e-mail with an HTTP-only SameSite cookie and returns the user with memberships', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'clinician' }] });
    const res = await login(u.email.toUpperCase(), TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      status: string;
      me: { user: { id: string }; memberships: { role: string }[]; activeFacilityId: string; permissions: string[] };
    }>();
    expect(body.status).toBe('ok');
    expect(body.me.user.id).toBe(u.id);
    expect(body.me.memberships).toEqual([expect.objectContaining({ facilityId, role: 'clinician' })]);
    expect(body.me.activeFacilityId).toBe(facilityId);
    expect(body.me.permissions).toContain('consult.create');
    const cookie = res.cookies.find((c) => c.name === 'vx_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(await auditCount('auth.login', u.id)).toBe(1);
  });

  it('signs in by phone number typed with spaces', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'patient' }], phone: '0987654321' });
    const res = await login('0987 654 321', TEST_PASSWORD);
    expect(res.json()).toMatchObject({ status: 'ok', me: { user: { id: u.id } } });
  });

  it('gives the same answer for a wrong password and an unknown account', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'clinician' }] });
    const wrong = await login(u.email, 'not-the-password-1');
    const unknown = await login('nobody@test.vuonxa.vn', 'whatever-123');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ error: { code: 'AUTH_INVALID_CREDENTIALS' } });
  });

  it('locks an account after repeated failures, says until when, and refuses even the right password', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'specialist' }] });
    expect((await login(u.email, 'bad-password-1', '10.2.0.1')).statusCode).toBe(401);
    expect((await login(u.email, 'bad-password-2', '10.2.0.2')).statusCode).toBe(401);
    const third = await login(u.email, 'bad-password-3', '10.2.0.3');
    expect(third.statusCode).toBe(423);
    const until = new Date(third.json<{ error: { details: { lockedUntil: string } } }>().error.details.lockedUntil);
    expect(until.getTime()).toBeGreaterThan(Date.now());
    const right = await login(u.email, TEST_PASSWORD, '10.2.0.4');
    expect(right.statusCode).toBe(423);
    expect(right.json()).toMatchObject({ error: { code: 'AUTH_ACCOUNT_LOCKED' } });
    expect(await auditCount('auth.account_locked', u.id)).toBe(1);

    // a facility admin unlocks; the old failures no longer count
    const admin = await h.build.user({ roles: [{ facilityId, role: 'facility_admin' }] });
    const adminCookie = await h.signIn(admin.email);
    const unlock = await h.app.inject({ method: 'POST', url: `/api/admin/users/${u.id}/unlock`, headers: { cookie: adminCookie } });
    expect(unlock.statusCode).toBe(200);
    expect((await login(u.email, TEST_PASSWORD, '10.2.0.5')).statusCode).toBe(200);
  });

  it('rate-limits one address trying many accounts', async () => {
    const ip = '10.3.0.1';
    for (let i = 0; i < 8; i++) await login(`ghost${i}@test.vuonxa.vn`, 'whatever-123', ip);
    const u = await h.build.user({ roles: [{ facilityId, role: 'clinician' }] });
    const res = await login(u.email, TEST_PASSWORD, ip);
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ error: { code: 'AUTH_RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } } });
    expect((await login(u.email, TEST_PASSWORD, '10.3.0.2')).statusCode).toBe(200);
  });

  it('names the missing field', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: 'a@b.vn' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'password', in: 'body' }] } } });
  });

  it('revokes the session on logout', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'trainee' }] });
    const cookie = await h.signIn(u.email);
    expect((await h.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(200);
    const after = await h.app.inject({ url: '/api/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
  });

  it('refuses a forged or malformed cookie', async () => {
    for (const cookie of ['vx_session=abc', `vx_session=${'A'.repeat(43)}`]) {
      expect((await h.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    }
  });
});

describe('two-factor sign-in (TOTP, RFC 6238)', () => {
  const codeFor = (secret: string, offsetSteps = 0) => hotp(base32Decode(secret), totpStep(Date.now()) + BigInt(offsetSteps));

  it('enrols, then asks for a code at sign-in, refuses a wrong or replayed code', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'specialist' }] });
    const cookie = await h.signIn(u.email);
    const enrol = await h.app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: { cookie } });
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri, qrSvg } = enrol.json<{ secret: string; otpauthUri: string; qrSvg: string }>();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg/);
    const stored = await h.db.query<{ totp_pending_enc: string }>('SELECT totp_pending_enc FROM app_user WHERE id = $1', [u.id]);
    expect(stored.rows[0]!.totp_pending_enc).not.toContain(secret); // sealed at rest

    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      headers: { cookie },
      payload: { code: '000000' === codeFor(secret) ? '111111' : '000000' },
    });
    expect(bad.statusCode).toBe(401);
    const confirm = await h.app.inject({
      method: 'POST',
      url: '/api/auth/totp/confirm',
      headers: { cookie },
      payload: { code: codeFor(secret, -1) },
    });
    expect(confirm.statusCode).toBe(200);

    const res = await login(u.email, TEST_PASSWORD, '10.4.0.1');
    expect(res.json()).toEqual({ status: 'totp_required' });
    const pending = cookieOf(res);
    const blocked = await h.app.inject({ url: '/api/me', headers: { cookie: pending } });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json()).toMatchObject({ error: { code: 'AUTH_TOTP_REQUIRED' } });
    expect((await h.app.inject({ url: '/api/home', headers: { cookie: pending } })).statusCode).toBe(401);

    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/auth/totp/verify',
      headers: { cookie: pending },
      payload: { code: codeFor(secret, 5) },
    });
    expect(wrong.json()).toMatchObject({ error: { code: 'AUTH_TOTP_INVALID' } });
    const code = codeFor(secret);
    const ok = await h.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: { cookie: pending }, payload: { code } });
    expect(ok.json()).toMatchObject({ status: 'ok', me: { user: { id: u.id, totpEnabled: true } } });
    expect((await h.app.inject({ url: '/api/me', headers: { cookie: pending } })).statusCode).toBe(200);

    // the same code cannot open a second session
    const again = cookieOf(await login(u.email, TEST_PASSWORD, '10.4.0.2'));
    const replay = await h.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: { cookie: again }, payload: { code } });
    expect(replay.json()).toMatchObject({ error: { code: 'AUTH_TOTP_INVALID' } });
  });

  it('makes enrolment mandatory for clinical roles when configured', async () => {
    const strict = await createHarness({ env: { TOTP_REQUIRED_ROLES: 'specialist,coordinator,clinician' } });
    try {
      const f = await strict.build.facility();
      const doc = await strict.build.user({ roles: [{ facilityId: f.id, role: 'clinician' }] });
      const res = await strict.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: doc.email, password: TEST_PASSWORD },
      });
      expect(res.json()).toMatchObject({ status: 'totp_enrolment_required', me: { mfa: { required: true, enrolled: false } } });
      const cookie = cookieOf(res);
      const home = await strict.app.inject({ url: '/api/home', headers: { cookie } });
      expect(home.json()).toMatchObject({ error: { code: 'AUTH_TOTP_ENROLMENT_REQUIRED' } });
      const { secret } = (await strict.app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: { cookie } })).json<{
        secret: string;
      }>();
      await strict.app.inject({ method: 'POST', url: '/api/auth/totp/confirm', headers: { cookie }, payload: { code: codeFor(secret) } });
      expect((await strict.app.inject({ url: '/api/home', headers: { cookie } })).statusCode).toBe(200);
      const off = await strict.app.inject({
        method: 'POST',
        url: '/api/auth/totp/disable',
        headers: { cookie },
        payload: { code: codeFor(secret, 1) },
      });
      expect(off.statusCode).toBe(403);

      const trainee = await strict.build.user({ roles: [{ facilityId: f.id, role: 'trainee' }] });
      const t = await strict.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: trainee.email, password: TEST_PASSWORD },
      });
      expect(t.json()).toMatchObject({ status: 'ok' });
    } finally {
      await strict.close();
    }
  });
});

describe('password change', () => {
  it('enforces the policy, names the problems, and signs out other sessions', async () => {
    const u = await h.build.user({ roles: [{ facilityId, role: 'clinician' }] });
    const a = await h.signIn(u.email, TEST_PASSWORD, '10.5.0.1');
    const b = await h.signIn(u.email, TEST_PASSWORD, '10.5.0.2');
    const weak = await h.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: a },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({
      error: { code: 'PASSWORD_TOO_WEAK', details: { problems: expect.arrayContaining(['too_short']) } },
    });
    const wrongCurrent = await h.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: a },
      payload: { currentPassword: 'nope-nope-1', newPassword: 'Mat-khau-moi-2026' },
    });
    expect(wrongCurrent.json()).toMatchObject({ error: { details: { issues: [{ field: 'currentPassword' }] } } });
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: a },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-2026' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await h.app.inject({ url: '/api/me', headers: { cookie: a } })).statusCode).toBe(200);
    expect((await h.app.inject({ url: '/api/me', headers: { cookie: b } })).statusCode).toBe(401);
    expect((await login(u.email, 'Mat-khau-moi-2026', '10.5.0.3')).statusCode).toBe(200);
  });
});
