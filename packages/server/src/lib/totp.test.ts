import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totpStep, verifyTotp } from './totp.js';

// RFC 6238 Appendix B: SHA1 secret "12345678901234567890", 8 digits.
const RFC_SECRET = Buffer.from('12345678901234567890');

describe('totp', () => {
  it('matches the RFC 6238 SHA1 test vectors', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, code] of vectors) expect(hotp(RFC_SECRET, totpStep(t * 1000), 8)).toBe(code);
  });

  it('round-trips base32', () => {
    const b = Buffer.from('vươn xa', 'utf8');
    expect(base32Decode(base32Encode(b))).toEqual(b);
    expect(base32Encode(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('accepts the current code and one step of drift, and refuses replays', () => {
    const secret = base32Encode(RFC_SECRET);
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    const code = hotp(RFC_SECRET, step);
    expect(verifyTotp(secret, code, now, null)).toBe(step);
    expect(verifyTotp(secret, code, now + 30_000, null)).toBe(step);
    expect(verifyTotp(secret, code, now + 90_000, null)).toBeNull();
    expect(verifyTotp(secret, code, now, step)).toBeNull();
    expect(verifyTotp(secret, '000000', now, null) === step && code !== '000000').toBe(false);
  });

  it('builds an otpauth URI with the issuer', () => {
    expect(otpauthUri('ABC', 'lan@bv.vn')).toMatch(/^otpauth:\/\/totp\/V%C6%B0%C6%A1n%20Xa%3Alan%40bv\.vn\?secret=ABC&issuer=/);
  });
});
