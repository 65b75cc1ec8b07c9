import type { Icd10Entry } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import { containsPattern } from '../../lib/search.js';

/** Codes starting with the query first ("E11" → E11, E11.0…), then names containing it, with or without diacritics. */
export async function searchIcd10(q: Queryable, query: string, limit: number): Promise<Icd10Entry[]> {
  const prefix = query
    .trim()
    .toUpperCase()
    .replace(/[%_\\]/g, '');
  const { rows } = await q.query<Icd10Entry>(
    `SELECT code, name_vi AS "nameVi", name_en AS "nameEn", chapter FROM icd10
      WHERE code LIKE $1 || '%' OR search_text LIKE $2
      ORDER BY (code LIKE $1 || '%') DESC, code LIMIT $3`,
    [prefix, containsPattern(query), limit],
  );
  return rows;
}
