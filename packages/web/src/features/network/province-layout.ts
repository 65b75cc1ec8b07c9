/**
 * Where each of the 34 provinces in force since 1-7-2025 sits on the tile map: [column, row], 6 columns,
 * drawn from the administrative centres of `reference-data/province-centres-2025.csv` so that the grid
 * reads north to south like the country. A province missing here (a future merger) is appended below.
 */
export const PROVINCE_TILES: Readonly<Record<string, readonly [number, number]>> = {
  '12': [0, 0], // Lai Châu
  '15': [1, 0], // Lào Cai
  '08': [2, 0], // Tuyên Quang
  '04': [3, 0], // Cao Bằng
  '11': [0, 1], // Điện Biên
  '14': [1, 1], // Sơn La
  '25': [2, 1], // Phú Thọ
  '19': [3, 1], // Thái Nguyên
  '20': [4, 1], // Lạng Sơn
  '01': [2, 2], // Hà Nội
  '24': [3, 2], // Bắc Ninh
  '22': [4, 2], // Quảng Ninh
  '37': [2, 3], // Ninh Bình
  '33': [3, 3], // Hưng Yên
  '31': [4, 3], // Hải Phòng
  '38': [2, 4], // Thanh Hóa
  '40': [2, 5], // Nghệ An
  '42': [3, 5], // Hà Tĩnh
  '44': [3, 6], // Quảng Trị
  '46': [4, 6], // Huế
  '48': [4, 7], // Đà Nẵng
  '51': [5, 7], // Quảng Ngãi
  '52': [5, 8], // Gia Lai
  '66': [4, 9], // Đắk Lắk
  '56': [5, 9], // Khánh Hòa
  '75': [3, 10], // Đồng Nai
  '68': [4, 10], // Lâm Đồng
  '80': [2, 11], // Tây Ninh
  '79': [3, 11], // Hồ Chí Minh
  '91': [0, 12], // An Giang
  '86': [1, 12], // Vĩnh Long
  '82': [2, 12], // Đồng Tháp
  '96': [0, 13], // Cà Mau
  '92': [1, 13], // Cần Thơ
};

export const TILE_COLUMNS = 6;

/**
 * Grid cells for the provinces given: the map's place when known, otherwise the next free cell after it.
 *
 * @example
 * tilePlaces(['11', '99']); // Map { '11' => [0, 1], '99' => [0, 14] }
 */
export function tilePlaces(codes: readonly string[]): Map<string, readonly [number, number]> {
  const places = new Map<string, readonly [number, number]>();
  const lastRow = Math.max(...Object.values(PROVINCE_TILES).map(([, r]) => r));
  let extra = 0;
  for (const code of codes) {
    const known = PROVINCE_TILES[code];
    if (known) places.set(code, known);
    else {
      places.set(code, [extra % TILE_COLUMNS, lastRow + 1 + Math.floor(extra / TILE_COLUMNS)]);
      extra += 1;
    }
  }
  return places;
}

/** "Tỉnh Điện Biên" → "Điện Biên", "Thành phố Hà Nội" → "Hà Nội": the tile has room for the name only. */
export function shortProvinceName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố|TP\.?)\s+/iu, '');
}

/** Share of communes with at least one bridge site, 0 when the province has no commune on record. */
export function siteCoverage(p: { communes: number; communesWithSite: number }): number {
  return p.communes > 0 ? p.communesWithSite / p.communes : 0;
}

export const COVERAGE_BANDS = [
  { min: 0.6, color: 'var(--mantine-color-green-3)', key: 'high' },
  { min: 0.3, color: 'var(--mantine-color-lime-2)', key: 'medium' },
  { min: 0.1, color: 'var(--mantine-color-yellow-2)', key: 'low' },
  { min: 0, color: 'var(--mantine-color-orange-2)', key: 'veryLow' },
] as const;
export type CoverageBand = (typeof COVERAGE_BANDS)[number]['key'] | 'none';

/**
 * The band of a province: 'none' only when it has no bridge site at all (drawn hatched red); sites at
 * facilities without a commune on record (hub hospitals) still count as "some", in the lowest band.
 */
export function coverageBand(p: { sites: number; communes: number; communesWithSite: number }): CoverageBand {
  if (p.sites === 0) return 'none';
  const share = siteCoverage(p);
  return COVERAGE_BANDS.find((b) => share >= b.min)?.key ?? 'veryLow';
}
