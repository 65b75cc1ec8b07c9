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
  close(): Promise<void>;
}

export function createDb(connectionString: string, opts: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 10, application_name: 'vuonxa' });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    pool,
    query: (sql, params) => pool.query(sql, params),
    async tx(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
