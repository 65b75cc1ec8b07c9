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

// Adopted experiments leave this list with the migration that made them the repo's SQL: the directory's prefix/infix
// split on a C-collation index and the province_codes column went into migration 0009 (issue 7); the overview's
// hashed DISTINCT into networkOverview; "page of ids first" was measured slower than the repo's enrichment in one
// statement once those were in. A new candidate goes here (DDL, a `rewrite` of the SQL, or a scenario `variant`).
export const EXPERIMENTS: Experiment[] = [];
