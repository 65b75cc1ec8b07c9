// `npm run generate:national -- [--scale 1] [--seed 42]`: fills a database with the national data set of issue 7
// (registry, accounts, 2,000,000 patients, 5,000,000 requests with events at scale 1; see bench/README.md).
// DATABASE_URL (an empty, migrated or new database), else the embedded PostgreSQL in DATA_DIR (./data/national) on
// EMBEDDED_PG_PORT (54341). `npm run bench -- --only B4 --national ./data/national` then reuses it.
import { parseArgs } from 'node:util';
import { numberOption } from './lib/args.js';
import { openBenchDb } from './lib/bench-db.js';
import { log, since } from './lib/log.js';
import { generateNational } from './national/generate.js';

const { values } = parseArgs({ options: { scale: { type: 'string' }, seed: { type: 'string' } } });
const scale = numberOption(values.scale, 'scale', 1);
const seed = Math.floor(numberOption(values.seed, 'seed', 42));
const env = (k: string) => (process.env[k] ? process.env[k] : undefined);

const t0 = performance.now();
const bench = await openBenchDb({
  databaseUrl: env('DATABASE_URL'),
  dataDir: env('DATA_DIR') ?? './data/national',
  port: Number(env('EMBEDDED_PG_PORT') ?? 54341),
});
log(`Database: ${bench.where} (ready in ${since(t0)})`);
try {
  const r = await generateNational(bench.db, { scale, seed, log });
  log(
    `Done in ${since(t0)}: ${Object.entries(r.counts)
      .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
      .join(', ')}`,
  );
} finally {
  await bench.close();
}
