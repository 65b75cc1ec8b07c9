// The API as a signed-in demo user: sign in once, then JSON calls with the session cookie.
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
