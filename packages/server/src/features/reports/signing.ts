import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { Queryable } from '../../db/db.js';
import type { SecretBox } from '../../lib/secret-box.js';

export interface SigningKey {
  id: string;
  publicKey: string;
  fingerprint: string;
}

/** SHA-256 of the key's SubjectPublicKeyInfo (DER), hex: what the report shows next to the signer's name. */
export function keyFingerprint(publicKeyPem: string): string {
  return createHash('sha256')
    .update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Each signer has an Ed25519 key pair (RFC 8032). The private key is sealed with the server's key and opened only
 * to sign, after the signer has re-entered the password; it never leaves the server and is never logged.
 */
export const signingKeys = {
  async active(q: Queryable, box: SecretBox, userId: string): Promise<SigningKey & { privateKeyPem: string }> {
    const { rows } = await q.query<{ id: string; public_key: string; private_key_enc: string; fingerprint: string }>(
      'SELECT id, public_key, private_key_enc, fingerprint FROM signing_key WHERE user_id = $1 AND revoked_at IS NULL',
      [userId],
    );
    const r = rows[0];
    if (r) return { id: r.id, publicKey: r.public_key, fingerprint: r.fingerprint, privateKeyPem: box.open(r.private_key_enc) };
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const fingerprint = keyFingerprint(pub);
    const ins = await q.query<{ id: string }>(
      `INSERT INTO signing_key (user_id, public_key, private_key_enc, fingerprint) VALUES ($1, $2, $3, $4) RETURNING id`,
      [userId, pub, box.seal(priv), fingerprint],
    );
    return { id: ins.rows[0]!.id, publicKey: pub, fingerprint, privateKeyPem: priv };
  },
  async byId(q: Queryable, id: string): Promise<(SigningKey & { revokedAt: Date | null }) | null> {
    const { rows } = await q.query<{ id: string; public_key: string; fingerprint: string; revoked_at: Date | null }>(
      'SELECT id, public_key, fingerprint, revoked_at FROM signing_key WHERE id = $1',
      [id],
    );
    const r = rows[0];
    return r ? { id: r.id, publicKey: r.public_key, fingerprint: r.fingerprint, revokedAt: r.revoked_at } : null;
  },
};

/** Ed25519 signature of the UTF-8 payload, base64. */
export function signPayload(privateKeyPem: string, payload: string): string {
  return sign(null, Buffer.from(payload, 'utf8'), createPrivateKey(privateKeyPem)).toString('base64');
}

export function verifyPayload(publicKeyPem: string, payload: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(payload, 'utf8'), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
