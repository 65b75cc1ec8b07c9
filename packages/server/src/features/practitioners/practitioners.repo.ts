import { foldText, type Practitioner, type PractitionerInput, type PractitionerQuery } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

type Row = {
  id: string;
  full_name: string;
  licence_number: string;
  profession: Practitioner['profession'];
  scope_of_practice: string;
  specialties: Practitioner['specialties'];
  languages: Practitioner['languages'];
  email: string | null;
  phone: string | null;
  availability: Practitioner['availability'];
  user_id: string | null;
  on_call_now: boolean;
  memberships: Practitioner['memberships'];
  search_text: string;
};

const SELECT = `SELECT p.id, p.full_name, p.licence_number, p.profession, p.scope_of_practice, p.specialties, p.languages, p.email,
  p.phone, p.availability, p.user_id, p.search_text,
  EXISTS (SELECT 1 FROM on_call_shift o WHERE o.practitioner_id = p.id AND o.ends_at > now() AND o.starts_at <= now()) AS on_call_now,
  coalesce((SELECT json_agg(json_build_object('facilityId', f.id, 'facilityName', f.name,
              'provinceName', coalesce(pr.name, f.province_text), 'position', pm.position) ORDER BY f.name)
              FROM practitioner_membership pm JOIN facility f ON f.id = pm.facility_id LEFT JOIN province pr ON pr.code = f.province_code
             WHERE pm.practitioner_id = p.id), '[]') AS memberships
  FROM practitioner p`;

const toPractitioner = (r: Row): Practitioner => ({
  id: r.id,
  fullName: r.full_name,
  licenceNumber: r.licence_number,
  profession: r.profession,
  scopeOfPractice: r.scope_of_practice,
  specialties: r.specialties,
  languages: r.languages,
  email: r.email,
  phone: r.phone,
  availability: r.availability,
  userId: r.user_id,
  onCallNow: r.on_call_now,
  memberships: r.memberships,
});

const encode = (r: Row) => Buffer.from(JSON.stringify([r.search_text, r.id])).toString('base64url');
function decode(c: string): [string, string] | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1]) ? [v[0], v[1]] : null;
  } catch {
    return null;
  }
}

/** Values in the column order of insert/update: the bulk importer shares it. */
export const practitionerValues = (p: PractitionerInput) => [
  p.fullName,
  p.licenceNumber,
  p.profession,
  p.scopeOfPractice,
  p.specialties,
  p.languages,
  p.email ?? null,
  p.phone ?? null,
  p.availability,
  p.userId ?? null,
];

/** Queries shorter than this (folded) match at the start of a word, not anywhere. */
const SHORT_QUERY = 3;

