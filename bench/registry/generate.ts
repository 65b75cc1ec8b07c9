import type { Db } from '../../packages/server/src/db/db.js';
import type { Column } from '../lib/pg-insert.js';
import { createRng } from '../lib/prng.js';
import { generateFacilities, TARGET } from './facilities.generator.js';
import { loadGeography } from './geo.js';
import { generateLinks } from './links.generator.js';
import { generatePractitioners } from './practitioners.generator.js';
import {
  FACILITY_COLUMNS,
  LINK_COLUMNS,
  MEMBERSHIP_COLUMNS,
  PRACTITIONER_COLUMNS,
  REGISTRY_TABLES,
  SHIFT_COLUMNS,
  SITE_COLUMNS,
  writeTable,
} from './registry.writer.js';
import { generateShifts } from './shifts.generator.js';
import { generateSites } from './sites.generator.js';

export interface GenerateOptions {
  scale: number;
  seed: number;
  /** Empty the registry tables first (refused when the database has user accounts: not a bench database). */
  replace?: boolean;
  batchSize?: number;
  log: (line: string) => void;
}

export interface TableTiming {
  table: string;
  rows: number;
  generateMs: number;
  insertMs: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function prepare(db: Db, replace: boolean) {
  const { rows } = await db.query<{ facilities: number; users: number }>(
    'SELECT (SELECT count(*) FROM facility)::int AS facilities, (SELECT count(*) FROM app_user)::int AS users',
  );
  const { facilities = 0, users = 0 } = rows[0] ?? {};
  if (facilities === 0) return;
  if (!replace) throw new Error(`the database already has ${facilities} facilities; pass --replace to regenerate`);
  if (users > 0) throw new Error(`the database has ${users} user accounts: refusing to empty the registry of what is not a bench database`);
  await db.query(`TRUNCATE ${REGISTRY_TABLES.join(', ')} CASCADE`);
}

/**
 * Fills the registry with a synthetic national network at `scale` (1 = 14,000 facilities, 20,000 bridge sites,
 * 200,000 practitioners), reproducibly for a seed. Each table is written in one transaction of unnest batches;
 * the tables are vacuumed and analysed at the end, as autovacuum would have done on a live database.
 */
export async function generateRegistry(db: Db, opts: GenerateOptions): Promise<TableTiming[]> {
  const batch = opts.batchSize ?? 10_000;
  await prepare(db, opts.replace ?? false);
  const timings: TableTiming[] = [];
  const step = async <T>(table: string, columns: Column<T>[], make: () => T[] | Promise<T[]>, madeBeforeMs = 0): Promise<T[]> => {
    const t0 = performance.now() - madeBeforeMs;
    const rows = await make();
    const t1 = performance.now();
    await db.tx((q) => writeTable(q, table, columns, rows, batch));
    const t2 = performance.now();
    timings.push({ table, rows: rows.length, generateMs: t1 - t0, insertMs: t2 - t1 });
    opts.log(
      `  ${table.padEnd(24)} ${fmt(rows.length).padStart(9)} rows  generated ${(t1 - t0).toFixed(0)} ms, written ${((t2 - t1) / 1000).toFixed(1)} s`,
    );
    return rows;
  };

  const geoRng = createRng(opts.seed, 'geo');
  // Each commune sits at a fixed offset from its province centre; facilities cluster around it (≤ 0.6° in all).
  const provinces = await loadGeography(db, () => [geoRng.float(-0.55, 0.55), geoRng.float(-0.55, 0.55)]);
  opts.log(`Generating the registry at scale ${opts.scale} (seed ${opts.seed}) over ${provinces.length} provinces`);
  const facilities = await step('facility', FACILITY_COLUMNS, () =>
    generateFacilities(createRng(opts.seed, 'facilities'), provinces, opts.scale),
  );
  await step('bridge_site', SITE_COLUMNS, () =>
    generateSites(createRng(opts.seed, 'sites'), facilities, Math.round(TARGET.sites * opts.scale)),
  );
  await step('support_link', LINK_COLUMNS, () => generateLinks(createRng(opts.seed, 'links'), facilities));
  const t0 = performance.now();
  const staff = generatePractitioners(createRng(opts.seed, 'practitioners'), facilities, Math.round(TARGET.practitioners * opts.scale));
  const staffMs = performance.now() - t0;
  // Practitioners and memberships are generated together; the time is counted once, on practitioner.
  await step('practitioner', PRACTITIONER_COLUMNS, () => staff.practitioners, staffMs);
  await step('practitioner_membership', MEMBERSHIP_COLUMNS, () => staff.memberships);
  // Shifts are placed around the hour of the run, so "on call now" finds them whenever the bench runs next.
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  await step('on_call_shift', SHIFT_COLUMNS, () => generateShifts(createRng(opts.seed, 'shifts'), facilities, staff, now));

  const t3 = performance.now();
  await db.query(`VACUUM (ANALYZE) ${REGISTRY_TABLES.join(', ')}, province, commune`);
  timings.push({ table: '(vacuum analyze)', rows: 0, generateMs: 0, insertMs: performance.now() - t3 });
  opts.log(`  vacuum + analyze                            ${((performance.now() - t3) / 1000).toFixed(1)} s`);
  return timings;
}
