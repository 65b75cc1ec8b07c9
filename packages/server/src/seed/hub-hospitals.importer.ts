import { AppError } from '@vuonxa/core';
import type { Queryable } from '../db/db.js';
import { parseCsv } from '../lib/csv.js';
import type { ImportRowError } from '../features/geo/geo.importer.js';

/**
 * Imports the central hub hospitals (reference-data/hub-hospitals.csv: code, name_vi, name_en, province_code,
 * province_name, address, main_specialties) as central hospitals. Idempotent by code; all rows are validated
 * first and one bad row imports nothing.
 */
export async function importHubHospitals(q: Queryable, csv: string): Promise<number> {
  const { rows } = parseCsv(csv);
  const provinces = new Set((await q.query<{ code: string }>('SELECT code FROM province')).rows.map((r) => r.code));
  const errors: ImportRowError[] = [];
  for (const { line, values } of rows) {
    if (!/^[A-Z0-9-]{3,40}$/.test(values.code ?? '')) errors.push({ line, field: 'code', message: 'letters, digits and dashes' });
    if (!values.name_vi?.trim()) errors.push({ line, field: 'name_vi', message: 'required' });
    if (!provinces.has(values.province_code ?? '')) errors.push({ line, field: 'province_code', message: 'unknown province' });
  }
  if (errors.length)
    throw new AppError('VALIDATION_FAILED', { message: `${errors.length} bad row(s); nothing imported`, details: { rows: errors } });
  const col = (k: string) => rows.map((r) => (r.values[k] ?? '').trim().normalize('NFC') || null);
  const res = await q.query(
    `INSERT INTO facility (code, name, name_en, type, technical_level, country, province_code, address)
     SELECT c, n, e, 'central_hospital', 'specialised', 'VN', p, a
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(c, n, e, p, a)
     ON CONFLICT (code) DO NOTHING`,
    [col('code'), col('name_vi'), col('name_en'), col('province_code'), col('address')],
  );
  return res.rowCount ?? 0;
}
