import type { NetworkOverview } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';

/**
 * Counts for the network overview: per province (facilities by type, sites, communes with an active site,
 * practitioners) and national totals. Grouped scans of the whole registry: at national scale (14k facilities, 20k
 * sites, 200k practitioners) about half a second on 2 cores (bench/results), so the route caches the answer.
 */
export async function networkOverview(q: Queryable): Promise<NetworkOverview> {
  const [provinces, types, sites, practitioners, totals, levels, countries] = await Promise.all([
    q.query<{ code: string; name: string; communes: number }>(
      `SELECT p.code, p.name, (SELECT count(*)::int FROM commune c WHERE c.province_code = p.code AND c.valid_to IS NULL) AS communes
         FROM province p WHERE p.valid_to IS NULL ORDER BY p.code`,
    ),
    q.query<{ province_code: string | null; type: string; n: number }>(
      'SELECT province_code, type, count(*)::int AS n FROM facility WHERE active GROUP BY 1, 2',
    ),
    q.query<{ province_code: string; sites: number; active_sites: number; communes_with_site: number }>(
      `SELECT f.province_code, count(*)::int AS sites, count(*) FILTER (WHERE s.status = 'active')::int AS active_sites,
              count(DISTINCT f.commune_code) FILTER (WHERE s.status = 'active')::int AS communes_with_site
         FROM bridge_site s JOIN facility f ON f.id = s.facility_id WHERE f.active AND f.province_code IS NOT NULL GROUP BY 1`,
    ),
    q.query<{ province_code: string; n: number }>(
      // DISTINCT in a subquery is hashed; count(DISTINCT …) sorts all memberships and spills at default work_mem.
      `SELECT province_code, count(*)::int AS n FROM (
         SELECT DISTINCT f.province_code, pm.practitioner_id
           FROM practitioner_membership pm JOIN facility f ON f.id = pm.facility_id WHERE f.province_code IS NOT NULL) d
        GROUP BY 1`,
    ),
    q.query<{ facilities: number; sites: number; practitioners: number; links: number }>(
      `SELECT (SELECT count(*)::int FROM facility WHERE active) AS facilities, (SELECT count(*)::int FROM bridge_site) AS sites,
              (SELECT count(*)::int FROM practitioner) AS practitioners,
              (SELECT count(*)::int FROM support_link WHERE valid_to IS NULL OR valid_to >= current_date) AS links`,
    ),
    q.query<{ level: string | null; n: number }>(
      'SELECT technical_level AS level, count(*)::int AS n FROM facility WHERE active GROUP BY 1',
    ),
    q.query<{ country: string; n: number }>('SELECT country, count(*)::int AS n FROM facility WHERE active GROUP BY 1'),
  ]);
  const byType: Record<string, number> = {};
  const typesByProvince = new Map<string, Record<string, number>>();
  for (const r of types.rows) {
    byType[r.type] = (byType[r.type] ?? 0) + r.n;
    if (!r.province_code) continue;
    const m = typesByProvince.get(r.province_code) ?? {};
    m[r.type] = r.n;
    typesByProvince.set(r.province_code, m);
  }
  const siteMap = new Map(sites.rows.map((r) => [r.province_code, r]));
  const practMap = new Map(practitioners.rows.map((r) => [r.province_code, r.n]));
  const t = totals.rows[0]!;
  return {
    totals: { facilities: t.facilities, sites: t.sites, practitioners: t.practitioners, supportLinks: t.links },
    byType,
    byLevel: Object.fromEntries(levels.rows.map((r) => [r.level ?? 'unknown', r.n])),
    byCountry: Object.fromEntries(countries.rows.map((r) => [r.country, r.n])),
    provinces: provinces.rows.map((p) => {
      const bt = typesByProvince.get(p.code) ?? {};
      const s = siteMap.get(p.code);
      return {
        provinceCode: p.code,
        provinceName: p.name,
        facilities: Object.values(bt).reduce((a, b) => a + b, 0),
        sites: s?.sites ?? 0,
        activeSites: s?.active_sites ?? 0,
        practitioners: practMap.get(p.code) ?? 0,
        byType: bt,
        communes: p.communes,
        communesWithSite: s?.communes_with_site ?? 0,
      };
    }),
  };
}
