import { foldText, SPECIALTIES, SPECIALTY_CODES, type SpecialtyCode } from '@vuonxa/core';

/** Departments every hospital of a level has; the rest of its specialties are drawn at random. */
export const HOSPITAL_CORE: SpecialtyCode[] = [
  'general_internal',
  'general_surgery',
  'paediatrics',
  'obstetrics_gynaecology',
  'emergency_icu',
  'radiology',
  'laboratory',
  'anaesthesiology',
];
export const REGIONAL_CORE: SpecialtyCode[] = [
  'general_internal',
  'paediatrics',
  'obstetrics_gynaecology',
  'emergency_icu',
  'family_medicine',
];
export const REGIONAL_EXTRA: SpecialtyCode[] = [
  'general_surgery',
  'traditional_medicine',
  'infectious_disease',
  'radiology',
  'laboratory',
  'rehabilitation',
  'odonto_stomatology',
  'ophthalmology',
  'ent',
];
/** What a commune health station offers (primary care). */
export const STATION_SPECIALTIES: SpecialtyCode[] = ['family_medicine', 'general_internal', 'paediatrics'];
/** Departments a single-specialty hospital needs besides its own. */
export const SUPPORT: SpecialtyCode[] = ['radiology', 'laboratory', 'anaesthesiology', 'emergency_icu', 'general_internal'];

/** Themes of the provincial specialised hospitals: Vietnamese and English name parts and their specialties. */
export const SPECIALISED_THEMES: { vi: string; en: string; specialties: SpecialtyCode[] }[] = [
  { vi: 'Nhi', en: "Children's", specialties: ['paediatrics'] },
  { vi: 'Sản - Nhi', en: 'Obstetrics and Paediatrics', specialties: ['obstetrics_gynaecology', 'paediatrics'] },
  { vi: 'Phụ sản', en: 'Obstetrics and Gynaecology', specialties: ['obstetrics_gynaecology'] },
  { vi: 'Mắt', en: 'Eye', specialties: ['ophthalmology'] },
  { vi: 'Ung bướu', en: 'Oncology', specialties: ['oncology', 'haematology', 'pathology'] },
  { vi: 'Phổi', en: 'Lung', specialties: ['tuberculosis_lung', 'respiratory'] },
  { vi: 'Tâm thần', en: 'Psychiatric', specialties: ['psychiatry', 'neurology'] },
  { vi: 'Y dược cổ truyền', en: 'Traditional Medicine', specialties: ['traditional_medicine', 'rehabilitation'] },
  { vi: 'Phục hồi chức năng', en: 'Rehabilitation', specialties: ['rehabilitation', 'orthopaedics_trauma'] },
  { vi: 'Da liễu', en: 'Dermatology', specialties: ['dermatology'] },
  { vi: 'Tim mạch', en: 'Cardiology', specialties: ['cardiology'] },
  { vi: 'Chấn thương chỉnh hình', en: 'Orthopaedic and Trauma', specialties: ['orthopaedics_trauma', 'general_surgery'] },
  { vi: 'Bệnh nhiệt đới', en: 'Tropical Diseases', specialties: ['infectious_disease'] },
  { vi: 'Nội tiết', en: 'Endocrinology', specialties: ['endocrinology', 'nutrition'] },
  { vi: 'Răng Hàm Mặt', en: 'Odonto-Stomatology', specialties: ['odonto_stomatology'] },
  { vi: 'Tai Mũi Họng', en: 'ENT', specialties: ['ent'] },
  { vi: 'Lão khoa', en: 'Geriatric', specialties: ['geriatrics', 'cardiology'] },
];

/** Central hubs added to the 27 of reference-data/hub-hospitals.csv to reach about 30. */
export const EXTRA_HUBS = [
  { code: 'BV-C-DANANG', name: 'Bệnh viện C Đà Nẵng', nameEn: 'C Hospital Da Nang', provinceCode: '48', themes: '' },
  {
    code: 'BV-TWHUE-CS2',
    name: 'Bệnh viện Trung ương Huế cơ sở 2',
    nameEn: 'Hue Central Hospital, Campus 2',
    provinceCode: '46',
    themes: '',
  },
  {
    code: 'BV-DHYD-HCM',
    name: 'Bệnh viện Đại học Y Dược Thành phố Hồ Chí Minh',
    nameEn: 'University Medical Center HCMC',
    provinceCode: '79',
    themes: '',
  },
];

