import type { Db, Queryable } from '../../packages/server/src/db/db.js';

/** One statement of a traced request: its first words and how long it took from the client's side. */
export interface TracedStatement {
  sql: string;
  ms: number;
}

export interface CountingDb {
  db: Db;
  /** Statements sent so far (BEGIN and COMMIT included). */
  statements(): number;
  /** Records every statement from now on (one request at a time: the probes, not under load). */
  startTrace(): void;
  stopTrace(): TracedStatement[];
}

const short = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 90);

/**
 * The server's `Db` with a count of the statements sent, and an optional trace of their times, so the report can say
 * how many round trips a request of the app and of its baseline makes and which ones take the time.
 */
export function countingDb(db: Db): CountingDb {
  let n = 0;
  let trace: TracedStatement[] | null = null;
  const timed = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    n++;
    if (!trace) return run();
    const into = trace;
    const t0 = performance.now();
    return run().finally(() => into.push({ sql: short(sql), ms: Math.round((performance.now() - t0) * 100) / 100 }));
  };
  const counted = (q: Queryable): Queryable => ({ query: (sql, params) => timed(sql, () => q.query(sql, params)) });
  return {
    statements: () => n,
    startTrace: () => void (trace = []),
    stopTrace: () => {
      const out = trace ?? [];
      trace = null;
      return out;
    },
    db: {
      pool: db.pool,
      query: (sql, params) => timed(sql, () => db.query(sql, params)),
      tx: async (fn) => {
        n += 2;
        const t0 = performance.now();
        try {
          return await db.tx((q) => fn(counted(q)));
        } finally {
          trace?.push({ sql: 'BEGIN … COMMIT (whole transaction)', ms: Math.round((performance.now() - t0) * 100) / 100 });
        }
      },
      relaxed: { query: (sql, params) => timed(sql, () => db.relaxed.query(sql, params)) },
      close: () => db.close(),
    },
  };
}
