import { foldText, SPECIALTIES, type FacilityType, type PROFESSIONS, type SpecialtyCode } from '@vuonxa/core';
import { allocate, weightedChoice, weightedPicker, type Rng } from '../lib/prng.js';
import type { GenFacility } from './facilities.generator.js';
import { KHMER_BORDER, LAO_BORDER, PROVINCE_ABBR } from './geo.js';
import { vietnameseName } from './names.js';

type Profession = (typeof PROFESSIONS)[number];

export interface GenPractitioner {
  id: string;
  fullName: string;
  licence: string;
  profession: Profession;
  scope: string;
  specialties: SpecialtyCode[];
  languages: string[];
  email: string | null;
  phone: string | null;
  availability: 'available' | 'limited' | 'unavailable';
}
export interface GenMembership {
  practitionerId: string;
  facilityId: string;
  position: string;
}
export interface Staffing {
  practitioners: GenPractitioner[];
  memberships: GenMembership[];
  /** Practitioner indexes working at each facility (any membership), for on-call rosters. */
  staffOf: Map<string, number[]>;
}

/** Relative head count of one facility of each type: a central hub employs ~250 times a commune station. */
const STAFF_WEIGHT: Record<FacilityType, number> = {
  central_hospital: 1000,
  specialised_hospital: 300,
  provincial_hospital: 600,
  regional_health_centre: 80,
  private_hospital: 100,
  commune_health_station: 4,
  foreign_partner_hospital: 40,
};
// prettier-ignore
const HOSPITAL_MIX: [Profession, number][] = [
  ['doctor', 38], ['nurse', 42], ['midwife', 4], ['technician', 8], ['pharmacist', 4],
  ['physician_assistant', 1], ['traditional_medicine_practitioner', 1], ['other', 2],
];
// prettier-ignore
const STATION_MIX: [Profession, number][] = [
  ['doctor', 30], ['physician_assistant', 20], ['nurse', 25], ['midwife', 15], ['pharmacist', 5], ['traditional_medicine_practitioner', 5],
];
const NOT_NURSING: SpecialtyCode[] = ['radiology', 'laboratory', 'pathology'];

function specialtiesFor(rng: Rng, p: Profession, offered: SpecialtyCode[]): SpecialtyCode[] {
  const has = (c: SpecialtyCode) => offered.includes(c);
  switch (p) {
    case 'doctor':
      return rng.sample(offered, rng.chance(0.75) ? 1 : 2);
    case 'physician_assistant':
      return offered.filter((c) => c === 'general_internal' || c === 'family_medicine').slice(0, 1);
    case 'nurse':
      return rng.chance(0.6)
        ? rng.sample(
            offered.filter((c) => !NOT_NURSING.includes(c)),
            1,
          )
        : [];
    case 'midwife':
      return ['obstetrics_gynaecology'];
    case 'technician':
      return rng.sample(NOT_NURSING.filter(has), 1);
    case 'traditional_medicine_practitioner':
      return ['traditional_medicine'];
    default:
      return [];
  }
}

function scopeFor(p: Profession, specialties: SpecialtyCode[]): string {
  const s = specialties[0];
  switch (p) {
    case 'doctor':
      return s && s !== 'family_medicine' ? `Khám bệnh, chữa bệnh chuyên khoa ${SPECIALTIES[s].vi}` : 'Khám bệnh, chữa bệnh đa khoa';
    case 'physician_assistant':
      return 'Khám bệnh, chữa bệnh đa khoa (y sĩ)';
    case 'nurse':
      return 'Thực hiện phạm vi hoạt động chuyên môn điều dưỡng';
    case 'midwife':
      return 'Thực hiện phạm vi hoạt động chuyên môn hộ sinh';
    case 'technician':
      return s === 'radiology' ? 'Kỹ thuật viên chẩn đoán hình ảnh' : 'Kỹ thuật viên xét nghiệm y học';
    case 'pharmacist':
      return 'Dược lâm sàng';
    case 'traditional_medicine_practitioner':
      return 'Khám bệnh, chữa bệnh bằng y học cổ truyền';
    default:
      return 'Hỗ trợ chuyên môn y tế';
  }
}

const POSITION: Record<Profession, string> = {
  doctor: 'Bác sĩ',
  physician_assistant: 'Y sĩ',
  nurse: 'Điều dưỡng',
  midwife: 'Hộ sinh',
  technician: 'Kỹ thuật viên',
  pharmacist: 'Dược sĩ',
  traditional_medicine_practitioner: 'Lương y',
  other: 'Nhân viên y tế',
};

