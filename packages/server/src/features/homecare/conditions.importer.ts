import { specialtyFromVietnamese } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { parseCsv } from '../../lib/csv.js';

export interface ConditionImportResult {
  imported: number;
  /** Rows refused, with the line and the reason (nothing is written when any row is bad). */
  errors: { line: number; message: string }[];
}

const ICD10 = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/;

/**
 * Imports the list of conditions allowed for remote examination and treatment (Circular 30/2023/TT-BYT appendix:
 * `no, specialty_vi, condition_vi, icd10_codes`). All or nothing: one bad row and nothing is written. Items in
 * the file are added or updated; with `replace`, items not in the file are deactivated (a newer official list).
 */
export async function importRemoteCareConditions(
  db: Db,
  csv: string,
  o: { source: string; replace?: boolean },
): Promise<ConditionImportResult> {
  const { header, rows } = parseCsv(csv);
  const missing = ['no', 'specialty_vi', 'condition_vi', 'icd10_codes'].filter((c) => !header.includes(c));
  if (missing.length > 0) return { imported: 0, errors: [{ line: 1, message: `missing columns: ${missing.join(', ')}` }] };
  const errors: ConditionImportResult['errors'] = [];
  const items: { no: number; specialty: string | null; specialtyVi: string; name: string; codes: string[] }[] = [];
  const seen = new Set<number>();
  for (const { line, values } of rows) {
    const no = Number(values.no);
    const codes = (values.icd10_codes ?? '').split(/[\s;,]+/).filter(Boolean);
    const name = (values.condition_vi ?? '').trim();
    const specialtyVi = (values.specialty_vi ?? '').trim();
    if (!Number.isInteger(no) || no < 1) errors.push({ line, message: 'no: a positive whole number' });
    else if (seen.has(no)) errors.push({ line, message: `no: ${no} appears twice` });
    else if (!name) errors.push({ line, message: 'condition_vi: empty' });
    else if (!specialtyVi) errors.push({ line, message: 'specialty_vi: empty' });
    else if (codes.length === 0 || codes.some((c) => !ICD10.test(c)))
      errors.push({ line, message: `icd10_codes: not ICD-10 codes (${values.icd10_codes ?? ''})` });
    else {
      seen.add(no);
      items.push({ no, specialty: specialtyFromVietnamese(specialtyVi), specialtyVi, name, codes });
    }
  }
  if (errors.length > 0) return { imported: 0, errors };
  await db.tx(async (q) => {
    if (o.replace)
      await q.query('UPDATE remote_care_condition SET active = false, updated_at = now() WHERE NOT (no = ANY($1::int[]))', [[...seen]]);
    for (const it of items) {
      await q.query(
        `INSERT INTO remote_care_condition (no, specialty, specialty_vi, name, icd10_codes, active, source)
         VALUES ($1, $2, $3, $4, $5, true, $6)
         ON CONFLICT (no) DO UPDATE SET specialty = EXCLUDED.specialty, specialty_vi = EXCLUDED.specialty_vi, name = EXCLUDED.name,
           icd10_codes = EXCLUDED.icd10_codes, active = true, source = EXCLUDED.source, updated_at = now()`,
        [it.no, it.specialty, it.specialtyVi, it.name, it.codes, o.source],
      );
    }
  });
  return { imported: items.length, errors: [] };
}
