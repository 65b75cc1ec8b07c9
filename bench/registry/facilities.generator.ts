import { readFile } from 'node:fs/promises';
import { parseCsv } from '../../packages/server/src/lib/csv.js';
import { REFERENCE_DIR } from '../../packages/server/src/seed/reference-data.js';
import { allocate, type Rng } from '../lib/prng.js';
import {
  asciiName,
  EXTRA_HUBS,
  FOREIGN_HOSPITALS,
  HOSPITAL_CORE,
  parseMainSpecialties,
  PRIVATE_BRANDS,
  REGIONAL_CORE,
  REGIONAL_EXTRA,
  SPECIALISED_THEMES,
  STATION_SPECIALTIES,
  SUPPORT,
} from './catalogue.js';
import { createFacilityBuilder, weightOf, type FacilityBuilder, type GenFacility } from './facility-builder.js';
import { CITY_WEIGHT, FOREIGN_PLACES, lowerUnitPrefix, PRIVATE_WEIGHT, PROVINCE_ABBR, type Commune, type Province } from './geo.js';

export type { GenFacility } from './facility-builder.js';

/** Volume at scale 1 (the national network); the fixed tiers (hubs, provincial hospitals) do not scale. */
export const TARGET = { facilities: 14_000, sites: 20_000, practitioners: 200_000 };
const CENTRAL_HUBS = 30;
const SPECIALISED = 40;
const REGIONAL_PER_SCALE = 700;
const PRIVATE_PER_SCALE = 300;

const abbr = (p: Province) => PROVINCE_ABBR[p.code] ?? p.code;
const address = (c: Commune, p: Province) => `${c.name}, ${p.name}`;

/**
 * Builds the facilities of the national network: central hubs (reference data), specialised and provincial
 * hospitals, regional health centres with their areas, commune stations, private hospitals and the partners
 * across the border. Pure given `rng`: nothing is written here.
 */
export async function generateFacilities(rng: Rng, provinces: Province[], scale: number): Promise<GenFacility[]> {
  const b = createFacilityBuilder(rng);
  await addHubs(rng, b, provinces);
  addSpecialised(rng, b, provinces);
  addProvincial(rng, b, provinces);
  const centreOf = addRegional(rng, b, provinces, Math.max(provinces.length, Math.round(REGIONAL_PER_SCALE * scale)));
  const privateCounts = allocate(
    Math.max(3, Math.round(PRIVATE_PER_SCALE * scale)),
    provinces.map((p) => weightOf(p, PRIVATE_WEIGHT)),
  );
  const fixed = b.out.length + privateCounts.reduce((x, y) => x + y, 0) + FOREIGN_HOSPITALS.length;
  addStations(rng, b, provinces, Math.max(provinces.length, Math.round(TARGET.facilities * scale) - fixed), centreOf);
  addPrivate(rng, b, provinces, privateCounts);
  addForeign(rng, b);
  return b.out;
}

/** Central hubs: the reference list, then a few more in the big medical cities. */
async function addHubs(rng: Rng, b: FacilityBuilder, provinces: Province[]) {
  const byCode = new Map(provinces.map((p) => [p.code, p]));
  const csv = parseCsv(await readFile(new URL('hub-hospitals.csv', REFERENCE_DIR), 'utf8')).rows.map((r) => r.values);
  const fromCsv = csv.map((v) => ({
    code: v.code!,
    name: v.name_vi!,
    nameEn: v.name_en!,
    provinceCode: v.province_code!,
    themes: v.main_specialties!,
  }));
  for (const h of [...fromCsv, ...EXTRA_HUBS].slice(0, CENTRAL_HUBS)) {
    const p = byCode.get(h.provinceCode);
    if (!p) continue;
    const { general, themes } = parseMainSpecialties(h.themes);
    const loc = b.inProvince(p, null, 0.05);
    b.add({
      ...loc,
      code: h.code,
      name: h.name.normalize('NFC'),
      nameEn: h.nameEn,
      type: 'central_hospital',
      level: 'specialised',
      score: rng.float(85, 98),
      address: address(loc.commune, p),
      specialties: general
        ? b.withCore([...HOSPITAL_CORE, ...themes], rng.int(22, 28))
        : b.withCore([...themes, ...SUPPORT], rng.int(8, 12)),
      general,
      themes,
    });
  }
}

