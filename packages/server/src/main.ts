import { createLocalBlobStore } from './lib/blob-store.js';
import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createDb, type Db } from './db/db.js';
import { startEmbeddedPostgres, type EmbeddedPg } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { createPasswordHasher } from './lib/passwords.js';
import { loadSecretKey } from './secret-key.js';
import { seedDemo } from './seed/demo.js';
import { ensureAdminUnits, ensureIcd10Seed, ensureProvinceCentres, ensureRemoteCareConditions } from './seed/reference-data.js';

// The only file that listens. Start-up: config → PostgreSQL (embedded or DATABASE_URL) → migrations →
// reference data → demo seed (first start) → HTTP. Ctrl-C closes HTTP, the pool, then PostgreSQL.
const started = performance.now();
const config = loadConfig(process.env);
const log = pino({ level: config.logLevel });
let embedded: EmbeddedPg | undefined;
let db: Db | undefined;

async function stopData(): Promise<void> {
  await db?.close().catch(() => undefined);
  await embedded?.stop().catch((e: unknown) => log.error({ errName: (e as Error).name }, 'embedded PostgreSQL stop failed'));
}

try {
  if (config.databaseUrl) {
    db = createDb(config.databaseUrl, { strict: config.auditSyncCommit });
  } else {
    log.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      onLog: (l) => log.debug({ pg: l }, 'postgres'),
    });
    db = createDb(embedded.url, { strict: config.auditSyncCommit });
  }
  const { applied } = await migrate(db);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const units = await ensureAdminUnits(db);
  if (units) log.info({ provinces: units.provinces.added, communes: units.communes.added }, 'administrative units imported');
  await ensureProvinceCentres(db);
  await ensureIcd10Seed(db);
  await ensureRemoteCareConditions(db);
  const hasher = createPasswordHasher();
  if (config.demoSeed && (await seedDemo(db, hasher, createLocalBlobStore(config.blobDir))))
    log.info('demo data seeded (accounts in README.md)');
  const secretKey = await loadSecretKey({ configured: config.secretKey, dataDir: config.dataDir, production: config.env === 'production' });
  const app = await buildApp({ config, db, secretKey, hasher });
  await app.listen({ host: config.host, port: config.port });
  log.info(
    {
      url: `http://localhost:${config.port}`,
      startupMs: Math.round(performance.now() - started),
      database: embedded ? 'embedded' : 'external',
    },
    'Vươn Xa ready',
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      log.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    void app
      .close()
      .then(stopData)
      .then(() => {
        log.info('stopped cleanly');
        process.exit(0);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (err) {
  log.fatal({ errName: (err as Error).name, message: (err as Error).message }, 'start-up failed');
  await stopData();
  process.exit(1);
}
