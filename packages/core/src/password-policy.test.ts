import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('password policy', () => {
  it('accepts a long passphrase with letters and digits, in Vietnamese too', () => {
    expect(checkPassword('Hue-ngay-2026', [])).toEqual([]);
    expect(checkPassword('Điện Biên năm 2026', [])).toEqual([]);
  });
  it('names each problem', () => {
    expect(checkPassword('abc1', [])).toEqual(['too_short']);
    expect(checkPassword('abcdefghijkl', [])).toEqual(['needs_letter_and_digit']);
    expect(checkPassword('Password123', [])).toEqual(['too_common']);
    expect(checkPassword('nguyenlan-2026', ['nguyenlan@bv.vn'])).toEqual(['contains_identifier']);
  });
  it('counts characters, not UTF-16 units', () => {
    expect(checkPassword('Đ'.repeat(9) + '1', [])).toEqual([]);
    expect(checkPassword('😀'.repeat(4) + 'a1', [])).toContain('too_short');
  });
});
