import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { Db } from './db.js';

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
// Any constant shared by every instance: only one of them migrates at a time.
const LOCK_KEY = 7_715_200_2;

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies the versioned SQL files in `migrations/` that are not yet recorded, each in its own transaction,
 * under an advisory lock so that several instances starting together do not race. A file already applied
 * whose content changed is refused: migrations are append-only.
 */
export async function migrate(db: Db): Promise<MigrationResult> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort();
  const client = await db.pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (await client.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migration')).rows.map((r) => [
        r.version,
        r.checksum,
      ]),
    );
    for (const file of files) {
      const sql = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8');
      const checksum = createHash('sha256').update(sql).digest('hex');
      const version = file.replace(/\.sql$/, '');
      const previous = done.get(version);
      if (previous !== undefined) {
        if (previous !== checksum) throw new Error(`Migration ${file} changed after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migration (version, checksum) VALUES ($1, $2)', [version, checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${file} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return { applied };
}
