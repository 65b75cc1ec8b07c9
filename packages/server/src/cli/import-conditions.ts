import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { createDb } from '../db/db.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { migrate } from '../db/migrate.js';
import { importRemoteCareConditions } from '../features/homecare/conditions.importer.js';

// npm run import:conditions -- <file.csv> [--replace]
// Loads the Circular 30/2023/TT-BYT list of conditions allowed for remote care (no, specialty_vi, condition_vi,
// icd10_codes); re-runnable; with --replace, items not in the file are deactivated (a newer official list).
const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: npm run import:conditions -- <file.csv> [--replace]\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort });
const db = createDb(config.databaseUrl ?? embedded!.url);
try {
  await migrate(db);
  const out = await importRemoteCareConditions(db, await readFile(file, 'utf8'), {
    source: path.basename(file),
    replace: args.includes('--replace'),
  });
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  if (out.errors.length > 0) process.exitCode = 1;
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
  await embedded?.stop();
}
