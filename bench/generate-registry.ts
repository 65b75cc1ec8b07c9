// `npm run generate:registry -- [--scale 1.0] [--seed 42] [--replace]`: fills a database with a synthetic national
// registry (see bench/README.md). DATABASE_URL, else the embedded PostgreSQL in DATA_DIR (./data/bench) on
// EMBEDDED_PG_PORT (54340).
import { parseArgs } from 'node:util';
import { numberOption } from './lib/args.js';
import { openBenchDb } from './lib/bench-db.js';
import { log, since } from './lib/log.js';
import { generateRegistry } from './registry/generate.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string' },
    seed: { type: 'string' },
    replace: { type: 'boolean', default: false },
    batch: { type: 'string' },
  },
});
const scale = numberOption(values.scale, 'scale', 1);
const seed = Math.floor(numberOption(values.seed, 'seed', 42));
const env = (k: string) => (process.env[k] ? process.env[k] : undefined);

const t0 = performance.now();
const bench = await openBenchDb({
  databaseUrl: env('DATABASE_URL'),
  dataDir: env('DATA_DIR') ?? './data/bench',
  port: Number(env('EMBEDDED_PG_PORT') ?? 54340),
});
log(`Database: ${bench.where} (ready in ${since(t0)})`);
try {
  const timings = await generateRegistry(bench.db, {
    scale,
    seed,
    replace: values.replace,
    batchSize: Math.floor(numberOption(values.batch, 'batch', 10_000)),
    log,
  });
  const rows = timings.reduce((n, t) => n + t.rows, 0);
  log(`Done: ${rows.toLocaleString('en-US')} rows in ${since(t0)}`);
} finally {
  await bench.close();
}
