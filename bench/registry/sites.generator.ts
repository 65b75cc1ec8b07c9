import type { EQUIPMENT, LINK_KINDS, SITE_STATUSES } from '@vuonxa/core';
import { weightedChoice, type Rng } from '../lib/prng.js';
import type { GenFacility } from './facilities.generator.js';
import { MOUNTAIN } from './geo.js';

type LinkKind = (typeof LINK_KINDS)[number];
type Equipment = (typeof EQUIPMENT)[number];

export interface GenSite {
  id: string;
  facilityId: string;
  name: string;
  room: string | null;
  equipment: Equipment[];
  bandwidthKbps: number;
  linkKind: LinkKind;
  status: (typeof SITE_STATUSES)[number];
}

const HOSPITAL_SITES = [
  'Phòng hội chẩn từ xa',
  'Phòng giao ban trực tuyến',
  'Khoa Cấp cứu',
  'Khoa Chẩn đoán hình ảnh',
  'Hội trường',
  'Trung tâm Đào tạo và Chỉ đạo tuyến',
  'Khoa Hồi sức tích cực',
  'Phòng khám ngoại trú',
];
// Typical bandwidth of each access technology in kbit/s (low, high).
const BANDWIDTH: Record<LinkKind, readonly [number, number]> = {
  satellite: [1_024, 20_480],
  '4g': [8_000, 60_000],
  '5g': [100_000, 500_000],
  adsl: [8_000, 40_000],
  fibre: [30_000, 1_000_000],
  microwave: [20_000, 200_000],
  other: [2_000, 10_000],
};
const BASIC: Equipment[] = ['camera', 'microphone', 'speaker', 'display'];

function linkKind(rng: Rng, f: GenFacility): LinkKind {
  if (f.type === 'commune_health_station') {
    if (f.commune?.island && rng.chance(0.6)) return 'satellite';
    if (f.province && MOUNTAIN.has(f.province.code) && rng.chance(0.08)) return 'satellite';
    return weightedChoice(rng, [
      ['4g', 55],
      ['adsl', 30],
      ['fibre', 10],
      ['microwave', 3],
      ['5g', 2],
    ]);
  }
  if (f.type === 'regional_health_centre')
    return weightedChoice(rng, [
      ['fibre', 70],
      ['adsl', 15],
      ['4g', 10],
      ['microwave', 5],
    ]);
  if (f.type === 'foreign_partner_hospital')
    return weightedChoice(rng, [
      ['fibre', 60],
      ['4g', 30],
      ['satellite', 10],
    ]);
  return weightedChoice(rng, [
    ['fibre', 90],
    ['5g', 5],
    ['microwave', 5],
  ]);
}

function bandwidth(rng: Rng, kind: LinkKind, hospital: boolean): number {
  const [lo, hi] = BANDWIDTH[kind];
  const low = kind === 'fibre' && hospital ? 100_000 : lo;
  const high = kind === 'fibre' && !hospital ? 150_000 : hi;
  return Math.max(512, Math.round(rng.float(low, high) / 512) * 512);
}

function equipment(rng: Rng, hospital: boolean): Equipment[] {
  const extra: Equipment[] = hospital
    ? ['document_camera', 'ultrasound', 'digital_xray', 'microscope_camera', 'ecg', 'vital_signs_monitor']
    : ['vital_signs_monitor', 'ecg', 'otoscope', 'dermatoscope', 'ultrasound'];
  return [...BASIC, ...extra.filter(() => rng.chance(hospital ? 0.5 : 0.25))];
}

/**
 * Bridge sites (điểm cầu): one per commune station and regional centre, 2–6 per hospital, then extra numbered sites
 * at stations (the former stations of merged communes) until the target count is reached.
 */
export function generateSites(rng: Rng, facilities: GenFacility[], target: number): GenSite[] {
  const sites: GenSite[] = [];
  const perFacility = new Map<string, number>();
  const site = (f: GenFacility, name: string) => {
    const hospital = f.type !== 'commune_health_station' && f.type !== 'regional_health_centre';
    const kind = linkKind(rng, f);
    perFacility.set(f.id, (perFacility.get(f.id) ?? 0) + 1);
    sites.push({
      id: rng.uuid(),
      facilityId: f.id,
      name,
      room: rng.chance(0.6) ? `Phòng ${rng.int(1, 30)}${hospital ? `, tầng ${rng.int(1, 9)}` : ''}` : null,
      equipment: equipment(rng, hospital),
      bandwidthKbps: bandwidth(rng, kind, hospital),
      linkKind: kind,
      status: weightedChoice(rng, [
        ['active', 92],
        ['maintenance', 5],
        ['inactive', 3],
      ]),
    });
  };
  const small: GenFacility[] = [];
  for (const f of facilities) {
    if (f.type === 'commune_health_station' || f.type === 'regional_health_centre') {
      site(f, 'Điểm cầu chính');
      if (f.type === 'commune_health_station') small.push(f);
      continue;
    }
    const [lo, hi] = f.type === 'central_hospital' ? [4, 6] : f.type === 'provincial_hospital' ? [3, 5] : [2, 3];
    for (const name of rng.sample(HOSPITAL_SITES, rng.int(lo, hi))) site(f, name);
  }
  for (let left = target - sites.length; left > 0 && small.length > 0; left--) {
    const f = rng.pick(small);
    site(f, `Điểm trạm ${perFacility.get(f.id) ?? 1}`);
  }
  return sites;
}
