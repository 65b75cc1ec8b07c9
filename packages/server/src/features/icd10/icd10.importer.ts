import { AppError, foldText, icd10Chapter, normaliseIcd10Code, type ImportRowError } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { parseCsv } from '../../lib/csv.js';

// Header names as the ministry's file writes them (folded), and our own short ones.
const CODE = ['ma', 'code', 'ma icd', 'ma icd10', 'ma benh'];
const NAME_VI = ['ten benh', 'name_vi', 'ten', 'ten tieng viet'];
const NAME_EN = ['name_en', 'disease name', 'disease name who 2019 (english)', 'ten tieng anh'];

export interface Icd10ImportResult {
  rows: number;
  imported: number;
  skipped: number;
}

function column(header: string[], names: string[]): string | undefined {
  return header.find((h) => names.includes(foldText(h)));
}

/**
 * Imports the ministry's ICD-10 file (CSV export of the appendix: columns such as "MÃ", "TÊN BỆNH",
 * "DISEASE NAME WHO 2019 (ENGLISH)", or our own code,name_vi,name_en). Codes are normalised ("E119" → "E11.9"),
 * the chapter is derived from the code (WHO ranges). Rows without a code (chapter and block headings) are
 * skipped; every other row is validated first and one bad row imports nothing. Upserts by code.
 *
 * @example
 * await importIcd10(db, await readFile('icd10_danh_muc.csv', 'utf8'), 'moh-icd10');
 */
export async function importIcd10(db: Db, csv: string, source: string): Promise<Icd10ImportResult> {
  const { header, rows } = parseCsv(csv);
  const codeCol = column(header, CODE);
  const viCol = column(header, NAME_VI);
  const enCol = column(header, NAME_EN);
  const errors: ImportRowError[] = [];
  if (!codeCol) errors.push({ line: 1, field: 'code', message: 'missing column (MÃ or code)' });
  if (!viCol) errors.push({ line: 1, field: 'name_vi', message: 'missing column (TÊN BỆNH or name_vi)' });
  if (errors.length || !codeCol || !viCol)
    throw new AppError('VALIDATION_FAILED', { message: 'not an ICD-10 file', details: { rows: errors } });
  const entries = new Map<string, { code: string; name_vi: string; name_en: string | null; chapter: string; line: number }>();
  let skipped = 0;
  for (const { line, values } of rows) {
    const raw = values[codeCol]?.trim() ?? '';
    if (!raw) {
      skipped++;
      continue;
    }
    const code = normaliseIcd10Code(raw);
    const nameVi = values[viCol]?.trim().normalize('NFC') ?? '';
    const chapter = code ? icd10Chapter(code) : null;
    if (!code) errors.push({ line, field: codeCol, message: `not an ICD-10 code: ${raw.slice(0, 12)}` });
    else if (!chapter) errors.push({ line, field: codeCol, message: 'outside every ICD-10 chapter' });
    if (!nameVi) errors.push({ line, field: viCol, message: 'required' });
    if (code && entries.has(code)) errors.push({ line, field: codeCol, message: `duplicate of line ${entries.get(code)!.line}` });
    if (code && chapter && nameVi && !entries.has(code)) {
      entries.set(code, { code, name_vi: nameVi, name_en: (enCol && values[enCol]?.trim().normalize('NFC')) || null, chapter, line });
    }
  }
  if (errors.length)
    throw new AppError('VALIDATION_FAILED', {
      message: `${errors.length} bad row(s); nothing imported`,
      details: { rows: errors.slice(0, 5000) },
    });
  const items = [...entries.values()];
  await db.tx(async (q) => {
    for (let i = 0; i < items.length; i += 5000) {
      await q.query(
        `INSERT INTO icd10 (code, name_vi, name_en, chapter, source)
         SELECT code, name_vi, name_en, chapter, $2 FROM jsonb_to_recordset($1::jsonb) AS t(code text, name_vi text, name_en text, chapter text)
         ON CONFLICT (code) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en, chapter = excluded.chapter,
           source = excluded.source, updated_at = now()`,
        [JSON.stringify(items.slice(i, i + 5000)), source],
      );
    }
  });
  return { rows: rows.length, imported: items.length, skipped };
}
