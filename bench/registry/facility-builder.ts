import { SPECIALTY_CODES, type FacilityType, type SpecialtyCode } from '@vuonxa/core';
import type { Rng } from '../lib/prng.js';
import type { Commune, Province } from './geo.js';

export interface GenFacility {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  type: FacilityType;
  level: 'initial' | 'basic' | 'specialised';
  score: number;
  country: 'VN' | 'LA' | 'KH';
  provinceText: string | null;
  address: string;
  lat: number;
  lon: number;
  specialties: SpecialtyCode[];
  phone: string | null;
  email: string | null;
  eligibilityAt: string | null;
  // Generator-only: where it is and what it is for, used to link and staff it.
  province: Province | null;
  commune: Commune | null;
  /** A general hub (đa khoa) rather than a single-specialty one. */
  general: boolean;
  themes: SpecialtyCode[];
  /** For a commune station: the regional health centre whose area covers its commune. */
  centre: GenFacility | null;
}

/** What a tier generator fills in; the builder adds id, contacts and the eligibility declaration. */
export type FacilityDraft = Omit<GenFacility, 'id' | 'phone' | 'email' | 'eligibilityAt' | 'centre'>;

export const dateBetween = (rng: Rng, from: string, to: string) => {
  const a = Date.parse(from);
  return new Date(a + Math.floor(rng.next() * (Date.parse(to) - a))).toISOString().slice(0, 10);
};

/** Weight of a province for spreading facilities: its number of communes, times a city factor. */
export const weightOf = (p: Province, extra: Record<string, number>) => p.communes.length * (extra[p.code] ?? 1);

/**
 * The facilities generated so far and the helpers every tier uses, all drawing from one random stream (so the
 * order of the tiers fixes the dataset for a seed).
 */
export function createFacilityBuilder(rng: Rng) {
  const out: GenFacility[] = [];
  const near = (lat: number, lon: number, d: number) => [lat + rng.float(-d, d), lon + rng.float(-d, d)] as const;
  return {
    out,
    near,
    /** `core` plus random others from `pool` up to `total`, in the canonical order of SPECIALTY_CODES. */
    withCore(core: readonly SpecialtyCode[], total: number, pool: readonly SpecialtyCode[] = SPECIALTY_CODES): SpecialtyCode[] {
      const others = rng.sample(
        pool.filter((c) => !core.includes(c)),
        total - core.length,
      );
      const picked = new Set([...core, ...others]);
      return SPECIALTY_CODES.filter((c) => picked.has(c));
    },
    /** Location in a province: around a commune's point (within `d` degrees), or its centre; a commune either way. */
    inProvince(p: Province, c: Commune | null, d: number) {
      const [lat, lon] = c ? near(c.lat, c.lon, d) : near(p.lat, p.lon, d);
      return { province: p, commune: c ?? rng.pick(p.communes), country: 'VN' as const, provinceText: null, lat, lon };
    },
    add(f: FacilityDraft): GenFacility {
      const hospital = f.type !== 'commune_health_station' && f.type !== 'regional_health_centre';
      const declares = hospital ? 0.85 : f.type === 'regional_health_centre' ? 0.6 : 0.25;
      const g: GenFacility = {
        ...f,
        score: Math.round(f.score * 100) / 100,
        id: rng.uuid(),
        phone: rng.chance(hospital ? 0.95 : 0.6) ? `02${rng.int(10, 99)}${rng.int(1_000_000, 9_999_999)}` : null,
        email: hospital ? `lienhe@${f.code.toLowerCase()}.vn` : null,
        eligibilityAt: rng.chance(declares) ? dateBetween(rng, '2024-01-01', '2026-06-30') : null,
        centre: null,
      };
      out.push(g);
      return g;
    },
  };
}
export type FacilityBuilder = ReturnType<typeof createFacilityBuilder>;
