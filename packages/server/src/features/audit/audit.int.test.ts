import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';

let h: Harness;
let cookie: string;
beforeAll(async () => {
  h = await createHarness();
  const sa = await h.build.user({ roles: [{ facilityId: null, role: 'system_admin' }] });
  cookie = await h.signIn(sa.email);
});
afterAll(() => h.close());

describe('audit trail', () => {
  it('is append-only at the database level', async () => {
    await expect(h.db.query("UPDATE audit_event SET outcome = 'success'")).rejects.toThrow(/append-only/);
    await expect(h.db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(h.db.query('TRUNCATE audit_event')).rejects.toThrow(/append-only/);
  });

  it('records who, for which facility, what, which record, when, from where and the outcome of a sign-in', async () => {
    const f = await h.build.facility();
    const u = await h.build.user({ roles: [{ facilityId: f.id, role: 'clinician' }] });
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: u.email, password: 'Wrong-password-1' },
      remoteAddress: '203.0.113.9',
      headers: { 'x-request-id': 'req-audit-0001' },
    });
    const res = await h.app.inject({ url: `/api/audit-events?actorUserId=${u.id}&action=auth.login_failed`, headers: { cookie } });
    const [e] = res.json<{ items: Record<string, unknown>[] }>().items;
    expect(e).toMatchObject({
      actorUserId: u.id,
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: u.id,
      outcome: 'failure',
      ip: '203.0.113.9',
      requestId: 'req-audit-0001',
      details: { reason: 'bad_password' },
    });
    expect(Date.parse(e!.at as string)).toBeGreaterThan(Date.now() - 60_000);
    // no personal data in details: the typed identifier or password never lands in the trail
    const { rows } = await h.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_event WHERE details::text ILIKE '%wrong-password%' OR details::text ILIKE $1",
      [`%${u.email}%`],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('filters by outcome and time and pages by cursor, newest first', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      type Page = { items: { id: string; outcome: string }[]; nextCursor: string | null };
      const url = `/api/audit-events?limit=3&outcome=success${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await h.app.inject({ url, headers: { cookie } })).json<Page>();
      expect(page.items.every((i) => i.outcome === 'success')).toBe(true);
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor && ids.length < 30);
    expect(ids.map(Number)).toEqual([...ids.map(Number)].sort((a, b) => b - a));
    const future = await h.app.inject({
      url: `/api/audit-events?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`,
      headers: { cookie },
    });
    expect(future.json<{ items: unknown[] }>().items).toEqual([]);
    const bad = await h.app.inject({ url: '/api/audit-events?from=yesterday', headers: { cookie } });
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'from', in: 'querystring' }] } } });
  });

  it('audits the search itself', async () => {
    const { rows } = await h.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'audit.search'");
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});
