import { SPECIALTY_CODES, type FacilityListQuery, type FacilityType, type PractitionerQuery, type SpecialtyCode } from '@vuonxa/core';
import type { Queryable } from '../../packages/server/src/db/db.js';
import { weightedChoice, type Rng } from '../lib/prng.js';

/** What the inputs are drawn from: a seeded sample of the data itself, so searches look like real ones. */
export interface Pools {
  names: string[];
  practitionerIds: string[];
  facilities: { id: string; code: string; name: string; type: FacilityType; province: string | null }[];
  spokes: { id: string; hubSpecialties: SpecialtyCode[] }[];
  provinces: string[];
}

export async function loadPools(q: Queryable, seed: number): Promise<Pools> {
  // REPEATABLE makes the sample the same for the same seed on the same data.
  const { rows: people } = await q.query<{ id: string; full_name: string }>(
    'SELECT id, full_name FROM practitioner TABLESAMPLE BERNOULLI (2) REPEATABLE ($1) ORDER BY id LIMIT 5000',
    [seed],
  );
  const { rows: facilities } = await q.query<Pools['facilities'][number]>(
    'SELECT id, code, name, type, province_code AS province FROM facility ORDER BY code',
  );
  const { rows: spokes } = await q.query<{ id: string; hub_specialties: SpecialtyCode[] }>(
    `SELECT l.spoke_facility_id AS id, array_agg(DISTINCT s ORDER BY s) AS hub_specialties
       FROM support_link l JOIN facility h ON h.id = l.hub_facility_id CROSS JOIN unnest(h.specialties) AS s
      GROUP BY 1 ORDER BY 1`,
  );
  const { rows: provinces } = await q.query<{ code: string }>('SELECT code FROM province ORDER BY code');
  if (people.length === 0 || facilities.length === 0) throw new Error('the registry is empty: generate it first');
  return {
    names: people.map((p) => p.full_name),
    practitionerIds: people.map((p) => p.id),
    facilities,
    spokes: spokes.map((s) => ({ id: s.id, hubSpecialties: s.hub_specialties })),
    provinces: provinces.map((p) => p.code),
  };
}

type QueryKind = 'family' | 'given' | 'family_middle' | 'full' | 'partial' | 'licence' | 'none' | 'absent';
// prettier-ignore
const QUERY_KINDS: [QueryKind, number][] = [
  ['family', 18], ['given', 15], ['family_middle', 10], ['full', 15], ['partial', 17], ['licence', 10], ['none', 10], ['absent', 5],
];

/** What a person types: a real name or part of one, as written (with diacritics) or without them. */
function typedQuery(rng: Rng, pools: Pools, kind: QueryKind): string | undefined {
  const name = rng.pick(pools.names);
  const words = (rng.chance(0.5) ? name : name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')).split(' ');
  const given = words.at(-1)!;
  switch (kind) {
    case 'family':
      return words[0];
    case 'given':
      return given;
    case 'family_middle':
      return words.slice(0, 2).join(' ');
    case 'full':
      return words.join(' ');
    case 'partial':
      return rng.chance(0.5) ? given.slice(0, Math.min(given.length, rng.int(3, 5))) : `${words.slice(0, -1).join(' ')} ${given[0]}`;
    case 'licence':
      return String(rng.int(1, 9999)).padStart(6, '0');
    case 'absent':
      return `${[...given].reverse().join('')}q`;
    case 'none':
      return undefined;
  }
}

/** Directory inputs: names (family only, given only, full, a prefix, …), licence numbers, filters only. */
export function directoryInputs(rng: Rng, pools: Pools, n: number): PractitionerQuery[] {
  return Array.from({ length: n }, () => {
    const kind = weightedChoice(rng, QUERY_KINDS);
    const i: PractitionerQuery = { limit: 50 };
    const q = typedQuery(rng, pools, kind);
    if (q) i.q = q;
    if (rng.chance(kind === 'none' ? 0.7 : 0.35)) i.specialty = rng.pick(SPECIALTY_CODES);
    if (rng.chance(kind === 'none' ? 0.7 : 0.35) || (kind === 'none' && !i.specialty)) i.provinceCode = rng.pick(pools.provinces);
    if (rng.chance(0.12))
      i.language = weightedChoice(rng, [
        ['en', 6],
        ['lo', 2],
        ['km', 2],
      ] as const);
    return i;
  });
}

/**
 * Turns 15% of the inputs into a request for the next page, with the cursor the first page returned: a deep
 * keyset page should cost what the first page did when an index serves the order.
 */
export async function withNextPages<I extends { cursor?: string }>(
  q: Queryable,
  rng: Rng,
  inputs: I[],
  list: (q: Queryable, i: I) => Promise<{ nextCursor: string | null }>,
): Promise<I[]> {
  const out: I[] = [];
  for (const i of inputs) {
    const next = rng.chance(0.15) ? (await list(q, i)).nextCursor : null;
    out.push(next ? { ...i, cursor: next } : i);
  }
  return out;
}

/** Hub inputs: spokes of the pyramid (mostly stations, as most spokes are), a specialty their hubs offer (80%) or any. */
export function hubInputs(rng: Rng, pools: Pools, n: number): { spokeId: string; specialty: SpecialtyCode }[] {
  return Array.from({ length: n }, () => {
    const spoke = rng.pick(pools.spokes);
    const specialty = rng.chance(0.8) && spoke.hubSpecialties.length ? rng.pick(spoke.hubSpecialties) : rng.pick(SPECIALTY_CODES);
    return { spokeId: spoke.id, specialty };
  });
}

const GENERIC = [
  'bệnh viện',
  'trạm y tế',
  'trung tam y te',
  'hospital',
  'đa khoa',
  'nhi',
  'Bạch Mai',
  'cho ray',
  'vinmec',
  'tam anh',
  'huế',
];

/** Facility inputs: a commune or hospital name, part of one, a code prefix, a common word, or filters only. */
export function facilityInputs(rng: Rng, pools: Pools, n: number): FacilityListQuery[] {
  const types = [...new Set(pools.facilities.map((f) => f.type))].sort();
  return Array.from({ length: n }, () => {
    const f = rng.pick(pools.facilities);
    const name = f.name.split(' ').slice(-2).join(' ');
    const kind = weightedChoice(rng, [
      ['name', 25],
      ['prefix', 15],
      ['code', 15],
      ['generic', 30],
      ['none', 15],
    ] as const);
    const q = {
      name,
      prefix: name.slice(0, rng.int(3, 5)),
      code: f.code.slice(0, rng.int(4, 8)),
      generic: rng.pick(GENERIC),
      none: undefined,
    }[kind];
    const i: FacilityListQuery = { limit: 50 };
    if (q) i.q = q;
    if (rng.chance(kind === 'none' ? 0.8 : 0.5)) i.provinceCode = f.province ?? rng.pick(pools.provinces);
    if (rng.chance(kind === 'none' ? 0.6 : 0.35) || (kind === 'none' && !i.provinceCode)) i.type = rng.pick(types);
    return i;
  });
}
