import type { FacilityDetail, FacilityInput, FacilityListQuery, FacilitySummary } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import { containsPattern } from '../../lib/search.js';

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

interface DetailRow extends Row {
  name_lo: string | null;
  name_km: string | null;
  technical_score: string | null;
  province_text: string | null;
  commune_code: string | null;
  commune_name: string | null;
  latitude: number | null;
  longitude: number | null;
  specialties: FacilityDetail['specialties'];
  contact_phone: string | null;
  contact_email: string | null;
  eligibility_declared_at: string | null;
  eligibility_scope: string | null;
  active: boolean;
  site_count: number;
  practitioner_count: number;
}

const SUMMARY_COLS = `f.id, f.code, f.name, f.name_en, f.type, f.technical_level, f.country, f.province_code,
  coalesce(p.name, f.province_text) AS province_name, f.address`;
const FROM = 'FROM facility f LEFT JOIN province p ON p.code = f.province_code';

export const toSummary = (r: Row): FacilitySummary => ({
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

const toDetail = (r: DetailRow): FacilityDetail => ({
  ...toSummary(r),
  nameLo: r.name_lo,
  nameKm: r.name_km,
  technicalScore: r.technical_score === null ? null : Number(r.technical_score),
  provinceText: r.province_text,
  communeCode: r.commune_code,
  communeName: r.commune_name,
  latitude: r.latitude,
  longitude: r.longitude,
  specialties: r.specialties,
  contactPhone: r.contact_phone,
  contactEmail: r.contact_email,
  eligibility:
    r.eligibility_declared_at && r.eligibility_scope ? { declaredAt: r.eligibility_declared_at, scope: r.eligibility_scope } : null,
  active: r.active,
  siteCount: r.site_count,
  practitionerCount: r.practitioner_count,
});

/** The columns a facility write sets, in one order shared by insert, update and the bulk importer. */
export const FACILITY_COLUMNS = [
  'code',
  'name',
  'name_en',
  'name_lo',
  'name_km',
  'type',
  'technical_level',
  'technical_score',
  'country',
  'province_code',
  'province_text',
  'commune_code',
  'address',
  'latitude',
  'longitude',
  'specialties',
  'contact_phone',
  'contact_email',
  'eligibility_declared_at',
  'eligibility_scope',
  'active',
] as const;

/** Values of a facility input in FACILITY_COLUMNS order. */
export function facilityValues(f: FacilityInput): unknown[] {
  return [
    f.code,
    f.name,
    f.nameEn ?? null,
    f.nameLo ?? null,
    f.nameKm ?? null,
    f.type,
    f.technicalLevel ?? null,
    f.technicalScore ?? null,
    f.country,
    f.provinceCode ?? null,
    f.provinceText ?? null,
    f.communeCode ?? null,
    f.address ?? null,
    f.latitude ?? null,
    f.longitude ?? null,
    f.specialties,
    f.contactPhone ?? null,
    f.contactEmail ?? null,
    f.eligibility?.declaredAt ?? null,
    f.eligibility?.scope ?? null,
    f.active,
  ];
}

export const facilitiesRepo = {
  /** Keyset by code; `q` is folded like the stored search_text (accent-insensitive, trigram-indexed). */
  async list(q: Queryable, f: FacilityListQuery) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (!f.includeInactive) where.push('f.active');
    if (f.q) add(`f.search_text LIKE ?`, containsPattern(f.q));
    if (f.provinceCode) add('f.province_code = ?', f.provinceCode);
    if (f.country) add('f.country = ?', f.country);
    if (f.type) add('f.type = ?', f.type);
    if (f.technicalLevel) add('f.technical_level = ?', f.technicalLevel);
    if (f.specialty) add('f.specialties @> ARRAY[?]::text[]', f.specialty);
    if (f.cursor) add('f.code > ?', f.cursor);
    params.push(f.limit + 1);
    const { rows } = await q.query<Row>(
      `SELECT ${SUMMARY_COLS} ${FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.code LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, f.limit);
    return { items: page.map(toSummary), nextCursor: rows.length > f.limit ? (page[page.length - 1]?.code ?? null) : null };
  },

  async get(q: Queryable, id: string): Promise<FacilityDetail | null> {
    const { rows } = await q.query<DetailRow>(
      `SELECT ${SUMMARY_COLS}, f.name_lo, f.name_km, f.technical_score, f.province_text, f.commune_code, c.name AS commune_name,
              f.latitude, f.longitude, f.specialties, f.contact_phone, f.contact_email, f.eligibility_declared_at::text,
              f.eligibility_scope, f.active,
              (SELECT count(*)::int FROM bridge_site s WHERE s.facility_id = f.id) AS site_count,
              (SELECT count(*)::int FROM practitioner_membership m WHERE m.facility_id = f.id) AS practitioner_count
         ${FROM} LEFT JOIN commune c ON c.code = f.commune_code
        WHERE f.id = $1`,
      [id],
    );
    return rows[0] ? toDetail(rows[0]) : null;
  },

  async idByCode(q: Queryable, code: string): Promise<string | null> {
    const { rows } = await q.query<{ id: string }>('SELECT id FROM facility WHERE code = $1', [code]);
    return rows[0]?.id ?? null;
  },

  async insert(q: Queryable, f: FacilityInput): Promise<string> {
    const cols = FACILITY_COLUMNS.join(', ');
    const ph = FACILITY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
    const { rows } = await q.query<{ id: string }>(`INSERT INTO facility (${cols}) VALUES (${ph}) RETURNING id`, facilityValues(f));
    return rows[0]!.id;
  },

  async update(q: Queryable, id: string, f: FacilityInput): Promise<boolean> {
    const sets = FACILITY_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ');
    const { rowCount } = await q.query(`UPDATE facility SET ${sets}, updated_at = now() WHERE id = $1`, [id, ...facilityValues(f)]);
    return rowCount === 1;
  },

  /** Checks the geography of an input: province exists, commune belongs to it. Returns the field at fault. */
  async geographyProblem(
    q: Queryable,
    f: Pick<FacilityInput, 'provinceCode' | 'communeCode'>,
  ): Promise<{ field: string; message: string } | null> {
    if (!f.provinceCode) return f.communeCode ? { field: 'communeCode', message: 'only with a province' } : null;
    const { rows } = await q.query<{ province: boolean; commune_province: string | null }>(
      `SELECT EXISTS (SELECT 1 FROM province WHERE code = $1) AS province,
              (SELECT province_code FROM commune WHERE code = $2) AS commune_province`,
      [f.provinceCode, f.communeCode ?? null],
    );
    const r = rows[0]!;
    if (!r.province) return { field: 'provinceCode', message: 'unknown province' };
    if (f.communeCode && r.commune_province !== f.provinceCode) return { field: 'communeCode', message: 'not a commune of this province' };
    return null;
  },
};