export const practitionersRepo = {
  /**
   * The directory: accent-insensitive name/licence search (order and trigram indexes on the generated search_text) with
   * filters; keyset on (search_text, id) so a page never repeats or skips a name.
   */
  async search(q: Queryable, f: PractitionerQuery) {
    const conds: string[] = [];
    const params: unknown[] = [];
    const $ = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (f.specialty) conds.push(`p.specialties @> ARRAY[${$(f.specialty)}]::text[]`);
    if (f.language) conds.push(`p.languages @> ARRAY[${$(f.language)}]::text[]`);
    if (f.profession) conds.push(`p.profession = ${$(f.profession)}`);
    if (f.facilityId)
      conds.push(
        `EXISTS (SELECT 1 FROM practitioner_membership pm WHERE pm.practitioner_id = p.id AND pm.facility_id = ${$(f.facilityId)})`,
      );
    if (f.provinceCode) conds.push(`p.province_codes @> ARRAY[${$(f.provinceCode)}]::text[]`);
    if (f.onCall) {
      const specialty = $(f.specialty ?? null);
      conds.push(`EXISTS (SELECT 1 FROM on_call_shift o WHERE o.practitioner_id = p.id AND o.ends_at > now() AND o.starts_at <= now()
                  AND (${specialty}::text IS NULL OR o.specialty = ${specialty}))`);
    }
    const cur = f.cursor ? decode(f.cursor) : null;
    if (cur) conds.push(`(p.search_text COLLATE "C", p.id) > (${$(cur[0])}::text COLLATE "C", ${$(cur[1])}::uuid)`);
    const limit = $(f.limit + 1);
    const order = `ORDER BY p.search_text COLLATE "C", p.id LIMIT ${limit}`;
    const where = (extra: string[]) => {
      const all = [...extra, ...conds];
      return all.length ? `WHERE ${all.join(' AND ')}` : '';
    };
    // "Contains q" as "starts with q" (a range of the C-collation order index: most searches type the family name,
    // the start of search_text) or "contains q after the first character" (trigram index on the rest), each in name
    // order, merged: the same rows as LIKE '%q%' without walking every name before the run (migration 0009).
    const folded = f.q ? foldText(f.q).replace(/[%_\\]/g, '\\$&') : '';
    let page: string;
    if (!folded) page = `SELECT p.id FROM practitioner p ${where([])} ${order}`;
    else {
      const prefix = `p.search_text COLLATE "C" LIKE ${$(`${folded}%`)}`;
      // Under three characters no trigram narrows "contains", and "an" is inside half the names: a short query
      // matches where a word starts (a trigram with the word's leading space), as someone typing "Lê" means.
      const inside = folded.length >= SHORT_QUERY ? `%${folded}%` : `% ${folded}%`;
      const tail = `substr(p.search_text, 2) LIKE ${$(inside)}`;
      // ORDER BY of a UNION takes output names only, not COLLATE expressions: hence the derived table.
      page = `SELECT u.id FROM (
          (SELECT p.id, p.search_text FROM practitioner p ${where([prefix])} ${order})
          UNION ALL
          (SELECT p.id, p.search_text FROM practitioner p ${where([tail, `NOT (${prefix})`])} ${order})) u
        ORDER BY u.search_text COLLATE "C", u.id LIMIT ${limit}`;
    }
    // The page of ids first, then memberships and on-call status for those rows only, by primary key: computed
    // with the filters, the on-call test made the planner scan every current shift on every search (bench/).
    const ids = await q.query<{ id: string }>(page, params);
    const { rows } = await q.query<Row>(`${SELECT} WHERE p.id = ANY ($1::uuid[]) ORDER BY p.search_text COLLATE "C", p.id`, [
      ids.rows.map((r) => r.id),
    ]);
    const page1 = rows.slice(0, f.limit);
    const last = page1[page1.length - 1];
    return { items: page1.map(toPractitioner), nextCursor: rows.length > f.limit && last ? encode(last) : null };
  },

  async get(q: Queryable, id: string): Promise<Practitioner | null> {
    const { rows } = await q.query<Row>(`${SELECT} WHERE p.id = $1`, [id]);
    return rows[0] ? toPractitioner(rows[0]) : null;
  },

  async insert(q: Queryable, p: PractitionerInput): Promise<string> {
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO practitioner (full_name, licence_number, profession, scope_of_practice, specialties, languages, email, phone,
         availability, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      practitionerValues(p),
    );
    return rows[0]!.id;
  },

  async update(q: Queryable, id: string, p: PractitionerInput): Promise<void> {
    await q.query(
      `UPDATE practitioner SET full_name = $2, licence_number = $3, profession = $4, scope_of_practice = $5, specialties = $6,
         languages = $7, email = $8, phone = $9, availability = $10, user_id = $11, updated_at = now() WHERE id = $1`,
      [id, ...practitionerValues(p)],
    );
  },

  async setMemberships(q: Queryable, id: string, memberships: PractitionerInput['memberships']): Promise<void> {
    await q.query('DELETE FROM practitioner_membership WHERE practitioner_id = $1', [id]);
    await q.query(
      `INSERT INTO practitioner_membership (practitioner_id, facility_id, position)
       SELECT $1, f, p FROM unnest($2::uuid[], $3::text[]) AS t(f, p)`,
      [id, memberships.map((m) => m.facilityId), memberships.map((m) => m.position)],
    );
  },

  async existingFacilities(q: Queryable, ids: string[]): Promise<Set<string>> {
    const { rows } = await q.query<{ id: string }>('SELECT id FROM facility WHERE id = ANY($1::uuid[])', [ids]);
    return new Set(rows.map((r) => r.id));
  },
};
