import { PROVINCE_TABLE } from './directory-variants.js';

/** A candidate fix for a scenario: indexes (DDL), a query variant built from the same inputs, or a rewrite of its SQL. */
export interface Experiment {
  key: string;
  title: string;
  scenario: string;
  why: string;
  ddl?: string[];
  /** A variant the scenario knows how to build (ScenarioDef.variant). */
  variant?: string;
  /** A textual rewrite of the statements the scenario sends; must change something or the experiment is void. */
  rewrite?: (sql: string) => string;
  /** Whether rows must come back in the same order to count as the same result (false for unordered aggregates). */
  ordered?: boolean;
}

// The overview's per-province practitioner count as a hash aggregate over distinct (province, practitioner) pairs,
// instead of count(DISTINCT …), which sorts all 200k memberships (and spills to disk at the default work_mem).
const OVERVIEW_DISTINCT = (sql: string) =>
  sql.replace(
    /count\(DISTINCT pm\.practitioner_id\)::int AS n\s+FROM practitioner_membership pm JOIN facility f ON f\.id = pm\.facility_id WHERE f\.province_code IS NOT NULL GROUP BY 1/,
    `count(*)::int AS n FROM (SELECT DISTINCT f.province_code, pm.practitioner_id
       FROM practitioner_membership pm JOIN facility f ON f.id = pm.facility_id WHERE f.province_code IS NOT NULL) f GROUP BY 1`,
  );

export const EXPERIMENTS: Experiment[] = [
  {
    key: 'directory-page-first',
    title: 'Directory: find the page of ids first, then enrich 51 rows',
    scenario: 'directory',
    variant: 'page-first',
    why:
      'In the repo query the "on call now" EXISTS sits in the select list of the scan itself; the planner costs it for ' +
      'every row it might scan and turns it into a hashed subplan: a Seq Scan of all current shifts on every search.',
  },
  {
    key: 'directory-prefix-split',
    title: 'Directory: C-collation order index + trigram index on substr(search_text, 2), prefix/infix split',
    scenario: 'directory',
    variant: 'prefix-split',
    ddl: [
      'CREATE INDEX practitioner_order_c_idx ON practitioner ((search_text COLLATE "C"), id)',
      'CREATE INDEX practitioner_search_tail_trgm ON practitioner USING gin (substr(search_text, 2) gin_trgm_ops)',
      'ANALYZE practitioner',
    ],
    why:
      'search_text starts with the family name, so the matches of "Nguyễn", "Phạm", "Trần Thị" are one contiguous run ' +
      'of the (search_text, id) order: walking that index with a LIKE filter passes every name before the run (the ' +
      'planner assumes matches are spread evenly), and the trigram bitmap instead fetches and sorts every match ' +
      '(78k for nguyen). Matching "starts with q" as an index range (C collation, so LIKE \'q%\' becomes one) and ' +
      '"contains q later" on a trigram index of the rest makes both halves cheap and returns the same rows.',
  },
  {
    key: 'directory-province-column',
    title: 'Directory: prefix/infix split + a denormalised province_codes column (GIN) for the province filter',
    scenario: 'directory',
    variant: 'prefix-split-province',
    ddl: [
      // A copy of the table stands in for the migrated one (adding and back-filling the column in place would leave
      // 200k dead rows that only a VACUUM, impossible inside the experiment's transaction, would clear).
      `CREATE TABLE ${PROVINCE_TABLE} AS SELECT p.*, coalesce((SELECT array_agg(DISTINCT f.province_code ORDER BY f.province_code)
         FROM practitioner_membership pm JOIN facility f ON f.id = pm.facility_id
        WHERE pm.practitioner_id = p.id AND f.province_code IS NOT NULL), '{}') AS province_codes FROM practitioner p`,
      `ALTER TABLE ${PROVINCE_TABLE} ADD PRIMARY KEY (id)`,
      `CREATE INDEX ON ${PROVINCE_TABLE} ((search_text COLLATE "C"), id)`,
      `CREATE INDEX ON ${PROVINCE_TABLE} USING gin (substr(search_text, 2) gin_trgm_ops)`,
      `CREATE INDEX ON ${PROVINCE_TABLE} USING gin (specialties)`,
      `CREATE INDEX ON ${PROVINCE_TABLE} USING gin (province_codes)`,
      `ANALYZE ${PROVINCE_TABLE}`,
    ],
    why:
      'With a province filter the planner still walks the name order and probes memberships → facility for every ' +
      'row (an EXISTS it cannot estimate), until 51 rows of that province turn up: for "Trang" in one province that ' +
      'is most of the index. A province_codes array on practitioner (kept by the service when memberships change) ' +
      'lets it intersect the province and the name indexes (BitmapAnd) and sort the few rows left.',
  },
  {
    key: 'overview-hash-distinct',
    title: 'Overview: practitioners per province by hashed DISTINCT instead of count(DISTINCT)',
    scenario: 'network-overview',
    rewrite: OVERVIEW_DISTINCT,
    ordered: false,
    why:
      'count(DISTINCT practitioner_id) GROUP BY province sorts all memberships (external merge at work_mem 4MB); ' +
      'a DISTINCT subquery is hashed. Statements sent one after the other on one connection, before and after.',
  },
];
