import { Readable } from 'node:stream';
import type { Db } from '../../db/db.js';
import { assertCan, type AuthContext, type RequestMeta } from '../../http/context.js';
import { csvLine } from '../../lib/csv.js';
import type { AuditService } from '../audit/audit.service.js';
import { FACILITY_SPEC, PRACTITIONER_SPEC, SITE_SPEC } from './import.columns.js';
import type { ImportKind } from './import.service.js';

const PAGE = 5000;

// Each query selects the kind's CSV columns in order, plus `k` (the keyset) — pages of PAGE after `$1`.
const QUERIES: Record<ImportKind, { columns: readonly string[]; sql: string }> = {
  facilities: {
    columns: FACILITY_SPEC.columns,
    sql: `SELECT code AS k, code, name, name_en, name_lo, name_km, type, technical_level, technical_score, country, province_code,
            province_text, commune_code, address, latitude, longitude, array_to_string(specialties, ';') AS specialties, contact_phone,
            contact_email, eligibility_declared_at::text, eligibility_scope, active
          FROM facility WHERE code > $1 AND ($2::text IS NULL OR province_code = $2) ORDER BY code LIMIT ${PAGE}`,
  },
  sites: {
    columns: SITE_SPEC.columns,
    sql: `SELECT f.code || chr(1) || s.name AS k, f.code AS facility_code, s.name, s.room, array_to_string(s.equipment, ';') AS equipment,
            s.bandwidth_kbps, s.link_kind, s.status
          FROM bridge_site s JOIN facility f ON f.id = s.facility_id
         WHERE f.code || chr(1) || s.name > $1 AND ($2::text IS NULL OR f.province_code = $2) ORDER BY 1 LIMIT ${PAGE}`,
  },
  practitioners: {
    columns: PRACTITIONER_SPEC.columns,
    sql: `SELECT p.licence_number || chr(1) || f.code AS k, p.licence_number, p.full_name, p.profession, p.scope_of_practice,
            array_to_string(p.specialties, ';') AS specialties, array_to_string(p.languages, ';') AS languages, p.email, p.phone,
            p.availability, f.code AS facility_code, m.position
          FROM practitioner_membership m JOIN practitioner p ON p.id = m.practitioner_id JOIN facility f ON f.id = m.facility_id
         WHERE p.licence_number || chr(1) || f.code > $1 AND ($2::text IS NULL OR f.province_code = $2) ORDER BY 1 LIMIT ${PAGE}`,
  },
};

/**
 * Exports a kind in the import's CSV format, streamed page by page (keyset) so 200,000 practitioners never sit in
 * memory. UTF-8 with a byte-order mark so spreadsheet programs show Vietnamese correctly.
 */
export function createExportService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;
  return {
    async stream(auth: AuthContext, kind: ImportKind, provinceCode: string | undefined, m: RequestMeta): Promise<Readable> {
      assertCan(auth.principal, 'registry.import');
      await audit.record(m, {
        action: 'registry.export',
        outcome: 'success',
        entityType: kind,
        details: { provinceCode: provinceCode ?? null },
      });
      const { columns, sql } = QUERIES[kind];
      async function* lines(): AsyncGenerator<string> {
        yield '\uFEFF' + csvLine(columns);
        let after = '';
        for (;;) {
          const { rows } = await db.query<Record<string, string | number | boolean | null>>(sql, [after, provinceCode ?? null]);
          if (!rows.length) return;
          yield rows.map((r) => csvLine(columns.map((c) => r[c]))).join('');
          after = String(rows[rows.length - 1]!.k);
          if (rows.length < PAGE) return;
        }
      }
      return Readable.from(lines());
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
