import { AppError, type FacilityInput, type ImportResult, type ImportRowError, type PractitionerInput, type SiteInput } from '@vuonxa/core';
import type { z } from 'zod';
import type { Db, Queryable } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import { parseCsv } from '../../lib/csv.js';
import type { AuditService } from '../audit/audit.service.js';
import { FACILITY_SPEC, PRACTITIONER_SPEC, rowErrors, SITE_SPEC, type KindSpec } from './import.columns.js';
import { writeFacilities, writePractitioners, writeSites } from './import.writers.js';

export type ImportKind = 'facilities' | 'sites' | 'practitioners';
/** Bad rows reported in one answer; the total is always given. */
export const MAX_REPORTED_ERRORS = 5000;

interface Parsed<T> {
  /** Rows that passed the schema. */
  rows: { line: number; input: T; values: Record<string, string | undefined> }[];
  /** Every row as read (valid or not), so reference checks report bad rows in full. */
  all: { line: number; values: Record<string, string | undefined> }[];
  errors: ImportRowError[];
}

/** Spreadsheet programs prefix formula-like cells with an apostrophe on export (see export); undo it on import. */
const clean = (s: string) => {
  const t = s.trim().normalize('NFC');
  return /^'[=+\-@]/.test(t) ? t.slice(1) : t;
};

/** Parses and validates every row against the API's own schema; never stops at the first bad row. */
function validate<S extends z.ZodType>(csv: string, spec: KindSpec<S>): Parsed<z.infer<S>> {
  let table: ReturnType<typeof parseCsv>;
  try {
    table = parseCsv(csv);
  } catch (e) {
    return { rows: [], all: [], errors: [{ line: 1, field: 'file', message: (e as Error).message }] };
  }
  const errors: ImportRowError[] = [];
  for (const col of spec.required) if (!table.header.includes(col)) errors.push({ line: 1, field: col, message: 'missing column' });
  for (const col of table.header) if (!spec.columns.includes(col)) errors.push({ line: 1, field: col, message: 'unknown column' });
  if (errors.length) return { rows: [], all: [], errors };
  if (!table.rows.length) return { rows: [], all: [], errors: [{ line: 2, field: 'file', message: 'no rows' }] };
  const seen = new Map<string, number>();
  const rows: Parsed<z.infer<S>>['rows'] = [];
  const all: Parsed<z.infer<S>>['all'] = [];
  for (const { line, values: raw } of table.rows) {
    const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, clean(v) || undefined]));
    all.push({ line, values });
    const key = spec.key(values);
    const first = seen.get(key);
    if (first !== undefined) errors.push({ line, field: spec.keyColumn, message: `duplicate of line ${first}` });
    else seen.set(key, line);
    const r = spec.schema.safeParse(spec.toInput(values));
    if (r.success) rows.push({ line, input: r.data, values });
    else errors.push(...rowErrors(line, r.error.issues, (path) => spec.column(path)));
  }
  return { rows, all, errors };
}

