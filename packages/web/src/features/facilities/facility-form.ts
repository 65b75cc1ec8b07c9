import type { COUNTRIES, FACILITY_TYPES, TECHNICAL_LEVELS } from '@vuonxa/core';
import type { FacilityDetail, FacilityInput, SpecialtyCode } from '@vuonxa/core';
import type { Problem } from '../../i18n/error-message';

type Country = (typeof COUNTRIES)[number];
type FacilityType = (typeof FACILITY_TYPES)[number];
type Level = (typeof TECHNICAL_LEVELS)[number];

/** The facility form as typed: text everywhere, '' for "not given". */
export interface FacilityValues {
  code: string;
  name: string;
  nameEn: string;
  nameLo: string;
  nameKm: string;
  type: FacilityType | '';
  technicalLevel: Level | '';
  technicalScore: string;
  country: Country;
  provinceCode: string;
  provinceText: string;
  communeCode: string;
  address: string;
  latitude: string;
  longitude: string;
  specialties: SpecialtyCode[];
  contactPhone: string;
  contactEmail: string;
  eligible: boolean;
  eligibilityDeclaredAt: string;
  eligibilityScope: string;
  active: boolean;
}

export const EMPTY_FACILITY: FacilityValues = {
  code: '',
  name: '',
  nameEn: '',
  nameLo: '',
  nameKm: '',
  type: '',
  technicalLevel: '',
  technicalScore: '',
  country: 'VN',
  provinceCode: '',
  provinceText: '',
  communeCode: '',
  address: '',
  latitude: '',
  longitude: '',
  specialties: [],
  contactPhone: '',
  contactEmail: '',
  eligible: false,
  eligibilityDeclaredAt: '',
  eligibilityScope: '',
  active: true,
};

/** The form's values for an existing facility. */
export function valuesOf(f: FacilityDetail): FacilityValues {
  return {
    code: f.code,
    name: f.name,
    nameEn: f.nameEn ?? '',
    nameLo: f.nameLo ?? '',
    nameKm: f.nameKm ?? '',
    type: f.type,
    technicalLevel: f.technicalLevel ?? '',
    technicalScore: f.technicalScore === null ? '' : String(f.technicalScore),
    country: f.country,
    provinceCode: f.provinceCode ?? '',
    provinceText: f.provinceText ?? '',
    communeCode: f.communeCode ?? '',
    address: f.address ?? '',
    latitude: f.latitude === null ? '' : String(f.latitude),
    longitude: f.longitude === null ? '' : String(f.longitude),
    specialties: [...f.specialties],
    contactPhone: f.contactPhone ?? '',
    contactEmail: f.contactEmail ?? '',
    eligible: f.eligibility !== null,
    eligibilityDeclaredAt: f.eligibility?.declaredAt ?? '',
    eligibilityScope: f.eligibility?.scope ?? '',
    active: f.active,
  };
}

const text = (s: string) => (s.trim() === '' ? null : s.trim());
const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/**
 * Problems the form can see before asking the server, keyed by the server's field names. The server checks
 * everything again; this only saves a round trip for the obvious.
 */
export function checkFacility(v: FacilityValues): Record<string, Problem> {
  const found: Record<string, Problem> = {};
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/.test(v.code.trim())) found['code'] = { key: 'facility.form.codeFormat' };
  if (v.name.trim().length < 3) found['name'] = { key: 'form.required' };
  if (!v.type) found['type'] = { key: 'form.required' };
  if (v.country === 'VN' && !v.provinceCode) found['provinceCode'] = { key: 'form.required' };
  for (const field of ['technicalScore', 'latitude', 'longitude'] as const) {
    const n = num(v[field]);
    if (n !== null && Number.isNaN(n)) found[field] = { key: 'form.number' };
  }
  if ((v.latitude.trim() === '') !== (v.longitude.trim() === '')) found['longitude'] = { key: 'facility.form.bothCoordinates' };
  if (v.eligible && !v.eligibilityDeclaredAt) found['eligibility.declaredAt'] = { key: 'form.required' };
  if (v.eligible && v.eligibilityScope.trim().length < 3) found['eligibility.scope'] = { key: 'form.required' };
  return found;
}

/** The body of `POST /api/facilities` and `PUT /api/facilities/:id`. */
export function facilityInputOf(v: FacilityValues): FacilityInput {
  const vn = v.country === 'VN';
  return {
    code: v.code.trim().toUpperCase(),
    name: v.name.trim(),
    nameEn: text(v.nameEn),
    nameLo: text(v.nameLo),
    nameKm: text(v.nameKm),
    type: v.type || 'commune_health_station',
    technicalLevel: v.technicalLevel || null,
    technicalScore: num(v.technicalScore),
    country: v.country,
    // Viet Nam has coded provinces and communes; Laos and Cambodia are written out (no code list held).
    provinceCode: vn ? text(v.provinceCode) : null,
    provinceText: vn ? null : text(v.provinceText),
    communeCode: vn ? text(v.communeCode) : null,
    address: text(v.address),
    latitude: num(v.latitude),
    longitude: num(v.longitude),
    specialties: v.specialties,
    contactPhone: text(v.contactPhone),
    contactEmail: text(v.contactEmail),
    eligibility: v.eligible ? { declaredAt: v.eligibilityDeclaredAt, scope: v.eligibilityScope.trim() } : null,
    active: v.active,
  };
}
