import { readFile } from 'node:fs/promises';
import type { Db } from '../db/db.js';
import { importAdminUnits, type AdminUnitImportResult } from '../features/geo/geo.importer.js';
import { importIcd10 } from '../features/icd10/icd10.importer.js';
import { importRemoteCareConditions } from '../features/homecare/conditions.importer.js';
import { parseCsv } from '../lib/csv.js';

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

/** Administrative centres of the provinces (our compilation, see reference-data/README.md). */
export const PROVINCE_CENTRES_FILE = 'province-centres-2025.csv';

/**
 * Gives each province without a location its administrative centre's coordinates: the fallback for
 * "nearest hub" when a facility has no coordinates of its own. Unknown province codes are ignored.
 */
export async function ensureProvinceCentres(db: Db): Promise<number> {
  const { rows: missing } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM province WHERE latitude IS NULL');
  if (!missing[0]?.n) return 0;
  const { rows } = parseCsv(await readFile(new URL(PROVINCE_CENTRES_FILE, REFERENCE_DIR), 'utf8'));
  const res = await db.query(
    `UPDATE province p SET latitude = t.lat, longitude = t.lon
       FROM unnest($1::text[], $2::float8[], $3::float8[]) AS t(code, lat, lon)
      WHERE p.code = t.code AND p.latitude IS NULL`,
    [rows.map((r) => r.values.province_code), rows.map((r) => Number(r.values.latitude)), rows.map((r) => Number(r.values.longitude))],
  );
  return res.rowCount ?? 0;
}

/** The Circular 30/2023 list of conditions allowed for remote care (partial, see reference-data/README.md). */
export const REMOTE_CARE_CONDITIONS_FILE = 'remote-care-conditions-circular-30-2023.csv';

/**
 * Until the ministry's ICD-10 file is imported (`npm run import:icd10`), seeds the codes we have: those the
 * Circular 30/2023 list names, with the Circular's wording of the condition as their Vietnamese name.
 */
export async function ensureIcd10Seed(db: Db): Promise<number> {
  const { rows: n } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM icd10');
  if (n[0]?.n) return 0;
  const { rows } = parseCsv(await readFile(new URL(REMOTE_CARE_CONDITIONS_FILE, REFERENCE_DIR), 'utf8'));
  const lines = ['code,name_vi'];
  const seen = new Set<string>();
  for (const { values } of rows) {
    for (const code of (values.icd10_codes ?? '').split(/\s+/).filter(Boolean)) {
      if (seen.has(code)) continue;
      seen.add(code);
      lines.push(`${code},"${(values.condition_vi ?? '').replace(/"/g, '""')}"`);
    }
  }
  return (await importIcd10(db, lines.join('\n'), 'circular-30-2023')).imported;
}

/**
 * Loads the Circular 30/2023 list of conditions allowed for remote care on a database that has none (the gate of
 * patient-facing visits). A newer or complete list: `npm run import:conditions -- <file> [--replace]`.
 */
export async function ensureRemoteCareConditions(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM remote_care_condition');
  if (rows[0]?.n) return 0;
  const csv = await readFile(new URL(REMOTE_CARE_CONDITIONS_FILE, REFERENCE_DIR), 'utf8');
  const out = await importRemoteCareConditions(db, csv, { source: REMOTE_CARE_CONDITIONS_FILE });
  if (out.errors.length > 0)
    throw new Error(`${REMOTE_CARE_CONDITIONS_FILE}: ${out.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  return out.imported;
}
