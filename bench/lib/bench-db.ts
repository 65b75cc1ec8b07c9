import path from 'node:path';
import { createDb, type Db } from '../../packages/server/src/db/db.js';
import { startEmbeddedPostgres } from '../../packages/server/src/db/embedded.js';
import { migrate } from '../../packages/server/src/db/migrate.js';
import { ensureAdminUnits, ensureProvinceCentres } from '../../packages/server/src/seed/reference-data.js';

export interface BenchDb {
  db: Db;
  /** Where the data lives, for the report: `DATABASE_URL` (password hidden) or the embedded data directory. */
  where: string;
  close(): Promise<void>;
}

/**
 * Opens the database a bench works on: `DATABASE_URL` when given, else the project's embedded PostgreSQL in
 * `dataDir` on `port`. Brings the schema and the reference geography (provinces, communes, province centres) up
 * to date, as the server does on start.
 */
export async function openBenchDb(opts: { databaseUrl?: string; dataDir: string; port: number; poolSize?: number }): Promise<BenchDb> {
  let url = opts.databaseUrl;
  let stopPg: (() => Promise<void>) | undefined;
  if (!url) {
    const pg = await startEmbeddedPostgres({ dataDir: path.resolve(opts.dataDir), port: opts.port });
    url = pg.url;
    stopPg = () => pg.stop();
  }
  const db = createDb(url, { max: opts.poolSize ?? 2 });
  try {
    await migrate(db);
    await ensureAdminUnits(db);
    await ensureProvinceCentres(db);
  } catch (err) {
    await db.close();
    await stopPg?.();
    throw err;
  }
  return {
    db,
    where: opts.databaseUrl ? opts.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : `embedded PostgreSQL in ${opts.dataDir}`,
    async close() {
      await db.close();
      await stopPg?.();
    },
  };
}
