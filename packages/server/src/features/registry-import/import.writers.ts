import type { FacilityInput, PractitionerInput, SiteInput } from '@vuonxa/core';
import type { Queryable } from '../../db/db.js';
import { FACILITY_COLUMNS, facilityValues } from '../facilities/facilities.repo.js';

const BATCH = 5000;
export interface WriteCounts {
  created: number;
  updated: number;
}

/** Runs `sql` (which reads `$1::jsonb` as a recordset and returns `inserted boolean`) over the rows in batches. */
async function upsert(q: Queryable, rows: object[], sql: string): Promise<WriteCounts> {
  let created = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const { rows: out } = await q.query<{ inserted: boolean }>(sql, [JSON.stringify(rows.slice(i, i + BATCH))]);
    for (const r of out) {
      if (r.inserted) created++;
      else updated++;
    }
  }
  return { created, updated };
}

/** Facilities by code. `xmax = 0` tells a freshly inserted row from one the ON CONFLICT branch updated. */
export function writeFacilities(q: Queryable, items: FacilityInput[]): Promise<WriteCounts> {
  // The same column order and values as a single facility write (facilities.repo.ts).
  const rows = items.map((f) => {
    const values = facilityValues(f);
    return Object.fromEntries(FACILITY_COLUMNS.map((c, i) => [c, values[i]]));
  });
  const cols: readonly string[] = FACILITY_COLUMNS;
  const types: Record<string, string> = {
    technical_score: 'numeric',
    latitude: 'float8',
    longitude: 'float8',
    specialties: 'text[]',
    eligibility_declared_at: 'date',
    active: 'boolean',
  };
  return upsert(
    q,
    rows,
    `INSERT INTO facility (${cols.join(', ')})
     SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS t(${cols.map((c) => `${c} ${types[c] ?? 'text'}`).join(', ')})
     ON CONFLICT (code) DO UPDATE SET ${cols
       .filter((c) => c !== 'code')
       .map((c) => `${c} = excluded.${c}`)
       .join(', ')}, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
  );
}

/** Bridge sites by (facility, name). */
export function writeSites(q: Queryable, items: { facilityId: string; site: SiteInput }[]): Promise<WriteCounts> {
  const rows = items.map(({ facilityId, site: s }) => ({
    facility_id: facilityId,
    name: s.name,
    room: s.room ?? null,
    equipment: s.equipment,
    bandwidth_kbps: s.bandwidthKbps ?? null,
    link_kind: s.linkKind,
    status: s.status,
  }));
  return upsert(
    q,
    rows,
    `INSERT INTO bridge_site (facility_id, name, room, equipment, bandwidth_kbps, link_kind, status)
     SELECT facility_id, name, room, equipment, bandwidth_kbps, link_kind, status
       FROM jsonb_to_recordset($1::jsonb) AS t(facility_id uuid, name text, room text, equipment text[], bandwidth_kbps int, link_kind text, status text)
     ON CONFLICT (facility_id, name) DO UPDATE SET room = excluded.room, equipment = excluded.equipment,
       bandwidth_kbps = excluded.bandwidth_kbps, link_kind = excluded.link_kind, status = excluded.status, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
  );
}

/** Practitioners by licence number, each with the membership of its row (other memberships are kept). */
export async function writePractitioners(q: Queryable, items: { facilityId: string; p: PractitionerInput }[]): Promise<WriteCounts> {
  const rows = items.map(({ facilityId, p }) => ({
    full_name: p.fullName,
    licence_number: p.licenceNumber,
    profession: p.profession,
    scope_of_practice: p.scopeOfPractice,
    specialties: p.specialties,
    languages: p.languages,
    email: p.email ?? null,
    phone: p.phone ?? null,
    availability: p.availability,
    facility_id: facilityId,
    position: p.memberships[0]?.position ?? '',
  }));
  const counts = await upsert(
    q,
    rows,
    `INSERT INTO practitioner (full_name, licence_number, profession, scope_of_practice, specialties, languages, email, phone, availability)
     SELECT full_name, licence_number, profession, scope_of_practice, specialties, languages, email, phone, availability
       FROM jsonb_to_recordset($1::jsonb) AS t(full_name text, licence_number text, profession text, scope_of_practice text,
            specialties text[], languages text[], email text, phone text, availability text)
     ON CONFLICT (licence_number) DO UPDATE SET full_name = excluded.full_name, profession = excluded.profession,
       scope_of_practice = excluded.scope_of_practice, specialties = excluded.specialties, languages = excluded.languages,
       email = excluded.email, phone = excluded.phone, availability = excluded.availability, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
  );
  for (let i = 0; i < rows.length; i += BATCH) {
    await q.query(
      `INSERT INTO practitioner_membership (practitioner_id, facility_id, position)
       SELECT p.id, t.facility_id, t.position FROM jsonb_to_recordset($1::jsonb) AS t(licence_number text, facility_id uuid, position text)
         JOIN practitioner p ON p.licence_number = t.licence_number
       ON CONFLICT (practitioner_id, facility_id) DO UPDATE SET position = excluded.position`,
      [
        JSON.stringify(
          rows.slice(i, i + BATCH).map((r) => ({ licence_number: r.licence_number, facility_id: r.facility_id, position: r.position })),
        ),
      ],
    );
  }
  return counts;
}
