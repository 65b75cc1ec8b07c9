/**
 * Keeps digits only, at most six: authenticator apps show the code as "123 456" and people paste it so.
 *
 * @example
 * cleanTotpCode('123 456'); // '123456'
 */
export function cleanTotpCode(value: string): string {
  return value.replace(/\D/g, '').slice(0, 6);
}

/**
 * Groups a base32 secret by four, easier to type by hand into an authenticator app.
 *
 * @example
 * groupSecret('JBSWY3DPEHPK3PXP'); // 'JBSW Y3DP EHPK 3PXP'
 */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