// prettier-ignore
export const PRIVATE_BRANDS = [
  'Tâm Anh', 'Vinmec', 'Hồng Ngọc', 'Medlatec', 'Hoàn Mỹ', 'Thu Cúc', 'Việt Pháp', 'Hạnh Phúc', 'An Sinh', 'Xuyên Á',
  'Phương Đông', 'Hòa Hảo', 'Thiện Hạnh', 'Gia An', 'Triều An', 'Vạn Hạnh', 'Hưng Việt', 'Hợp Lực', 'Mỹ Đức', 'Quốc tế City',
];

/** Partner hospitals across the border (Lao PDR, Cambodia), with the FOREIGN_PLACES index of each. */
export const FOREIGN_HOSPITALS = [
  { name: 'Bệnh viện Mahosot', nameEn: 'Mahosot Hospital', place: 0 },
  { name: 'Bệnh viện Mittaphab', nameEn: 'Mittaphab Hospital', place: 0 },
  { name: 'Bệnh viện Setthathirath', nameEn: 'Setthathirath Hospital', place: 0 },
  { name: 'Bệnh viện Nhi Vientiane', nameEn: "Children's Hospital Vientiane", place: 0 },
  { name: 'Bệnh viện Hữu nghị Lào - Việt', nameEn: 'Lao-Viet Friendship Hospital', place: 0 },
  { name: 'Bệnh viện tỉnh Luang Prabang', nameEn: 'Luang Prabang Provincial Hospital', place: 1 },
  { name: 'Bệnh viện tỉnh Savannakhet', nameEn: 'Savannakhet Provincial Hospital', place: 2 },
  { name: 'Bệnh viện tỉnh Champasak', nameEn: 'Champasak Provincial Hospital', place: 3 },
  { name: 'Bệnh viện tỉnh Xiangkhouang', nameEn: 'Xiangkhouang Provincial Hospital', place: 4 },
  { name: 'Bệnh viện tỉnh Houaphanh', nameEn: 'Houaphanh Provincial Hospital', place: 5 },
  { name: 'Bệnh viện tỉnh Attapeu', nameEn: 'Attapeu Provincial Hospital', place: 6 },
  { name: 'Bệnh viện tỉnh Khammouane', nameEn: 'Khammouane Provincial Hospital', place: 7 },
  { name: 'Bệnh viện Calmette', nameEn: 'Calmette Hospital', place: 8 },
  { name: 'Bệnh viện Preah Kossamak', nameEn: 'Preah Kossamak Hospital', place: 8 },
  { name: 'Bệnh viện Chợ Rẫy Phnom Penh', nameEn: 'Cho Ray Phnom Penh Hospital', place: 8 },
  { name: 'Bệnh viện Hữu nghị Khmer - Xô viết', nameEn: 'Khmer-Soviet Friendship Hospital', place: 8 },
  { name: 'Bệnh viện tỉnh Siem Reap', nameEn: 'Siem Reap Provincial Hospital', place: 9 },
  { name: 'Bệnh viện tỉnh Svay Rieng', nameEn: 'Svay Rieng Provincial Hospital', place: 10 },
  { name: 'Bệnh viện tỉnh Ratanakiri', nameEn: 'Ratanakiri Provincial Hospital', place: 11 },
  { name: 'Bệnh viện Hữu nghị Campuchia - Việt Nam', nameEn: 'Cambodia-Vietnam Friendship Hospital', place: 8 },
];

// Words of hub-hospitals.csv `main_specialties` that are not a specialty's Vietnamese name.
const ALIASES: Record<string, SpecialtyCode> = {
  'ngoai chan thuong': 'orthopaedics_trauma',
  'benh nhiet doi': 'infectious_disease',
  'cham cuu': 'traditional_medicine',
  'dai thao duong': 'endocrinology',
  'so sinh': 'paediatrics',
  'ho tro sinh san': 'obstetrics_gynaecology',
  'ghep tang': 'general_surgery',
};
const BY_FOLDED_NAME = new Map<string, SpecialtyCode>(SPECIALTY_CODES.map((c) => [foldText(SPECIALTIES[c].vi), c]));

/** Reads `"đa khoa; nội khoa; tim mạch"` as { general: true, themes: ['general_internal', 'cardiology'] }. */
export function parseMainSpecialties(text: string): { general: boolean; themes: SpecialtyCode[] } {
  const tokens = text
    .split(';')
    .map((t) => foldText(t))
    .filter(Boolean);
  const themes = new Set<SpecialtyCode>();
  for (const t of tokens) {
    const code = BY_FOLDED_NAME.get(t) ?? ALIASES[t];
    if (code) themes.add(code);
  }
  return { general: tokens.includes('da khoa') || themes.size === 0, themes: [...themes] };
}

/** "Phường Ba Đình" → "Ba Dinh": English names drop the diacritics. */
export function asciiName(s: string): string {
  return foldText(s).replace(/\b\w/g, (ch) => ch.toUpperCase());
}