function addSpecialised(rng: Rng, b: FacilityBuilder, provinces: Province[]) {
  allocate(
    SPECIALISED,
    provinces.map((p) => weightOf(p, CITY_WEIGHT)),
  ).forEach((n, pi) => {
    const p = provinces[pi]!;
    rng.sample(SPECIALISED_THEMES, n).forEach((t, k) => {
      const loc = b.inProvince(p, null, 0.15);
      b.add({
        ...loc,
        code: `BVCK-${abbr(p)}-${k + 1}`,
        name: `Bệnh viện ${t.vi} ${lowerUnitPrefix(p.name)}`,
        nameEn: `${asciiName(p.short)} ${t.en} Hospital`,
        type: 'specialised_hospital',
        level: 'specialised',
        score: rng.float(70, 92),
        address: address(loc.commune, p),
        specialties: b.withCore([...t.specialties, ...SUPPORT.slice(0, 3)], t.specialties.length + rng.int(3, 5)),
        general: false,
        themes: t.specialties,
      });
    });
  });
}

function addProvincial(rng: Rng, b: FacilityBuilder, provinces: Province[]) {
  for (const p of provinces) {
    const loc = b.inProvince(p, null, 0.05);
    b.add({
      ...loc,
      code: `BVDK-${abbr(p)}`,
      name: `Bệnh viện Đa khoa ${lowerUnitPrefix(p.name)}`,
      nameEn: `${asciiName(p.short)} General Hospital`,
      type: 'provincial_hospital',
      level: rng.chance(0.3) ? 'specialised' : 'basic',
      score: rng.float(60, 85),
      address: address(loc.commune, p),
      specialties: b.withCore(HOSPITAL_CORE, rng.int(13, 17)),
      general: true,
      themes: [],
    });
  }
}

/** Regional centres, each covering a contiguous run of its province's communes (codes follow the old districts). */
function addRegional(rng: Rng, b: FacilityBuilder, provinces: Province[], total: number): Map<string, GenFacility> {
  const centreOf = new Map<string, GenFacility>();
  allocate(
    total,
    provinces.map((p) => weightOf(p, CITY_WEIGHT)),
    1,
  ).forEach((n, pi) => {
    const p = provinces[pi]!;
    const size = Math.ceil(p.communes.length / n);
    for (let k = 0; k < n; k++) {
      const area = p.communes.slice(k * size, (k + 1) * size);
      if (area.length === 0) break;
      const seat = rng.pick(area);
      const g = b.add({
        ...b.inProvince(p, seat, 0.02),
        code: `TTYT-${abbr(p)}-${String(k + 1).padStart(2, '0')}`,
        name: `Trung tâm Y tế khu vực ${seat.short}`,
        nameEn: `${asciiName(seat.short)} Regional Health Centre`,
        type: 'regional_health_centre',
        level: 'basic',
        score: rng.float(40, 65),
        address: address(seat, p),
        specialties: b.withCore(REGIONAL_CORE, rng.int(6, 10), [...REGIONAL_CORE, ...REGIONAL_EXTRA]),
        general: true,
        themes: [],
      });
      for (const c of area) centreOf.set(c.code, g);
    }
  });
  return centreOf;
}

/**
 * Commune stations: one per commune while they last, then the rest spread over the provinces by weight (a merged
 * commune keeps the stations of the communes it absorbed in 2025, numbered "cơ sở 2", "cơ sở 3"…).
 */
