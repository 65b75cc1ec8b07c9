import type { Queryable } from '../../packages/server/src/db/db.js';

export interface Province {
  code: string;
  name: string;
  /** Name without "Tỉnh"/"Thành phố", as people say it ("Cao Bằng", "Hà Nội"). */
  short: string;
  lat: number;
  lon: number;
  communes: Commune[];
}

export interface Commune {
  code: string;
  provinceCode: string;
  name: string;
  short: string;
  /** A fixed point for the commune near its province centre: facilities of the commune cluster around it. */
  lat: number;
  lon: number;
  island: boolean;
}

/** Licence-issuer abbreviations by province code, as in `000123/HNO-CCHN` (certificate numbers are per issuer). */
// prettier-ignore
export const PROVINCE_ABBR: Record<string, string> = {
  '01': 'HNO', '04': 'CB', '08': 'TQ', '11': 'DB', '12': 'LCH', '14': 'SL', '15': 'LCA', '19': 'TN', '20': 'LS',
  '22': 'QNI', '24': 'BN', '25': 'PT', '31': 'HP', '33': 'HY', '37': 'NB', '38': 'TH', '40': 'NA', '42': 'HT',
  '44': 'QT', '46': 'HUE', '48': 'DNA', '51': 'QNG', '52': 'GL', '56': 'KH', '66': 'DLK', '68': 'LD', '75': 'DNO',
  '79': 'HCM', '80': 'TNI', '82': 'DT', '86': 'VL', '91': 'AG', '92': 'CT', '96': 'CM',
};

/** Provinces on the border with Laos (some staff speak Lao) and with Cambodia (some speak Khmer), after 2025. */
export const LAO_BORDER = new Set(['11', '12', '14', '38', '40', '42', '44', '46', '48', '51']);
export const KHMER_BORDER = new Set(['51', '52', '66', '75', '80', '82', '91']);
/** Mountain provinces where some commune stations are reached only by satellite. */
export const MOUNTAIN = new Set(['04', '08', '11', '12', '14', '15', '20', '52', '51', '66', '68']);

/**
 * Extra weight of the two metropolises (and the other big cities for private hospitals) on top of the number of
 * communes, which alone under-counts their population.
 */
export const CITY_WEIGHT: Record<string, number> = { '01': 2, '79': 2.2 };
export const PRIVATE_WEIGHT: Record<string, number> = { '01': 5, '79': 6, '48': 2, '31': 1.5, '92': 1.5, '75': 1.5 };

/** Partner provinces across the border: name as the partner writes it (free text) and its capital's location. */
// prettier-ignore
export const FOREIGN_PLACES = [
  { country: 'LA', place: 'Vientiane Capital', lat: 17.9757, lon: 102.6331 },
  { country: 'LA', place: 'Luang Prabang', lat: 19.8856, lon: 102.1347 },
  { country: 'LA', place: 'Savannakhet', lat: 16.5565, lon: 104.7521 },
  { country: 'LA', place: 'Champasak', lat: 15.1202, lon: 105.7989 },
  { country: 'LA', place: 'Xiangkhouang', lat: 19.4500, lon: 103.2000 },
  { country: 'LA', place: 'Houaphanh', lat: 20.4167, lon: 104.0500 },
  { country: 'LA', place: 'Attapeu', lat: 14.8100, lon: 106.8300 },
  { country: 'LA', place: 'Khammouane', lat: 17.4000, lon: 104.8000 },
  { country: 'KH', place: 'Phnom Penh', lat: 11.5564, lon: 104.9282 },
  { country: 'KH', place: 'Siem Reap', lat: 13.3633, lon: 103.8564 },
  { country: 'KH', place: 'Svay Rieng', lat: 11.0878, lon: 105.7994 },
  { country: 'KH', place: 'Ratanakiri', lat: 13.7394, lon: 106.9873 },
] as const;

const stripPrefix = (name: string) => name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Đặc khu)\s+/u, '');

/** Loads the provinces in force with their centres and communes (codes sorted, so the result is reproducible). */
export async function loadGeography(q: Queryable, jitter: (provinceCode: string, communeCode: string) => [number, number]) {
  const { rows: provinces } = await q.query<{ code: string; name: string; latitude: number | null; longitude: number | null }>(
    'SELECT code, name, latitude, longitude FROM province WHERE valid_to IS NULL OR valid_to >= current_date ORDER BY code',
  );
  const { rows: communes } = await q.query<{ code: string; province_code: string; name: string }>(
    'SELECT code, province_code, name FROM commune WHERE valid_to IS NULL OR valid_to >= current_date ORDER BY code',
  );
  const byCode = new Map<string, Province>();
  for (const p of provinces) {
    if (p.latitude == null || p.longitude == null) throw new Error(`province ${p.code} has no centre; run ensureProvinceCentres`);
    byCode.set(p.code, { code: p.code, name: p.name, short: stripPrefix(p.name), lat: p.latitude, lon: p.longitude, communes: [] });
  }
  for (const c of communes) {
    const p = byCode.get(c.province_code);
    if (!p) continue;
    const [dLat, dLon] = jitter(p.code, c.code);
    p.communes.push({
      code: c.code,
      provinceCode: p.code,
      name: c.name,
      short: stripPrefix(c.name),
      lat: p.lat + dLat,
      lon: p.lon + dLon,
      island: c.name.startsWith('Đặc khu'),
    });
  }
  return [...byCode.values()].filter((p) => p.communes.length > 0);
}

/** "Phường Ba Đình" → "phường Ba Đình", as it reads inside a facility name. */
export const lowerUnitPrefix = (name: string) => name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Đặc khu)/u, (m) => m.toLowerCase());
