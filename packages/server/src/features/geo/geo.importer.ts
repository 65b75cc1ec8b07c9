import { AppError } from '@vuonxa/core';
import type { Db, Queryable } from '../../db/db.js';
import { parseCsv } from '../../lib/csv.js';

export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

export interface AdminUnitImportResult {
  provinces: { added: number; renamed: number; retired: number; unchanged: number };
  communes: { added: number; changed: number; retired: number; unchanged: number };
}

interface Unit {
  code: string;
  name: string;
  parent: string | null;
  /** Communes this one replaces (optional `replaces` column: codes separated by `;`), e.g. after a merger. */
  replaces?: string[];
}

const REQUIRED = ['province_code', 'province_name', 'commune_code', 'commune_name'] as const;

/** Validates every row first; returns the units or every bad row by line and field. */
export function parseAdminUnits(csv: string): { provinces: Map<string, Unit>; communes: Map<string, Unit>; errors: ImportRowError[] } {
  const { header, rows } = parseCsv(csv);
  const errors: ImportRowError[] = [];
  for (const col of REQUIRED) if (!header.includes(col)) errors.push({ line: 1, field: col, message: 'missing column' });
  const provinces = new Map<string, Unit>();
  const communes = new Map<string, Unit>();
  if (errors.length) return { provinces, communes, errors };
  for (const { line, values } of rows) {
    const pc = values.province_code?.trim() ?? '';
    const pn = (values.province_name ?? '').trim().normalize('NFC');
    const cc = values.commune_code?.trim() ?? '';
    const cn = (values.commune_name ?? '').trim().normalize('NFC');
    if (!/^\d{2}$/.test(pc)) errors.push({ line, field: 'province_code', message: 'two digits expected' });
    if (!pn) errors.push({ line, field: 'province_name', message: 'required' });
    if (!/^\d{5}$/.test(cc)) errors.push({ line, field: 'commune_code', message: 'five digits expected' });
    if (!cn) errors.push({ line, field: 'commune_name', message: 'required' });
    const p = provinces.get(pc);
    if (p && p.name !== pn) errors.push({ line, field: 'province_name', message: `differs from an earlier row for ${pc}` });
    if (communes.has(cc)) errors.push({ line, field: 'commune_code', message: `duplicate code ${cc}` });
    const replaces = (values.replaces ?? '').split(/[;\s]+/).filter(Boolean);
    if (replaces.some((r) => !/^\d{5}$/.test(r) || r === cc))
      errors.push({ line, field: 'replaces', message: 'five-digit codes of other communes, separated by ;' });
    provinces.set(pc, { code: pc, name: pn, parent: null });
    communes.set(cc, { code: cc, name: cn, parent: pc, replaces });
  }
  return { provinces, communes, errors };
}

