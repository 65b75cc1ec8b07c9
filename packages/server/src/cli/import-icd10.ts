import { readFile } from 'node:fs/promises';
import { AppError } from '@vuonxa/core';
import { loadConfig } from '../config.js';
import { createDb } from '../db/db.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { importIcd10 } from '../features/icd10/icd10.importer.js';

// npm run import:icd10 -- <file.csv> [source-label]
// Loads the ministry's ICD-10 list (CSV export of the appendix); re-runnable, upserts by code.
const [file, source = 'moh-icd10'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: npm run import:icd10 -- <file.csv> [source-label]\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
const db = createDb(config.databaseUrl ?? embedded!.url);
try {
  await migrate(db);
  process.stdout.write(`${JSON.stringify(await importIcd10(db, await readFile(file, 'utf8'), source))}\n`);
} catch (err) {
  process.stderr.write(
    err instanceof AppError ? `${err.message}\n${JSON.stringify(err.details, null, 2)}\n` : `${(err as Error).message}\n`,
  );
  process.exitCode = 1;
} finally {
  await db.close();
  await embedded?.stop();
}
