import { hash, verify } from '@node-rs/argon2';

// OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1.
// `Algorithm` is an ambient const enum (unusable with verbatimModuleSyntax); 2 is Argon2id in it.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification, so unknown accounts cannot be told apart by timing. */
  burn(password: string): Promise<void>;
}

export function createPasswordHasher(): PasswordHasher {
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, OPTIONS),
    verify: async (h, password) => {
      try {
        return await verify(h, password);
      } catch {
        return false;
      }
    },
    async burn(password) {
      dummy ??= hash('not-a-real-password-0', OPTIONS);
      await verify(await dummy, password).catch(() => false);
    },
  };
}
