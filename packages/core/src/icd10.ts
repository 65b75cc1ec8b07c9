import { z } from 'zod';

/** ICD-10 code in dot form: a letter, two digits, optionally a dot and one or two characters (A09, E11.9, J31.1). */
export const ICD10_CODE = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$/;
export const icd10CodeSchema = z.string().regex(ICD10_CODE, 'an ICD-10 code such as E11.9');

/**
 * Normalises a code as files write it: upper case, no spaces, "E119" → "E11.9", "Z09." → "Z09", "e11,9" → "E11.9".
 * Returns null when the result is not a valid code.
 *
 * @example
 * normaliseIcd10Code(' e119 '); // 'E11.9'
 */
export function normaliseIcd10Code(raw: string): string | null {
  let c = raw.trim().toUpperCase().replace(/\s+/g, '').replace(',', '.').replace(/\.$/, '');
  if (/^[A-Z][0-9]{2}[0-9A-Z]{1,2}$/.test(c)) c = `${c.slice(0, 3)}.${c.slice(3)}`;
  return ICD10_CODE.test(c) ? c : null;
}

// WHO ICD-10 (2019) chapters by the first three characters of the code.
const CHAPTERS: [string, string, string][] = [
  ['A00', 'B99', 'I'],
  ['C00', 'D48', 'II'],
  ['D50', 'D89', 'III'],
  ['E00', 'E90', 'IV'],
  ['F00', 'F99', 'V'],
  ['G00', 'G99', 'VI'],
  ['H00', 'H59', 'VII'],
  ['H60', 'H95', 'VIII'],
  ['I00', 'I99', 'IX'],
  ['J00', 'J99', 'X'],
  ['K00', 'K93', 'XI'],
  ['L00', 'L99', 'XII'],
  ['M00', 'M99', 'XIII'],
  ['N00', 'N99', 'XIV'],
  ['O00', 'O99', 'XV'],
  ['P00', 'P96', 'XVI'],
  ['Q00', 'Q99', 'XVII'],
  ['R00', 'R99', 'XVIII'],
  ['S00', 'T98', 'XIX'],
  ['V01', 'Y98', 'XX'],
  ['Z00', 'Z99', 'XXI'],
  ['U00', 'U85', 'XXII'],
];

/**
 * The ICD-10 chapter (Roman numeral) a code belongs to, or null outside every chapter.
 *
 * @example
 * icd10Chapter('E11.9'); // 'IV'
 */
export function icd10Chapter(code: string): string | null {
  const head = code.slice(0, 3);
  return CHAPTERS.find(([from, to]) => head >= from && head <= to)?.[2] ?? null;
}

export const icd10EntrySchema = z.object({
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string().nullable(),
  chapter: z.string(),
});
export type Icd10Entry = z.infer<typeof icd10EntrySchema>;
export const icd10QuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
