import type pg from 'pg';
import type { Queryable } from '../../packages/server/src/db/db.js';
import { facilitiesRepo } from '../../packages/server/src/features/facilities/facilities.repo.js';
import { networkOverview } from '../../packages/server/src/features/network/network.repo.js';
import { practitionersRepo } from '../../packages/server/src/features/practitioners/practitioners.repo.js';
import { supportLinksRepo } from '../../packages/server/src/features/support-links/support-links.repo.js';
import { createRng } from '../lib/prng.js';
import { directoryInputs, facilityInputs, hubInputs, withNextPages, type Pools } from './inputs.js';
import type { Case, Statement } from './measure.js';

export interface ScenarioDef {
  key: string;
  title: string;
  /** The server function measured. */
  source: string;
  cases: Case[];
  warmup: Case[];
  /** The same inputs sent as another query (an experiment's rewrite), or undefined when it has no such variant. */
  variant?: (name: string) => { cases: Statement[][]; warmup: Statement[][] } | undefined;
}

/**
 * Records the statements a server function sends, without a database: every query answers "no rows". A function
 * that then trips over the missing rows has still sent what we need.
 */
async function record(fn: (q: Queryable) => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const q: Queryable = {
    query: async <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => {
      seen.push({ sql, params: params ?? [] });
      return { rows: [] as R[], rowCount: 0, command: 'SELECT', oid: 0, fields: [] };
    },
  };
  await fn(q).catch(() => undefined);
  if (seen.length === 0) throw new Error('the function sent no query');
  return seen;
}

async function toCases<I>(inputs: I[], call: (q: Queryable, i: I) => Promise<unknown>): Promise<Case[]> {
  return Promise.all(
    inputs.map(async (i) => ({ label: JSON.stringify(i), run: (q: Queryable) => call(q, i), statements: await record((q) => call(q, i)) })),
  );
}

/** The baseline: one practitioner by primary key. */
const PK_SQL = 'SELECT id, full_name, licence_number, profession, specialties, languages, availability FROM practitioner WHERE id = $1';

/**
 * The scenarios of the registry bench, measured through the server's own repository functions (so the bench
 * follows their SQL as it changes), each with `n` inputs and a separate warm-up set, all drawn from seeded streams:
 * two runs on the same data send the same queries.
 */
export async function buildScenarios(q: Queryable, pools: Pools, seed: number, n: number, warm: number) {
  const rng = (name: string) => createRng(seed, name);
  const dir = (db: Queryable, i: Parameters<typeof practitionersRepo.search>[1]) => practitionersRepo.search(db, i);
  const fac = (db: Queryable, i: Parameters<typeof facilitiesRepo.list>[1]) => facilitiesRepo.list(db, i);
  const hub = (db: Queryable, i: ReturnType<typeof hubInputs>[number]) => supportLinksRepo.hubsFor(db, i.spokeId, i.specialty);
  const overview = (db: Queryable) => networkOverview(db);

  const dirInputs = await withNextPages(q, rng('dir-pages'), directoryInputs(rng('dir'), pools, n), dir);
  const dirWarm = directoryInputs(rng('dir-warm'), pools, warm);
  const scenarios: ScenarioDef[] = [
    {
      key: 'directory',
      title: '(a) Practitioner directory: name/licence + specialty/province/language, keyset page of 50',
      source: 'practitionersRepo.search',
      cases: await toCases(dirInputs, dir),
      warmup: await toCases(dirWarm, dir),
    },
    {
      key: 'hubs',
      title: '(b) Hubs for a spoke and a specialty, nearest first, with on-call counts',
      source: 'supportLinksRepo.hubsFor',
      cases: await toCases(hubInputs(rng('hubs'), pools, n), hub),
      warmup: await toCases(hubInputs(rng('hubs-warm'), pools, warm), hub),
    },
    {
      key: 'facility-search',
      title: '(c) Facility search: name/code + province/type, keyset page of 50 by code',
      source: 'facilitiesRepo.list',
      cases: await toCases(await withNextPages(q, rng('fac-pages'), facilityInputs(rng('fac'), pools, n), fac), fac),
      warmup: await toCases(facilityInputs(rng('fac-warm'), pools, warm), fac),
    },
    {
      key: 'network-overview',
      title: '(d) Network overview: per province facilities by type, sites, practitioners, communes with a site',
      source: 'networkOverview (7 statements)',
      cases: await toCases(
        Array.from({ length: Math.max(20, Math.round(n / 5)) }, () => null),
        overview,
      ),
      warmup: await toCases([null, null, null], overview),
    },
  ];
  const ids = rng('pk').shuffle([...pools.practitionerIds]);
  const pk = (id: string): Case => ({ label: id, run: (db) => db.query(PK_SQL, [id]), statements: [{ sql: PK_SQL, params: [id] }] });
  const baseline = {
    cases: Array.from({ length: Math.max(n, 500) }, (_, k) => pk(ids[k % ids.length]!)),
    warmup: Array.from({ length: warm }, (_, k) => pk(ids[(k * 7) % ids.length]!)),
  };
  return { scenarios, baseline };
}
