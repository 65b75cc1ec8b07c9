import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The key for secrets at rest: SECRET_KEY when configured (required in production), otherwise a random key
 * generated once into the data directory with owner-only permissions.
 */
export async function loadSecretKey(opts: { configured: string | undefined; dataDir: string; production: boolean }): Promise<string> {
  if (opts.configured) return opts.configured;
  if (opts.production) throw new Error('Invalid configuration:\nSECRET_KEY: required in production (32+ characters)');
  const file = path.join(opts.dataDir, 'secret.key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(opts.dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  await writeFile(file, key, { mode: 0o600 });
  return key;
}
