import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import type { Role } from '@vuonxa/core';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { createDb, type Db } from '../src/db/db.js';
import type { Clock } from '../src/features/auth/auth.service.js';
import { createPasswordHasher } from '../src/lib/passwords.js';

export const TEST_PASSWORD = 'Thu-nghiem-2026';
const hasher = createPasswordHasher();
let hashOnce: Promise<string> | undefined;

export interface Harness {
  app: FastifyInstance;
  db: Db;
  config: Config;
  build: ReturnType<typeof builders>;
  /** Signs in through the API and returns the Cookie header value. */
  signIn(identifier: string, password?: string, ip?: string): Promise<string>;
  close(): Promise<void>;
}

/** Typed builders: each test makes its own facilities and people instead of sharing fixtures. */
function builders(db: Db) {
  let n = 0;
  const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}${randomBytes(2).toString('hex')}`;
  return {
    async facility(
      o: { name?: string; provinceCode?: string; type?: string; specialties?: string[]; latitude?: number; longitude?: number } = {},
    ): Promise<{ id: string; code: string }> {
      const code = `T-${uniq()}`.toUpperCase();
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO facility (code, name, type, technical_level, country, province_code, specialties, latitude, longitude)
         VALUES ($1, $2, $3, 'basic', 'VN', $4, $5, $6, $7) RETURNING id`,
        [
          code,
          o.name ?? `Cơ sở thử ${code}`,
          o.type ?? 'provincial_hospital',
          o.provinceCode ?? '01',
          o.specialties ?? [],
          o.latitude ?? null,
          o.longitude ?? null,
        ],
      );
      return { id: rows[0]!.id, code };
    },
    async user(o: {
      roles: { facilityId: string | null; role: Role }[];
      name?: string;
      phone?: string;
    }): Promise<{ id: string; email: string; password: string }> {
      hashOnce ??= hasher.hash(TEST_PASSWORD);
      const email = `u-${uniq()}@test.vuonxa.vn`;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO app_user (display_name, email, phone, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [o.name ?? 'Người thử', email, o.phone ?? null, await hashOnce],
      );
      const id = rows[0]!.id;
      for (const r of o.roles) {
        await db.query('INSERT INTO membership (user_id, facility_id, role) VALUES ($1, $2, $3)', [id, r.facilityId, r.role]);
      }
      return { id, email, password: TEST_PASSWORD };
    },
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'vx_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `vx_session=${c.value}`;
}

/**
 * A fresh database cloned from the run's migrated template, and the app built on it.
 *
 * @example
 * const h = await createHarness();
 * const admin = await h.build.user({ roles: [{ facilityId: null, role: 'system_admin' }] });
 * const cookie = await h.signIn(admin.email);
 */
export async function createHarness(opts: { env?: Record<string, string>; clock?: Clock } = {}): Promise<Harness> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('templateDb');
  const name = `${template}_f${randomBytes(5).toString('hex')}`;
  const admin = createDb(adminUrl, { max: 1 });
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 4 });
  const blobDir = await mkdtemp(path.join(tmpdir(), 'vx-blobs-'));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST: '/nonexistent', BLOB_DIR: blobDir, ...opts.env });
  const app = await buildApp({ config, db, secretKey: 'test-secret-key-0123456789abcdef-0123', logger: false, hasher, clock: opts.clock });
  await app.ready();
  return {
    app,
    db,
    config,
    build: builders(db),
    async signIn(identifier, password = TEST_PASSWORD, ip = '10.0.0.1') {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier, password }, remoteAddress: ip });
      return cookieOf(res);
    },
    async close() {
      await app.close();
      await db.close();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}
