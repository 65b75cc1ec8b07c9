/** The minimum length; NIST SP 800-63B asks at least 8, we ask more because accounts reach health data. */
export const PASSWORD_MIN_LENGTH = 10;

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  '1234567890',
  '12345678910',
  'qwertyuiop',
  '123456789a',
  'matkhau123',
  'matkhau1234',
  'abc1234567',
  'iloveyou123',
  'admin12345',
  'vietnam123',
  'vuonxa2026',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'needs_letter_and_digit' | 'too_common' | 'contains_identifier';

/**
 * Checks a new password against the platform's minimum policy and returns the problems (empty = acceptable).
 *
 * @example
 * checkPassword('short', []); // ['too_short', 'needs_letter_and_digit']
 * checkPassword('Hue-ngay-2026', ['lan@bv.vn']); // []
 */
export function checkPassword(password: string, identifiers: readonly string[]): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (password.length > 256) problems.push('too_long');
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) problems.push('needs_letter_and_digit');
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push('too_common');
  for (const id of identifiers) {
    const local = id.toLowerCase().split('@')[0] ?? '';
    if (local.length >= 4 && lower.includes(local)) {
      problems.push('contains_identifier');
      break;
    }
  }
  return problems;
}