function addStations(rng: Rng, b: FacilityBuilder, provinces: Province[], total: number, centreOf: Map<string, GenFacility>) {
  const station = (p: Province, c: Commune, k: number) => {
    const g = b.add({
      ...b.inProvince(p, c, 0.02),
      code: k === 1 ? `TYT-${c.code}` : `TYT-${c.code}-${k}`,
      name: `Trạm Y tế ${lowerUnitPrefix(c.name)}${k === 1 ? '' : ` - cơ sở ${k}`}`,
      nameEn: `${asciiName(c.short)} Commune Health Station${k === 1 ? '' : ` ${k}`}`,
      type: 'commune_health_station',
      level: 'initial',
      score: rng.float(10, 40),
      address: address(c, p),
      specialties: rng.chance(0.7) ? STATION_SPECIALTIES : b.withCore(['general_internal'], 2, STATION_SPECIALTIES),
      general: true,
      themes: [],
    });
    g.centre = centreOf.get(c.code) ?? null;
  };
  const communes = provinces.reduce((n, p) => n + p.communes.length, 0);
  const weights = provinces.map((p) => weightOf(p, CITY_WEIGHT));
  if (total <= communes) {
    allocate(total, weights, 1).forEach((n, pi) => {
      const p = provinces[pi]!;
      for (const c of rng.sample(p.communes, n)) station(p, c, 1);
    });
    return;
  }
  const seen = new Map<string, number>();
  for (const p of provinces) for (const c of p.communes) station(p, c, 1);
  allocate(total - communes, weights).forEach((n, pi) => {
    const p = provinces[pi]!;
    for (let i = 0; i < n; i++) {
      const c = rng.pick(p.communes);
      const k = (seen.get(c.code) ?? 1) + 1;
      seen.set(c.code, k);
      station(p, c, k);
    }
  });
}

function addPrivate(rng: Rng, b: FacilityBuilder, provinces: Province[], counts: number[]) {
  counts.forEach((n, pi) => {
    const p = provinces[pi]!;
    for (let k = 1; k <= n; k++) {
      const brand = rng.pick(PRIVATE_BRANDS);
      const loc = b.inProvince(p, null, 0.1);
      b.add({
        ...loc,
        code: `BVTN-${abbr(p)}-${String(k).padStart(3, '0')}`,
        name: `Bệnh viện Đa khoa ${brand} ${loc.commune.short}`,
        nameEn: `${asciiName(brand)} ${asciiName(loc.commune.short)} General Hospital`,
        type: 'private_hospital',
        level: rng.chance(0.3) ? 'specialised' : 'basic',
        score: rng.float(50, 90),
        address: address(loc.commune, p),
        specialties: b.withCore(HOSPITAL_CORE.slice(0, 4), rng.int(8, 16)),
        general: true,
        themes: [],
      });
    }
  });
}

/** Partner hospitals in Lao PDR and Cambodia: no province code, the partner's province as free text. */
function addForeign(rng: Rng, b: FacilityBuilder) {
  FOREIGN_HOSPITALS.forEach((h, k) => {
    const place = FOREIGN_PLACES[h.place]!;
    const [lat, lon] = b.near(place.lat, place.lon, 0.05);
    b.add({
      code: `FP-${place.country}-${String(k + 1).padStart(2, '0')}`,
      name: h.name,
      nameEn: h.nameEn,
      type: 'foreign_partner_hospital',
      level: rng.chance(0.5) ? 'specialised' : 'basic',
      score: rng.float(55, 85),
      country: place.country,
      provinceText: place.place,
      address: `${place.place}, ${place.country === 'LA' ? 'Lao PDR' : 'Cambodia'}`,
      lat,
      lon,
      province: null,
      commune: null,
      specialties: b.withCore(HOSPITAL_CORE.slice(0, 5), rng.int(8, 15)),
      general: true,
      themes: [],
    });
  });
}
