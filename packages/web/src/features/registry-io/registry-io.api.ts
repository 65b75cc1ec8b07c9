import { importResultSchema, importRowErrorSchema } from '@vuonxa/core';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client';
import type { ImportKind } from './csv-columns';

export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export interface RefusedImport {
  rows: ImportRowError[];
  /** How many problems the file has; the server lists at most a few thousand of them. */
  total: number;
}

/**
 * The bad rows of a refused import (`VALIDATION_FAILED` with `details.rows`, and `details.total` when the
 * list is cut), or null when the error is of another kind. Rows not of the agreed shape are dropped.
 */
export function refusedImport(error: unknown): RefusedImport | null {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return null;
  const details = error.details as { rows?: unknown; total?: unknown } | null | undefined;
  if (!Array.isArray(details?.rows)) return null;
  const rows = details.rows.flatMap((r) => {
    const parsed = importRowErrorSchema.safeParse(r);
    return parsed.success ? [parsed.data] : [];
  });
  const total = typeof details.total === 'number' && details.total > rows.length ? details.total : rows.length;
  return { rows, total };
}

/** Bulk import and export of the registry (`registry.import`). Nothing is imported when any row is bad. */
export const registryIoApi = {
  import: (kind: ImportKind, csv: string, dryRun: boolean) => api.post(`/api/registry/import/${kind}`, importResultSchema, { csv, dryRun }),
  export: (kind: ImportKind, provinceCode: string, signal?: AbortSignal) =>
    api.file(`/api/registry/export/${kind}`, { query: { provinceCode }, signal }),
};
