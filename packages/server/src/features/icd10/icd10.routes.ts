import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { foldText, icd10EntrySchema, icd10QuerySchema, type Icd10Entry } from '@vuonxa/core';
import type { Db } from '../../db/db.js';

/** ICD-10 lookup for diagnosis fields: a code prefix ("E11") or words of the name, with or without diacritics. */
export function icd10Routes(deps: { db: Db }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/icd10',
      {
        config: { access: { kind: 'session', permission: 'reference.read' } },
        schema: {
          tags: ['reference'],
          summary: 'Search ICD-10 codes by code prefix or name',
          querystring: icd10QuerySchema,
          response: { 200: z.array(icd10EntrySchema) },
        },
      },
      async (req) => {
        const { q, limit } = req.query;
        const prefix = q.toUpperCase().replace(/[%_\\]/g, '');
        const { rows } = await deps.db.query<Icd10Entry>(
          `SELECT code, name_vi AS "nameVi", name_en AS "nameEn", chapter FROM icd10
            WHERE code LIKE $1 || '%' OR search_text LIKE '%' || $2 || '%'
            ORDER BY (code LIKE $1 || '%') DESC, code LIMIT $3`,
          [prefix, foldText(q).replace(/[%_\\]/g, '\\$&'), limit],
        );
        return rows;
      },
    );
  };
}
