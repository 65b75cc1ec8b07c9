import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createHarness, cookieOf, TEST_PASSWORD, type Harness } from '../../test/harness.js';

// The logs must carry no personal data, no tokens and no request bodies (STYLE.md; Law 91/2025/QH15).
let h: Harness;
let lines: string[] = [];
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  h = await createHarness();
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  app = await buildApp({
    config: h.config,
    db: h.db,
    secretKey: 'test-secret-key-0123456789abcdef-0123',
    logger: { level: 'trace', stream: sink },
  });
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('logs', () => {
  it('hold the route, status and request id, and none of the identifiers, passwords, cookies or queries', async () => {
    const f = await h.build.facility();
    const admin = await h.build.user({
      roles: [{ facilityId: f.id, role: 'facility_admin' }],
      name: 'Nguyễn Văn Bí Mật',
      phone: '0911222333',
    });
    lines = [];
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: admin.email, password: 'Sai-mat-khau-99' } });
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: '0911222333', password: TEST_PASSWORD } });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: admin.email, password: TEST_PASSWORD } });
    const cookie = cookieOf(res);
    await app.inject({
      url: `/api/admin/users?q=${encodeURIComponent('Bí Mật')}&facilityId=${f.id}`,
      headers: { cookie, 'x-request-id': 'trace-log-0001' },
    });
    await app.inject({ url: '/api/admin/users?limit=abc', headers: { cookie } });
    const text = lines.join('');
    expect(text).toContain('"route":"/api/admin/users"');
    expect(text).toContain('trace-log-0001');
    for (const secret of [
      admin.email,
      '0911222333',
      'Sai-mat-khau-99',
      TEST_PASSWORD,
      'Bí Mật',
      encodeURIComponent('Bí Mật'),
      cookie.split('=')[1]!,
      'Nguyễn Văn',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('logs of clinical work', () => {
  it('carry no patient name, identifier, clinical text, file name or report content', async () => {
    const station = await h.build.facility({ type: 'commune_health_station' });
    const hubF = await h.build.facility();
    const nurse = await h.build.user({ roles: [{ facilityId: station.id, role: 'clinician' }] });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier: nurse.email, password: TEST_PASSWORD },
    });
    const cookie = cookieOf(login);
    lines = [];
    const reg = await app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: { cookie },
      payload: { facilityId: station.id, fullName: 'Hoàng Thị Kín Đáo', birthDate: '1970-01-01', sex: 'female', citizenId: '079170009999' },
    });
    const patientId = reg.json<{ patient: { id: string } }>().patient.id;
    await app.inject({ url: `/api/patients?q=${encodeURIComponent('Kín Đáo')}`, headers: { cookie } });
    await app.inject({ url: '/api/patients?q=079170009999', headers: { cookie } });
    const c = await app.inject({
      method: 'POST',
      url: '/api/consults',
      headers: { cookie },
      payload: {
        facilityId: station.id,
        targetHubId: hubF.id,
        patientId,
        question: 'Bệnh nhân ho ra máu bí ẩn',
        clinical: { history: 'Tiền sử lao phổi bí ẩn' },
      },
    });
    await app.inject({
      method: 'POST',
      url: `/api/consults/${c.json<{ id: string }>().id}/transitions`,
      headers: { cookie },
      payload: { action: 'submit' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/uploads',
      headers: { cookie },
      payload: { filename: 'Hoang-Thi-Kin-Dao-xquang.jpg', size: 10, sha256: '0'.repeat(64), facilityId: station.id },
    });
    const text = lines.join('');
    expect(text).toContain('"route":"/api/consults"');
    for (const secret of [
      'Hoàng Thị',
      'Kín Đáo',
      encodeURIComponent('Kín Đáo'),
      '079170009999',
      'ho ra máu',
      'lao phổi',
      'Hoang-Thi-Kin-Dao',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});