function languagesFor(rng: Rng, f: GenFacility): string[] {
  if (f.country !== 'VN') {
    const langs = [f.country === 'LA' ? 'lo' : 'km'];
    if (rng.chance(0.6)) langs.push('vi');
    if (rng.chance(0.3)) langs.push('en');
    return langs;
  }
  const langs = ['vi'];
  const en =
    { central_hospital: 0.35, private_hospital: 0.35, specialised_hospital: 0.2, provincial_hospital: 0.15 }[f.type as string] ?? 0.05;
  if (rng.chance(en)) langs.push('en');
  const border = f.type === 'commune_health_station' ? 0.04 : 0.08;
  if (f.province && LAO_BORDER.has(f.province.code) && rng.chance(border)) langs.push('lo');
  if (f.province && KHMER_BORDER.has(f.province.code) && rng.chance(border)) langs.push('km');
  return langs;
}

/**
 * Staffs the facilities: head counts proportional to facility size, professions by facility type, specialties
 * among those the facility offers, licence numbers per issuer (`000123/HNO-CCHN`; BYT for central hubs), and a
 * second membership for 10% (a doctor of the provincial hospital who also works at a private one, …).
 */
export function generatePractitioners(rng: Rng, facilities: GenFacility[], total: number): Staffing {
  const counts = allocate(
    total,
    facilities.map((f) => STAFF_WEIGHT[f.type]),
    1,
  );
  const slots: number[] = [];
  counts.forEach((n, fi) => {
    for (let i = 0; i < n; i++) slots.push(fi);
  });
  rng.shuffle(slots);
  const byProvince = new Map<string, GenFacility[]>();
  for (const f of facilities) {
    if (!f.province || f.type === 'commune_health_station') continue;
    const list = byProvince.get(f.province.code);
    if (list) list.push(f);
    else byProvince.set(f.province.code, [f]);
  }
  const secondPicker = new Map([...byProvince].map(([code, list]) => [code, weightedPicker(list.map((f) => STAFF_WEIGHT[f.type]))]));
  const serial = new Map<string, number>();
  const headed = new Set<string>();
  const out: Staffing = { practitioners: [], memberships: [], staffOf: new Map() };
  const member = (pi: number, f: GenFacility, position: string) => {
    out.memberships.push({ practitionerId: out.practitioners[pi]!.id, facilityId: f.id, position });
    const list = out.staffOf.get(f.id);
    if (list) list.push(pi);
    else out.staffOf.set(f.id, [pi]);
  };
  for (const fi of slots) {
    const f = facilities[fi]!;
    const station = f.type === 'commune_health_station';
    const profession = weightedChoice(rng, station ? STATION_MIX : HOSPITAL_MIX);
    const female = rng.chance(profession === 'nurse' || profession === 'midwife' ? 0.8 : profession === 'doctor' ? 0.5 : 0.55);
    const fullName = vietnameseName(rng, female ? 'female' : 'male');
    const issuer =
      f.country !== 'VN' ? f.country : f.type === 'central_hospital' ? 'BYT' : (PROVINCE_ABBR[f.province?.code ?? ''] ?? 'BYT');
    const n = (serial.get(issuer) ?? 0) + 1;
    serial.set(issuer, n);
    const specialties = specialtiesFor(rng, profession, f.specialties);
    const words = foldText(fullName).split(' ');
    out.practitioners.push({
      id: rng.uuid(),
      fullName,
      licence: `${String(n).padStart(6, '0')}/${issuer}-${f.country === 'VN' ? 'CCHN' : 'MOH'}`,
      profession,
      scope: scopeFor(profession, specialties),
      specialties,
      languages: languagesFor(rng, f),
      email: rng.chance(0.25) ? `${words.at(-1)}.${words[0]}${rng.int(1, 999)}@gmail.com` : null,
      phone: rng.chance(0.6) ? `09${rng.int(10_000_000, 99_999_999)}` : null,
      availability: weightedChoice(rng, [
        ['available', 85],
        ['limited', 10],
        ['unavailable', 5],
      ]),
    });
    const pi = out.practitioners.length - 1;
    let position = POSITION[profession];
    if (station && profession === 'doctor' && !headed.has(f.id)) {
      headed.add(f.id);
      position = 'Trạm trưởng';
    } else if (profession === 'doctor' && specialties[0] && rng.chance(0.08)) position = `Trưởng khoa ${SPECIALTIES[specialties[0]].vi}`;
    else if (profession === 'nurse' && rng.chance(0.05)) position = 'Điều dưỡng trưởng';
    member(pi, f, position);
    const pool = f.province ? byProvince.get(f.province.code) : undefined;
    const pickSecond = f.province ? secondPicker.get(f.province.code) : undefined;
    if (!station && pool && pickSecond && rng.chance(0.1)) {
      const other = pool[pickSecond(rng)]!;
      if (other.id !== f.id) member(pi, other, `${POSITION[profession]} (kiêm nhiệm)`);
    }
  }
  return out;
}
