import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { icd10EntrySchema, icd10QuerySchema } from '@vuonxa/core';
import type { Db } from '../../db/db.js';
import { searchIcd10 } from './icd10.repo.js';

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
      async (req) => searchIcd10(deps.db, req.query.q, req.query.limit),
    );
  };
}
