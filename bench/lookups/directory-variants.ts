import { foldText, type PractitionerQuery } from '@vuonxa/core';
import type { Statement } from './measure.js';

// Candidate rewrites of practitionersRepo.search, built from the same inputs, for the experiments. The enrichment
// (memberships, on call now) and the filters mirror the repo's (all but `onCall`, which the bench does not send);
// only the way the page is found changes.

export type DirectoryVariant = 'page-first' | 'prefix-split' | 'prefix-split-province';
export const DIRECTORY_VARIANTS: readonly string[] = ['page-first', 'prefix-split', 'prefix-split-province'];

/** The copy of practitioner with a province_codes column that the last experiment builds (see experiments.ts). */
export const PROVINCE_TABLE = 'practitioner_by_province';

const ENRICH = `SELECT p.id, p.full_name, p.licence_number, p.profession, p.scope_of_practice, p.specialties, p.languages, p.email,
  p.phone, p.availability, p.user_id, p.search_text,
  EXISTS (SELECT 1 FROM on_call_shift o WHERE o.practitioner_id = p.id AND o.ends_at > now() AND o.starts_at <= now()) AS on_call_now,
  coalesce((SELECT json_agg(json_build_object('facilityId', f.id, 'facilityName', f.name,
              'provinceName', coalesce(pr.name, f.province_text), 'position', pm.position) ORDER BY f.name)
              FROM practitioner_membership pm JOIN facility f ON f.id = pm.facility_id LEFT JOIN province pr ON pr.code = f.province_code
             WHERE pm.practitioner_id = p.id), '[]') AS memberships
  FROM page JOIN practitioner p ON p.id = page.id`;

/** The repo's cursor: base64url of JSON [search_text, id]. */
function decodeCursor(c: string | undefined): [string, string] | null {
  if (!c) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}

/**
 * `page-first`: the repo's query with the page of ids found first and only those 51 rows enriched, so the
 * "on call now" test is 51 index probes instead of a hashed scan of every current shift.
 *
 * `prefix-split`: also orders by `search_text COLLATE "C"` and splits "contains q" into "starts with q" (a range
 * of a C-collation (search_text, id) index: most searches start with the family name) and "contains q after the
 * first character" (trigram index on substr(search_text, 2)), merged in order. Needs the two indexes of the
 * experiment; returns exactly the rows of the original.
 *
 * `prefix-split-province`: as `prefix-split`, with the province filter on a denormalised `province_codes text[]`
 * column (GIN-indexed) instead of an EXISTS over memberships, so the planner can intersect it with the name index;
 * the page is read from the experiment's copy of the table, which has that column.
 */
export function directoryVariant(i: PractitionerQuery, variant: DirectoryVariant): Statement {
  const params: unknown[] = [];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const c = variant === 'page-first' ? '' : ' COLLATE "C"';
  const table = variant === 'prefix-split-province' ? PROVINCE_TABLE : 'practitioner';
  const conds: string[] = [];
  if (i.specialty) conds.push(`p.specialties @> ARRAY[${$(i.specialty)}]::text[]`);
  if (i.language) conds.push(`p.languages @> ARRAY[${$(i.language)}]::text[]`);
  if (i.profession) conds.push(`p.profession = ${$(i.profession)}`);
  if (i.facilityId)
    conds.push(`EXISTS (SELECT 1 FROM practitioner_membership pm WHERE pm.practitioner_id = p.id AND pm.facility_id = ${$(i.facilityId)})`);
  if (i.provinceCode && variant === 'prefix-split-province') conds.push(`p.province_codes @> ARRAY[${$(i.provinceCode)}]::text[]`);
  else if (i.provinceCode)
    conds.push(`EXISTS (SELECT 1 FROM practitioner_membership pm JOIN facility fa ON fa.id = pm.facility_id
                  WHERE pm.practitioner_id = p.id AND fa.province_code = ${$(i.provinceCode)})`);
  const cur = decodeCursor(i.cursor);
  if (cur) conds.push(`(p.search_text${c}, p.id) > (${$(cur[0])}::text${c}, ${$(cur[1])}::uuid)`);
  const limit = $(i.limit + 1);
  const order = `ORDER BY p.search_text${c}, p.id LIMIT ${limit}`;
  const where = (extra: string[]) => {
    const all = [...extra, ...conds];
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  };
  const q = i.q ? foldText(i.q).replace(/[%_\\]/g, '\\$&') : '';
  let page: string;
  if (!q) page = `SELECT p.id, p.search_text FROM ${table} p ${where([])} ${order}`;
  else if (variant === 'page-first')
    page = `SELECT p.id, p.search_text FROM ${table} p ${where([`p.search_text LIKE ${$(`%${q}%`)}`])} ${order}`;
  else {
    const prefix = `p.search_text${c} LIKE ${$(`${q}%`)}`;
    const tail = `substr(p.search_text, 2) LIKE ${$(`%${q}%`)}`;
    // ORDER BY of a UNION takes only output names, not COLLATE expressions: hence the derived table.
    page = `SELECT u.id, u.search_text FROM (
      (SELECT p.id, p.search_text FROM ${table} p ${where([prefix])} ${order})
      UNION ALL
      (SELECT p.id, p.search_text FROM ${table} p ${where([tail, `NOT (${prefix})`])} ${order})) u
      ORDER BY u.search_text${c}, u.id LIMIT ${limit}`;
  }
  return { sql: `WITH page AS (${page})\n${ENRICH}\nORDER BY page.search_text${c}, page.id`, params };
}
