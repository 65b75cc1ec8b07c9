import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('operations endpoints', () => {
  it('answers liveness and readiness', async () => {
    expect((await h.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await h.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('reports not ready when the database is gone', async () => {
    const h2 = await createHarness();
    await h2.db.close();
    const res = await h2.app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    await h2.app.close();
  });

  it('exposes Prometheus metrics labelled by route pattern, never raw URLs', async () => {
    await h.app.inject('/api/facilities/00000000-0000-0000-0000-000000000001');
    const text = (await h.app.inject('/metrics')).body;
    expect(text).toContain('vuonxa_http_request_duration_seconds_bucket');
    expect(text).toContain('route="/api/facilities/:id"');
    expect(text).not.toContain('00000000-0000-0000-0000-000000000001');
  });

  it('serves the OpenAPI document with the API routes', async () => {
    const res = await h.app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/audit-events', '/api/admin/users']));
    expect((await h.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('answers unknown routes with a 404 in the one error format', async () => {
    const res = await h.app.inject('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Not found' } });
  });

  it('echoes a well-formed request id and sets security headers', async () => {
    const res = await h.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc12345-trace' } });
    expect(res.headers['x-request-id']).toBe('abc12345-trace');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const res2 = await h.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(res2.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('refuses malformed JSON and non-JSON bodies without a stack trace', async () => {
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"identifier":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: [{ field: 'body' }] } } });
    expect(bad.body).not.toMatch(/at .*\.(js|ts):\d+/);
    const form = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'identifier=a&password=b',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });
});
