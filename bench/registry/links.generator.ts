import type { SpecialtyCode } from '@vuonxa/core';
import type { Rng } from '../lib/prng.js';
import type { GenFacility } from './facilities.generator.js';

export interface GenLink {
  id: string;
  hubId: string;
  spokeId: string;
  /** Empty: every specialty the hub offers. */
  specialties: SpecialtyCode[];
  validFrom: string;
  validTo: string | null;
}

/** Great-circle distance in km, as vx_distance_km in migration 0002. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

const dateBetween = (rng: Rng, from: string, to: string) => {
  const a = Date.parse(from);
  return new Date(a + Math.floor(rng.next() * (Date.parse(to) - a))).toISOString().slice(0, 10);
};

/**
 * Support links of the referral pyramid: station → its regional centre (some also → the provincial hospital),
 * regional centre → provincial hospital, provincial hospital → 2–4 central hubs (the nearest general one for
 * everything, others for some specialties), specialised hospital → a central hub of its specialty, some private
 * hospitals → the provincial hospital, foreign partners → 1–2 central hubs. A few links have ended and a few start
 * in the future, so "active today" filters something.
 */
export function generateLinks(rng: Rng, facilities: GenFacility[]): GenLink[] {
  const links: GenLink[] = [];
  const link = (hub: GenFacility, spoke: GenFacility, specialties: SpecialtyCode[] = []) => {
    const future = rng.chance(0.02);
    links.push({
      id: rng.uuid(),
      hubId: hub.id,
      spokeId: spoke.id,
      specialties,
      validFrom: future ? dateBetween(rng, '2027-01-01', '2027-06-30') : dateBetween(rng, '2022-01-01', '2026-06-30'),
      validTo: null,
    });
  };
  const ended = (hub: GenFacility, spoke: GenFacility) =>
    links.push({
      id: rng.uuid(),
      hubId: hub.id,
      spokeId: spoke.id,
      specialties: [],
      validFrom: dateBetween(rng, '2020-01-01', '2022-12-31'),
      validTo: dateBetween(rng, '2023-01-01', '2025-12-31'),
    });
  const provincial = new Map(facilities.filter((f) => f.type === 'provincial_hospital').map((f) => [f.province?.code, f]));
  const central = facilities.filter((f) => f.type === 'central_hospital');
  const generalHubs = central.filter((f) => f.general);
  const nearest = (from: GenFacility, among: GenFacility[]) => [...among].sort((a, b) => distanceKm(from, a) - distanceKm(from, b));

  for (const f of facilities) {
    const ph = f.province ? provincial.get(f.province.code) : undefined;
    switch (f.type) {
      case 'commune_health_station': {
        const centre = f.centre ?? ph;
        if (centre) link(centre, f);
        if (ph && centre !== ph && rng.chance(0.2)) link(ph, f);
        if (ph && rng.chance(0.03)) ended(ph, f);
        break;
      }
      case 'regional_health_centre':
        if (ph) link(ph, f);
        break;
      case 'provincial_hospital': {
        const [first, ...others] = nearest(f, generalHubs);
        if (first) link(first, f);
        const pool = [...others.slice(0, 4), ...central.filter((c) => !c.general)];
        for (const hub of rng.sample(pool, rng.int(1, 3)))
          link(hub, f, hub.general ? rng.sample(hub.specialties, rng.int(3, 6)) : hub.themes.filter((t) => hub.specialties.includes(t)));
        break;
      }
      case 'specialised_hospital': {
        const hub = nearest(f, central).find((c) => f.themes.some((t) => c.specialties.includes(t)));
        if (hub)
          link(
            hub,
            f,
            f.themes.filter((t) => hub.specialties.includes(t)),
          );
        break;
      }
      case 'private_hospital':
        if (ph && rng.chance(0.5)) link(ph, f);
        break;
      case 'foreign_partner_hospital': {
        const [first, second] = nearest(f, generalHubs);
        if (first) link(first, f);
        if (second && rng.chance(0.5)) link(second, f, rng.sample(second.specialties, rng.int(3, 6)));
        break;
      }
      case 'central_hospital':
        break;
    }
  }
  return links;
}
