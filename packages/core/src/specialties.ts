/**
 * Specialties used across the registry, consultations and the directory. Codes are ours and stable; names
 * follow the usual Vietnamese clinical department names. Extend by adding a code (never rename one).
 */
export const SPECIALTIES = {
  general_internal: { vi: 'Nội khoa', en: 'Internal medicine' },
  cardiology: { vi: 'Tim mạch', en: 'Cardiology' },
  respiratory: { vi: 'Hô hấp', en: 'Respiratory medicine' },
  gastroenterology: { vi: 'Tiêu hóa', en: 'Gastroenterology' },
  nephrology: { vi: 'Thận - Tiết niệu', en: 'Nephrology and urology' },
  endocrinology: { vi: 'Nội tiết', en: 'Endocrinology' },
  neurology: { vi: 'Thần kinh', en: 'Neurology' },
  psychiatry: { vi: 'Tâm thần', en: 'Psychiatry' },
  infectious_disease: { vi: 'Truyền nhiễm', en: 'Infectious diseases' },
  oncology: { vi: 'Ung bướu', en: 'Oncology' },
  haematology: { vi: 'Huyết học', en: 'Haematology' },
  rheumatology: { vi: 'Cơ xương khớp', en: 'Rheumatology' },
  dermatology: { vi: 'Da liễu', en: 'Dermatology' },
  paediatrics: { vi: 'Nhi khoa', en: 'Paediatrics' },
  obstetrics_gynaecology: { vi: 'Sản phụ khoa', en: 'Obstetrics and gynaecology' },
  general_surgery: { vi: 'Ngoại khoa', en: 'General surgery' },
  orthopaedics_trauma: { vi: 'Chấn thương chỉnh hình', en: 'Orthopaedics and trauma' },
  neurosurgery: { vi: 'Phẫu thuật thần kinh', en: 'Neurosurgery' },
  emergency_icu: { vi: 'Hồi sức cấp cứu', en: 'Emergency and intensive care' },
  anaesthesiology: { vi: 'Gây mê hồi sức', en: 'Anaesthesiology' },
  radiology: { vi: 'Chẩn đoán hình ảnh', en: 'Radiology' },
  pathology: { vi: 'Giải phẫu bệnh', en: 'Pathology' },
  laboratory: { vi: 'Xét nghiệm', en: 'Laboratory medicine' },
  ophthalmology: { vi: 'Mắt', en: 'Ophthalmology' },
  ent: { vi: 'Tai Mũi Họng', en: 'Otorhinolaryngology (ENT)' },
  odonto_stomatology: { vi: 'Răng Hàm Mặt', en: 'Odonto-stomatology' },
  rehabilitation: { vi: 'Phục hồi chức năng', en: 'Rehabilitation' },
  nutrition: { vi: 'Dinh dưỡng', en: 'Nutrition' },
  traditional_medicine: { vi: 'Y học cổ truyền', en: 'Traditional medicine' },
  tuberculosis_lung: { vi: 'Lao và bệnh phổi', en: 'Tuberculosis and lung diseases' },
  family_medicine: { vi: 'Y học gia đình', en: 'Family medicine' },
  geriatrics: { vi: 'Lão khoa', en: 'Geriatrics' },
} as const;
export type SpecialtyCode = keyof typeof SPECIALTIES;
export const SPECIALTY_CODES = Object.keys(SPECIALTIES) as [SpecialtyCode, ...SpecialtyCode[]];

/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, collapsed spaces. The database stores
 * the folded form so "nguyen van" finds "Nguyễn Văn" with a trigram index.
 *
 * @example
 * foldText('Nguyễn Văn ĐẠT'); // 'nguyen van dat'
 */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

// Names used in reference files and by hospitals that differ from ours; folded keys.
const SPECIALTY_ALIASES: Record<string, SpecialtyCode> = {
  'da khoa': 'general_internal',
  'benh nhiet doi': 'infectious_disease',
  'cham cuu': 'traditional_medicine',
  'dai thao duong': 'endocrinology',
  'ngoai chan thuong': 'orthopaedics_trauma',
  'so sinh': 'paediatrics',
  'ho tro sinh san': 'obstetrics_gynaecology',
  'ghep tang': 'general_surgery',
  'tim mach can thiep': 'cardiology',
  'than tiet nieu': 'nephrology',
};
const BY_FOLDED_NAME = new Map<string, SpecialtyCode>(
  (Object.entries(SPECIALTIES) as [SpecialtyCode, { vi: string }][]).map(([code, n]) => [foldText(n.vi).replace(/ - /g, ' '), code]),
);

/**
 * Our specialty code for a Vietnamese department name as hospitals write it ("tim mạch", "Tai Mũi Họng",
 * "bệnh nhiệt đới"), or null when it is not one we know.
 *
 * @example
 * specialtyFromVietnamese('hồi sức cấp cứu'); // 'emergency_icu'
 */
export function specialtyFromVietnamese(name: string): SpecialtyCode | null {
  const key = foldText(name).replace(/ - /g, ' ');
  return BY_FOLDED_NAME.get(key) ?? SPECIALTY_ALIASES[key] ?? null;
}
