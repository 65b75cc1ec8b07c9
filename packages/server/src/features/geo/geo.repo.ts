import type { Queryable } from '../../db/db.js';

/** Provinces in force, with their number of communes in force. */
export async function provincesInForce(q: Queryable): Promise<{ code: string; name: string; communeCount: number }[]> {
  const { rows } = await q.query<{ code: string; name: string; communeCount: number }>(
    `SELECT p.code, p.name,
            (SELECT count(*)::int FROM commune c WHERE c.province_code = p.code AND c.valid_to IS NULL) AS "communeCount"
       FROM province p WHERE p.valid_to IS NULL ORDER BY p.code`,
  );
  return rows;
}

/** Communes in force of one province (empty when the province is unknown). */
export async function communesInForce(q: Queryable, provinceCode: string): Promise<{ code: string; name: string; provinceCode: string }[]> {
  const { rows } = await q.query<{ code: string; name: string; provinceCode: string }>(
    `SELECT code, name, province_code AS "provinceCode" FROM commune WHERE province_code = $1 AND valid_to IS NULL ORDER BY code`,
    [provinceCode],
  );
  return rows;
}
