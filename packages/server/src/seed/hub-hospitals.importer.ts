import { AppError, specialtyFromVietnamese } from '@vuonxa/core';
import type { Queryable } from '../db/db.js';
import { parseCsv } from '../lib/csv.js';
import type { ImportRowError } from '../features/geo/geo.importer.js';

/**
 * Imports the central hub hospitals (reference-data/hub-hospitals.csv: code, name_vi, name_en, province_code,
 * province_name, address, main_specialties) as central hospitals, their specialties mapped to our codes. Idempotent by code; all rows are validated
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
  const text = (v: string | undefined) => v?.trim().normalize('NFC') || null;
  const items = rows.map(({ values: v }) => ({
    code: text(v.code),
    name: text(v.name_vi),
    name_en: text(v.name_en),
    province_code: text(v.province_code),
    address: text(v.address),
    // "đa khoa; tim mạch; …" → our codes; names we do not know are left out, not guessed
    specialties: [
      ...new Set(
        (v.main_specialties ?? '')
          .split(';')
          .map(specialtyFromVietnamese)
          .filter((x) => x !== null),
      ),
    ],
  }));
  const res = await q.query(
    `INSERT INTO facility (code, name, name_en, type, technical_level, country, province_code, address, specialties)
     SELECT code, name, name_en, 'central_hospital', 'specialised', 'VN', province_code, address, specialties
       FROM jsonb_to_recordset($1::jsonb) AS t(code text, name text, name_en text, province_code text, address text, specialties text[])
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(items)],
  );
  return res.rowCount ?? 0;
}
