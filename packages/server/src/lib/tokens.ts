import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random token for a cookie, and the hash under which the server stores it. */
export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
