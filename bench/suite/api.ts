// The API as a signed-in demo user: sign in once, then JSON calls with the session cookie.
import { newSessionToken } from '../../packages/server/src/lib/tokens.js';
export const DEMO_PASSWORD = 'VuonXa-Demo-2026';

export interface Session {
  /** `vx_session=…`, as the browser sends it. */
  cookie: string;
  userId: string;
  activeFacilityId: string | null;
  call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

export async function signIn(base: string, identifier: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  });
  const body = (await res.json()) as { status: string; me?: { user: { id: string }; activeFacilityId: string | null } };
  if (!res.ok || body.status !== 'ok' || !body.me) throw new Error(`sign-in of ${identifier}: ${res.status} ${JSON.stringify(body)}`);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('vx_session='));
  if (!set) throw new Error(`sign-in of ${identifier}: no vx_session cookie`);
  const cookie = set.split(';')[0]!;
  return {
    cookie,
    userId: body.me.user.id,
    activeFacilityId: body.me.activeFacilityId,
    async call<T>(method: 'GET' | 'POST', path: string, data?: unknown) {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: { cookie, ...(data === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(data === undefined ? {} : { body: JSON.stringify(data) }),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
      return JSON.parse(text) as T;
    },
  };
}

/**
 * A session for a user of a generated data set, written straight into `user_session` as sign-in would (the row id is
 * the token's hash), for users who have no password: the national data set's people, the thousands of B5's clients.
 */
export async function insertSession(
  q: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  userId: string,
  activeFacilityId: string | null,
): Promise<string> {
  const { token, id } = newSessionToken();
  await q.query(
    `INSERT INTO user_session (id, user_id, mfa_state, active_facility_id, expires_at) VALUES ($1, $2, 'complete', $3, now() + interval '1 day')`,
    [id, userId, activeFacilityId],
  );
  return `vx_session=${token}`;
}