async function facilityIds(q: Queryable, codes: string[]): Promise<Map<string, string>> {
  const { rows } = await q.query<{ code: string; id: string }>('SELECT code, id FROM facility WHERE code = ANY($1::text[])', [
    [...new Set(codes)],
  ]);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Database checks that need the registry (provinces and communes, facility codes), on every row read. */
async function checkReferences(q: Queryable, kind: ImportKind, parsed: Parsed<unknown>): Promise<Map<string, string>> {
  if (kind === 'facilities') {
    const { rows } = await q.query<{ code: string; province_code: string }>('SELECT code, province_code FROM commune');
    const communes = new Map(rows.map((r) => [r.code, r.province_code]));
    const provinces = new Set(rows.map((r) => r.province_code));
    for (const { line, values: v } of parsed.all) {
      if (v.province_code && !provinces.has(v.province_code))
        parsed.errors.push({ line, field: 'province_code', message: 'unknown province' });
      else if (v.commune_code && v.province_code && communes.get(v.commune_code) !== v.province_code) {
        parsed.errors.push({ line, field: 'commune_code', message: 'not a commune of this province' });
      }
    }
    return new Map();
  }
  const code = (v: Record<string, string | undefined>) => (v.facility_code ?? '').toUpperCase();
  const ids = await facilityIds(
    q,
    parsed.all.map((r) => code(r.values)),
  );
  for (const { line, values } of parsed.all) {
    if (values.facility_code && !ids.has(code(values))) parsed.errors.push({ line, field: 'facility_code', message: 'unknown facility' });
  }
  return ids;
}

/** How many rows of a checked file already exist (they would be updated, the rest created). */
async function countExisting(q: Queryable, kind: ImportKind, parsed: Parsed<unknown>, ids: Map<string, string>): Promise<number> {
  const v = parsed.rows.map((r) => r.values);
  const sql =
    kind === 'facilities'
      ? 'SELECT count(*)::int AS n FROM facility WHERE code = ANY($1::text[])'
      : kind === 'sites'
        ? `SELECT count(*)::int AS n FROM bridge_site s JOIN unnest($1::text[], $2::text[]) AS t(f, name) ON s.facility_id = t.f::uuid AND s.name = t.name`
        : 'SELECT count(*)::int AS n FROM practitioner WHERE licence_number = ANY($1::text[])';
  const params =
    kind === 'facilities'
      ? [v.map((x) => (x.code ?? '').toUpperCase())]
      : kind === 'sites'
        ? [v.map((x) => ids.get((x.facility_code ?? '').toUpperCase()) ?? ''), v.map((x) => (x.name ?? '').trim())]
        : [v.map((x) => (x.licence_number ?? '').toUpperCase())];
  const { rows } = await q.query<{ n: number }>(sql, params);
  return rows[0]?.n ?? 0;
}

/**
 * Bulk import of facilities, sites or practitioners from CSV. Every row is validated first (the API's schemas,
 * duplicates within the file, references in the registry); if any row is bad nothing is written and every bad
 * row is reported by line and column. Otherwise all rows are upserted in one transaction (by facility code,
 * by facility + site name, by licence number).
 */
export function createImportService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;
  return {
    async run(auth: AuthContext, kind: ImportKind, csv: string, dryRun: boolean, m: RequestMeta): Promise<ImportResult> {
      assertCan(auth.principal, 'registry.import');
      const spec = kind === 'facilities' ? FACILITY_SPEC : kind === 'sites' ? SITE_SPEC : PRACTITIONER_SPEC;
      const parsed: Parsed<unknown> = validate<z.ZodType>(csv, spec);
      const ids = parsed.errors.some((e) => e.line === 1) ? new Map<string, string>() : await checkReferences(db, kind, parsed);
      if (parsed.errors.length) {
        const sorted = parsed.errors.sort((a, b) => a.line - b.line);
        await audit.record(m, {
          action: 'registry.import',
          outcome: 'failure',
          entityType: kind,
          details: { badRows: new Set(sorted.map((e) => e.line)).size, dryRun },
        });
        throw new AppError('VALIDATION_FAILED', {
          message: `${new Set(sorted.map((e) => e.line)).size} bad row(s); nothing imported`,
          details: { rows: sorted.slice(0, MAX_REPORTED_ERRORS), total: sorted.length },
        });
      }
      const base = { kind, rows: parsed.rows.length, dryRun };
      if (dryRun) {
        const existing = await countExisting(db, kind, parsed, ids);
        return { ...base, created: parsed.rows.length - existing, updated: existing };
      }
      const counts = await db.tx(async (q) => {
        const c =
          kind === 'facilities'
            ? await writeFacilities(
                q,
                (parsed.rows as Parsed<FacilityInput>['rows']).map((r) => r.input),
              )
            : kind === 'sites'
              ? await writeSites(
                  q,
                  (parsed.rows as Parsed<SiteInput>['rows']).map((r) => ({
                    facilityId: ids.get((r.values.facility_code ?? '').toUpperCase())!,
                    site: r.input,
                  })),
                )
              : await writePractitioners(
                  q,
                  (parsed.rows as Parsed<PractitionerInput>['rows']).map((r) => ({
                    facilityId: ids.get((r.values.facility_code ?? '').toUpperCase())!,
                    p: r.input,
                  })),
                );
        await audit.record(
          m,
          {
            action: 'registry.import',
            outcome: 'success',
            entityType: kind,
            details: { rows: parsed.rows.length, created: c.created, updated: c.updated },
          },
          q,
        );
        return c;
      });
      return { ...base, ...counts };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;
