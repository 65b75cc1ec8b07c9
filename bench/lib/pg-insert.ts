import type { Queryable } from '../../packages/server/src/db/db.js';

/**
 * One column of a batched insert: its name, the PostgreSQL type of its values and how to read a value from a row.
 * Array-typed columns (`text[]`) travel as array literals in a `text[]` parameter, because `unnest` of a
 * two-dimensional array would flatten ragged rows.
 */
export interface Column<T> {
  name: string;
  type: 'uuid' | 'text' | 'int' | 'float8' | 'numeric' | 'date' | 'timestamptz' | 'bool' | 'text[]';
  value: (row: T) => unknown;
}

function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Inserts `rows` in batches of `batchSize` as `INSERT … SELECT … FROM unnest($1::uuid[], $2::text[], …)`: one
 * round trip and one plan per batch instead of one per row. Run it inside a transaction.
 *
 * @example
 * await insertBatched(q, 'facility', [{ name: 'code', type: 'text', value: (f) => f.code }], facilities);
 */
export async function insertBatched<T>(q: Queryable, table: string, columns: readonly Column<T>[], rows: readonly T[], batchSize = 10_000) {
  const paramType = (c: Column<T>) => (c.type === 'text[]' ? 'text[]' : `${c.type}[]`);
  const select = columns.map((c, i) => (c.type === 'text[]' ? `c${i}::text[]` : `c${i}`)).join(', ');
  const sql =
    `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) SELECT ${select} ` +
    `FROM unnest(${columns.map((c, i) => `$${i + 1}::${paramType(c)}`).join(', ')}) AS t(${columns.map((_, i) => `c${i}`).join(', ')})`;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const params = columns.map((c) =>
      batch.map((r) => {
        const v = c.value(r);
        return c.type === 'text[]' && Array.isArray(v) ? arrayLiteral(v as string[]) : v;
      }),
    );
    await q.query(sql, params);
  }
}
