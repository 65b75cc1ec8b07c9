import { weightedPicker, type Rng } from '../lib/prng.js';

// Family names with their approximate share of the population (Nguyễn ~38%, then Trần, Lê, Phạm…), and a tail
// that includes names common among ethnic minorities of the northern mountains (Lò, Vi, Nông, Giàng…).
// prettier-ignore
const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3.5], ['Huỳnh', 1.6], ['Phan', 4.5], ['Vũ', 2],
  ['Võ', 1.9], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Đinh', 0.9], ['Trương', 0.8], ['Đoàn', 0.7], ['Lưu', 0.4], ['Mai', 0.5], ['Trịnh', 0.5], ['Lâm', 0.4],
  ['Tạ', 0.3], ['Hà', 0.6], ['Cao', 0.5], ['Lương', 0.4], ['Quách', 0.2], ['Chu', 0.2], ['Kiều', 0.2], ['Thái', 0.2],
  ['Tô', 0.3], ['Lò', 0.2], ['Vi', 0.15], ['Nông', 0.25], ['Triệu', 0.2], ['Giàng', 0.1], ['Sầm', 0.05], ['Cầm', 0.1],
  ['Lục', 0.1], ['Châu', 0.2], ['Văn', 0.1], ['Khúc', 0.05], ['Tăng', 0.1], ['Phùng', 0.2], ['Mạc', 0.1],
];
const MIDDLE_MALE = [
  'Văn',
  'Văn',
  'Văn',
  'Đức',
  'Minh',
  'Quang',
  'Hữu',
  'Thành',
  'Công',
  'Xuân',
  'Ngọc',
  'Trọng',
  'Anh',
  'Quốc',
  'Tiến',
  'Mạnh',
  'Duy',
  'Hoàng',
  'Thanh',
  'Đình',
];
const MIDDLE_FEMALE = [
  'Thị',
  'Thị',
  'Thị',
  'Thị',
  'Ngọc',
  'Thu',
  'Thanh',
  'Phương',
  'Hồng',
  'Minh',
  'Kim',
  'Bảo',
  'Mai',
  'Khánh',
  'Diệu',
  'Thúy',
  'Hải',
  'Mỹ',
];
const SECOND_MIDDLE_FEMALE = ['Thu', 'Thanh', 'Hồng', 'Ngọc', 'Minh', 'Kim', 'Phương', 'Lan', 'Bích', 'Mai'];
// prettier-ignore
const GIVEN_MALE = [
  'An', 'Anh', 'Bảo', 'Bình', 'Cường', 'Chiến', 'Dũng', 'Duy', 'Đạt', 'Đức', 'Dương', 'Giang', 'Hải', 'Hiếu', 'Hòa', 'Hoàng',
  'Hùng', 'Huy', 'Khang', 'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Lợi', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phong', 'Phúc',
  'Quân', 'Quang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thiện', 'Thịnh', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ',
];
// prettier-ignore
const GIVEN_FEMALE = [
  'An', 'Anh', 'Chi', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Huyền', 'Lan', 'Liên',
  'Linh', 'Loan', 'Ly', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Thảo', 'Thanh', 'Thủy', 'Trang',
  'Trâm', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Yến', 'Xuân', 'Hậu',
];

const pickFamily = weightedPicker(FAMILY.map(([, w]) => w));

/** Family names in the generator's vocabulary (the bench draws search terms from the same pool). */
export const FAMILY_NAMES = FAMILY.map(([n]) => n);
export const GIVEN_NAMES = [...new Set([...GIVEN_MALE, ...GIVEN_FEMALE])];

/**
 * A Vietnamese full name in the usual order (family, middle, given), NFC-normalised as the API stores it.
 *
 * @example
 * vietnameseName(rng, 'female'); // 'Trần Thị Thu Hương'
 */
export function vietnameseName(rng: Rng, sex: 'male' | 'female'): string {
  const family = FAMILY[pickFamily(rng)]![0];
  const parts = [family];
  if (sex === 'male') {
    parts.push(rng.pick(MIDDLE_MALE));
    parts.push(rng.pick(GIVEN_MALE));
  } else {
    parts.push(rng.pick(MIDDLE_FEMALE));
    if (rng.chance(0.2)) parts.push(rng.pick(SECOND_MIDDLE_FEMALE));
    parts.push(rng.pick(GIVEN_FEMALE));
  }
  // The same syllable twice in a row ("Minh Minh") reads as a typo: drop the middle one.
  const name = parts.filter((p, i) => i === 0 || p !== parts[i - 1]);
  return name.join(' ').normalize('NFC');
}