async function syncLevel(
  q: Queryable,
  level: 'province' | 'commune',
  units: Map<string, Unit>,
  effective: string,
): Promise<{ added: number; changed: number; retired: number; unchanged: number }> {
  const table = level;
  const parentCol = level === 'commune' ? 'province_code' : null;
  const { rows } = await q.query<{ code: string; name: string; parent: string | null; valid_from: string; valid_to: string | null }>(
    `SELECT code, name, ${parentCol ?? 'NULL'} AS parent, valid_from::text, valid_to::text FROM ${table}`,
  );
  const existing = new Map(rows.map((r) => [r.code, r]));
  const add: Unit[] = [];
  const change: Unit[] = [];
  let unchanged = 0;
  for (const u of units.values()) {
    const old = existing.get(u.code);
    if (!old) add.push(u);
    else if (old.name !== u.name || old.parent !== u.parent || old.valid_to !== null) change.push(u);
    else unchanged++;
  }
  // A changed unit keeps its earlier name and parent as history (a merge or rename keeps the past).
  const history = change.map((u) => existing.get(u.code)!).filter((o) => o.valid_to === null);
  if (history.length) {
    await q.query(
      `INSERT INTO admin_unit_history (level, code, name, parent_code, valid_from, valid_to)
       SELECT $1, c, n, p, f::date, $6::date FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS t(c, n, p, f)`,
      [
        level,
        history.map((h) => h.code),
        history.map((h) => h.name),
        history.map((h) => h.parent),
        history.map((h) => h.valid_from),
        effective,
      ],
    );
  }
  const upserts = [...add, ...change];
  if (upserts.length) {
    const cols = parentCol ? `code, name, ${parentCol}, valid_from` : 'code, name, valid_from';
    const select = parentCol ? 'c, n, p, $4::date' : 'c, n, $4::date';
    await q.query(
      `INSERT INTO ${table} (${cols}) SELECT ${select} FROM unnest($1::text[], $2::text[], $3::text[]) AS t(c, n, p)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, valid_from = excluded.valid_from, valid_to = NULL,
         ${parentCol ? `${parentCol} = excluded.${parentCol},` : ''} updated_at = now()`,
      [upserts.map((u) => u.code), upserts.map((u) => u.name), upserts.map((u) => u.parent), effective],
    );
  }
  const retired = rows.filter((r) => r.valid_to === null && !units.has(r.code)).map((r) => r.code);
  if (retired.length) {
    await q.query(`UPDATE ${table} SET valid_to = $2::date, updated_at = now() WHERE code = ANY($1::text[])`, [retired, effective]);
  }
  return { added: add.length, changed: change.length, retired: retired.length, unchanged };
}

/**
 * A commune that replaces others (a merger): the replaced ones are retired pointing at it, and facilities
 * that pointed at them now point at it (and its province), keeping their address text as written.
 */
async function applyReplacements(q: Queryable, communes: Map<string, Unit>, effective: string): Promise<void> {
  const pairs = [...communes.values()].flatMap((u) =>
    (u.replaces ?? []).filter((old) => !communes.has(old)).map((old) => [old, u.code] as const),
  );
  if (!pairs.length) return;
  const olds = pairs.map((p) => p[0]);
  const news = pairs.map((p) => p[1]);
  await q.query(
    `UPDATE commune c SET replaced_by = t.new, valid_to = coalesce(c.valid_to, $3::date), updated_at = now()
       FROM unnest($1::text[], $2::text[]) AS t(old, new) WHERE c.code = t.old`,
    [olds, news, effective],
  );
  await q.query(
    `UPDATE facility f SET commune_code = t.new, province_code = n.province_code, updated_at = now()
       FROM unnest($1::text[], $2::text[]) AS t(old, new) JOIN commune n ON n.code = t.new
      WHERE f.commune_code = t.old`,
    [olds, news],
  );
}

/**
 * Imports provinces and communes from the official CSV (columns province_code, province_name, commune_code,
 * commune_name, optionally replaces). Re-runnable with a newer file: new units are added, renamed or moved units keep their
 * previous record in `admin_unit_history`, units absent from the file are retired (valid_to), never deleted,
 * so facilities keep pointing at them. All rows are validated first; one bad row imports nothing.
 *
 * @example
 * await importAdminUnits(db, await readFile('vn-admin-units-2025.csv', 'utf8'), '2025-07-01');
 */
export async function importAdminUnits(db: Db, csv: string, effectiveDate: string): Promise<AdminUnitImportResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate))
    throw new AppError('VALIDATION_FAILED', { details: { issues: [{ field: 'effectiveDate', message: 'YYYY-MM-DD', code: 'invalid' }] } });
  const { provinces, communes, errors } = parseAdminUnits(csv);
  if (errors.length) {
    throw new AppError('VALIDATION_FAILED', {
      message: `${errors.length} bad row(s); nothing imported`,
      details: { rows: errors.slice(0, 500) },
    });
  }
  return db.tx(async (q) => {
    const p = await syncLevel(q, 'province', provinces, effectiveDate);
    const c = await syncLevel(q, 'commune', communes, effectiveDate);
    await applyReplacements(q, communes, effectiveDate);
    return {
      provinces: { added: p.added, renamed: p.changed, retired: p.retired, unchanged: p.unchanged },
      communes: c,
    };
  });
}
