import { IMPORT_KINDS } from '@vuonxa/core';

export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The columns of each import and export file, in order; lists inside a cell are `;`-separated. */
export const CSV_COLUMNS: Readonly<Record<ImportKind, readonly string[]>> = {
  facilities: [
    ...['code', 'name', 'name_en', 'name_lo', 'name_km', 'type', 'technical_level', 'technical_score', 'country', 'province_code'],
    ...['province_text', 'commune_code', 'address', 'latitude', 'longitude', 'specialties', 'contact_phone', 'contact_email'],
    ...['eligibility_declared_at', 'eligibility_scope', 'active'],
  ],
  sites: ['facility_code', 'name', 'room', 'equipment', 'bandwidth_kbps', 'link_kind', 'status'],
  practitioners: [
    ...['licence_number', 'full_name', 'profession', 'scope_of_practice', 'specialties', 'languages', 'email', 'phone'],
    ...['availability', 'facility_code', 'position'],
  ],
};

/** Files up to about 5 MB: a province's whole registry fits many times over. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Whether a string is one of the import kinds (from a select). */
export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. With `guard`, a cell that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) is prefixed with `'` (OWASP CSV
 * injection): error messages can quote what was in the imported file.
 *
 * @example
 * csvCell('a,b'); // '"a,b"'
 * csvCell('=1+1', true); // "'=1+1"
 */
export function csvCell(value: string | number, guard = false): string {
  let s = String(value);
  if (guard && typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as CSV text with CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly (readonly (string | number)[])[], guard = false): string {
  return rows.map((row) => row.map((cell) => csvCell(cell, guard)).join(',')).join('\r\n') + '\r\n';
}

/** The header row of a kind: a template to fill in a spreadsheet. */
export function templateCsv(kind: ImportKind): string {
  return toCsv([CSV_COLUMNS[kind]]);
}

/**
 * The problems of a refused import as CSV, with a byte-order mark so that spreadsheet software reads the
 * Vietnamese text as UTF-8.
 */
export function rowErrorsCsv(
  header: readonly [string, string, string],
  rows: readonly { line: number; field: string; message: string }[],
): string {
  return `\uFEFF${toCsv([header, ...rows.map((r) => [r.line, r.field, r.message])], true)}`;
}

/** Saves text or a Blob as a file through a temporary link (no library needed). */
export function saveFile(content: Blob | string, fileName: string): void {
  const blob = typeof content === 'string' ? new Blob([content], { type: 'text/csv;charset=utf-8' }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked on the next turn: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
