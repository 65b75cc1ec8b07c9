import pg from 'pg';

// Return timestamps and bigints as strings: no silent precision or time-zone loss (we format at the edge).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

/** Anything that runs a parameterised query: the pool or a transaction's client. */
export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** The one way to talk to PostgreSQL: a pool, plain queries, and `tx` for anything that writes more than once. */
export interface Db {
  pool: pg.Pool;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  /**
   * Runs `fn` in one transaction: commits when it resolves, rolls back when it throws, so a failed request
   * leaves nothing half-written.
   *
   * @example
   * await db.tx(async (q) => { await q.query('insert …'); await q.query('insert …'); });
   */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * For single-statement writes whose row may be lost in a crash of PostgreSQL itself (not of the app) without
   * harm to what it records: the audit rows of reads and refusals, live chat lines. They commit without waiting
   * for the WAL to reach the disk (`synchronous_commit = off`; PostgreSQL flushes within 3 × wal_writer_delay,
   * 600 ms by default), which takes the disk's flush, 0.5–8 ms on these machines, out of every read's answer
   * (issue 7, B2/B4/B5). A write's own audit row goes in its transaction, as durable as the write. `strict` (the
   * `AUDIT_SYNC_COMMIT` setting) makes these waits too.
   */
  relaxed: Queryable;
  close(): Promise<void>;
}

// SQL text → statement name, for the statements marked with `prepared`.
const names = new Map<string, string>();

/**
 * Marks `sql` as a statement of a hot path (run on every request of a frequent route): it is then sent as a named
 * statement, which each connection of the pool parses once and PostgreSQL plans once (a generic plan once five
 * custom ones have shown it is as good), instead of parsing and planning it on every call. Planning is most of what
 * our join-heavy lookups cost the database: the session lookup 325 → 50 µs of PostgreSQL CPU, a request with the
 * caller's part in it 795 → 85 µs (issue 7, B2 and B3). For constant texts only (module-level constants): every
 * distinct text becomes a statement on every connection.
 *
 * @example
 * const BY_ID = prepared('SELECT … FROM facility WHERE id = $1');
 * await q.query(BY_ID, [id]);
 */
export function prepared(sql: string): string {
  if (!names.has(sql)) names.set(sql, `vx_${names.size + 1}`);
  return sql;
}

/** Runs `sql` on `q` (the pool or a client), as a named statement when it was marked with `prepared`. */
function run<R extends pg.QueryResultRow>(q: pg.Pool | pg.PoolClient, sql: string, params: unknown[] | undefined) {
  const name = names.get(sql);
  return name ? q.query<R>({ name, text: sql, values: params ?? [] }) : q.query<R>(sql, params);
}

export function createDb(connectionString: string, opts: { max?: number; strict?: boolean } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: opts.max ?? 10,
    application_name: 'vuonxa',
    // pg's default closes a connection after 10 s idle: the next burst then waits for new backends (authentication,
    // cold caches, every prepared statement parsed and planned again) and its first requests take tens of ms (issue
    // 7, B2: p99 63 ms after 12 s idle, 7 ms warm). Connections are kept through ordinary lulls.
    idleTimeoutMillis: 300_000,
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // A few connections of their own with the commit setting, opened on first use (command-line tools never do).
  let relaxedPool: pg.Pool | null = null;
  const relaxed = (): pg.Pool => {
    if (!relaxedPool) {
      relaxedPool = new pg.Pool({
        connectionString,
        max: 3,
        application_name: 'vuonxa-relaxed',
        options: '-c synchronous_commit=off',
        idleTimeoutMillis: 300_000,
      });
      relaxedPool.on('error', () => undefined);
    }
    return relaxedPool;
  };
  return {
    pool,
    query: (sql, params) => run(pool, sql, params),
    relaxed: opts.strict ? { query: (sql, params) => run(pool, sql, params) } : { query: (sql, params) => run(relaxed(), sql, params) },
    async tx(fn) {
      const client = await pool.connect();
      const q: Queryable = { query: (sql, params) => run(client, sql, params) };
      try {
        await client.query('BEGIN');
        const result = await fn(q);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await pool.end();
      await relaxedPool?.end();
    },
  };
}
