import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDb } from '../src/db/db.js';
import { startEmbeddedPostgres, type EmbeddedPg } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { ensureAdminUnits, ensureIcd10Seed, ensureProvinceCentres, ensureRemoteCareConditions } from '../src/seed/reference-data.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
  }
}

/**
 * One PostgreSQL per run: DATABASE_URL when given (CI runs both), else a throwaway embedded cluster. A template
 * database is migrated and loaded with reference data once; each test file clones it (CREATE DATABASE …
 * TEMPLATE), so files never share rows and nothing needs truncating.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let embedded: EmbeddedPg | undefined;
  let dir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vuonxa-test-pg-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    embedded = await startEmbeddedPostgres({ dataDir: dir, port });
    adminUrl = embedded.url;
  }
  const templateDb = `vx_tpl_${process.pid}_${Date.now()}`;
  const admin = createDb(adminUrl, { max: 1 });
  await admin.query(`CREATE DATABASE ${templateDb}`);
  const url = new URL(adminUrl);
  url.pathname = `/${templateDb}`;
  const tpl = createDb(url.toString(), { max: 2 });
  await migrate(tpl);
  await ensureAdminUnits(tpl);
  await ensureProvinceCentres(tpl);
  await ensureIcd10Seed(tpl);
  await ensureRemoteCareConditions(tpl);
  await tpl.close();
  project.provide('pgAdminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1 || '%'`, [templateDb]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.close();
    await embedded?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
