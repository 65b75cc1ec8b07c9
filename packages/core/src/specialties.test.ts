import { describe, expect, it } from 'vitest';
import { foldText, SPECIALTIES, specialtyFromVietnamese } from './specialties.js';

describe('specialties', () => {
  it('folds Vietnamese the way the database does (no diacritics, đ → d, lower case, single spaces)', () => {
    expect(foldText('  Nguyễn   Văn ĐẠT ')).toBe('nguyen van dat');
    expect(foldText('Hoà Thuỷ Ứng Ỷ')).toBe('hoa thuy ung y');
    expect(foldText('Trạm Y tế xã Y Tý'.normalize('NFD'))).toBe('tram y te xa y ty');
  });
  it('maps hospital department names to codes, and every name of ours to itself', () => {
    expect(specialtyFromVietnamese('tim mạch')).toBe('cardiology');
    expect(specialtyFromVietnamese('Tai Mũi Họng')).toBe('ent');
    expect(specialtyFromVietnamese('bệnh nhiệt đới')).toBe('infectious_disease');
    expect(specialtyFromVietnamese('Thận - Tiết niệu')).toBe('nephrology');
    expect(specialtyFromVietnamese('khoa không có')).toBeNull();
    for (const [code, n] of Object.entries(SPECIALTIES)) expect(specialtyFromVietnamese(n.vi)).toBe(code);
  });
});
