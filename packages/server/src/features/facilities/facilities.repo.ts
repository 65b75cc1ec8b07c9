import type { FacilitySummary } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

interface Row {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  type: FacilitySummary['type'];
  technical_level: FacilitySummary['technicalLevel'];
  country: FacilitySummary['country'];
  province_code: string | null;
  province_name: string | null;
  address: string | null;
}

const SELECT = `SELECT f.id, f.code, f.name, f.name_en, f.type, f.technical_level, f.country, f.province_code,
  coalesce(p.name, f.province_text) AS province_name, f.address
  FROM facility f LEFT JOIN province p ON p.code = f.province_code`;

const toSummary = (r: Row): FacilitySummary => ({
  id: r.id,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  type: r.type,
  technicalLevel: r.technical_level,
  country: r.country,
  provinceCode: r.province_code,
  provinceName: r.province_name,
  address: r.address,
});

export const facilitiesRepo = {
  async list(q: Queryable, f: { q?: string; provinceCode?: string; type?: string; cursor?: string; limit: number }) {
    const where = ['f.active'];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (f.q) add(`(lower(f.name) LIKE ? OR lower(f.code) LIKE ? OR lower(coalesce(f.name_en, '')) LIKE ?)`, `%${f.q.toLowerCase()}%`);
    if (f.provinceCode) add('f.province_code = ?', f.provinceCode);
    if (f.type) add('f.type = ?', f.type);
    if (f.cursor) add('f.code > ?', f.cursor);
    params.push(f.limit + 1);
    const { rows } = await q.query<Row>(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY f.code LIMIT $${params.length}`, params);
    const page = rows.slice(0, f.limit);
    return { items: page.map(toSummary), nextCursor: rows.length > f.limit ? (page[page.length - 1]?.code ?? null) : null };
  },

  async get(q: Queryable, id: string): Promise<FacilitySummary | null> {
    const { rows } = await q.query<Row>(`${SELECT} WHERE f.id = $1`, [id]);
    return rows[0] ? toSummary(rows[0]) : null;
  },
};
