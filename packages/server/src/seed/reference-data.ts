import { readFile } from 'node:fs/promises';
import type { Db } from '../db/db.js';
import { importAdminUnits, type AdminUnitImportResult } from '../features/geo/geo.importer.js';

/** The official files shipped with the project, unedited (see reference-data/README.md). */
export const REFERENCE_DIR = new URL('../../../../reference-data/', import.meta.url);
/** Administrative units in force since the 2025 reorganisation (Resolution 202/2025/QH15). */
export const ADMIN_UNITS_FILE = 'vn-admin-units-2025.csv';
export const ADMIN_UNITS_EFFECTIVE = '2025-07-01';

/**
 * Loads the provinces and communes on a database that has none. Every deployment needs geography, demo or
 * not; a newer file is loaded with `npm run import:admin-units`.
 */
export async function ensureAdminUnits(db: Db): Promise<AdminUnitImportResult | null> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM province');
  if ((rows[0]?.n ?? 0) > 0) return null;
  const csv = await readFile(new URL(ADMIN_UNITS_FILE, REFERENCE_DIR), 'utf8');
  return importAdminUnits(db, csv, ADMIN_UNITS_EFFECTIVE);
}
