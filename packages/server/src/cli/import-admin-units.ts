import { readFile } from 'node:fs/promises';
import { loadConfig } from '../config.js';
import { createDb } from '../db/db.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { importAdminUnits } from '../features/geo/geo.importer.js';
import { AppError } from '@vuonxa/core';

// npm run import:admin-units -- <file.csv> <effective-date YYYY-MM-DD>
// Loads a newer official list of provinces and communes; renamed or merged units keep their history.
const [file, effective] = process.argv.slice(2);
if (!file || !effective) {
  process.stderr.write('usage: npm run import:admin-units -- <file.csv> <effective-date YYYY-MM-DD>\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
const db = createDb(config.databaseUrl ?? embedded!.url);
try {
  await migrate(db);
  const result = await importAdminUnits(db, await readFile(file, 'utf8'), effective);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} catch (err) {
  if (err instanceof AppError) process.stderr.write(`${err.message}\n${JSON.stringify(err.details, null, 2)}\n`);
  else process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
  await embedded?.stop();
}
