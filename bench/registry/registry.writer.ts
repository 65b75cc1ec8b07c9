import type { Queryable } from '../../packages/server/src/db/db.js';
import { insertBatched, type Column } from '../lib/pg-insert.js';
import type { GenFacility } from './facilities.generator.js';
import type { GenLink } from './links.generator.js';
import type { GenMembership, GenPractitioner } from './practitioners.generator.js';
import type { GenShift } from './shifts.generator.js';
import type { GenSite } from './sites.generator.js';

const ELIGIBILITY_SCOPE = 'Hội chẩn từ xa; tư vấn khám bệnh, chữa bệnh từ xa (Thông tư 30/2023/TT-BYT)';

export const FACILITY_COLUMNS: Column<GenFacility>[] = [
  { name: 'id', type: 'uuid', value: (f) => f.id },
  { name: 'code', type: 'text', value: (f) => f.code },
  { name: 'name', type: 'text', value: (f) => f.name },
  { name: 'name_en', type: 'text', value: (f) => f.nameEn },
  { name: 'type', type: 'text', value: (f) => f.type },
  { name: 'technical_level', type: 'text', value: (f) => f.level },
  { name: 'technical_score', type: 'numeric', value: (f) => f.score },
  { name: 'country', type: 'text', value: (f) => f.country },
  { name: 'province_code', type: 'text', value: (f) => f.province?.code ?? null },
  { name: 'province_text', type: 'text', value: (f) => f.provinceText },
  { name: 'commune_code', type: 'text', value: (f) => f.commune?.code ?? null },
  { name: 'address', type: 'text', value: (f) => f.address },
  { name: 'latitude', type: 'float8', value: (f) => Math.round(f.lat * 1e5) / 1e5 },
  { name: 'longitude', type: 'float8', value: (f) => Math.round(f.lon * 1e5) / 1e5 },
  { name: 'specialties', type: 'text[]', value: (f) => f.specialties },
  { name: 'contact_phone', type: 'text', value: (f) => f.phone },
  { name: 'contact_email', type: 'text', value: (f) => f.email },
  { name: 'eligibility_declared_at', type: 'date', value: (f) => f.eligibilityAt },
  { name: 'eligibility_scope', type: 'text', value: (f) => (f.eligibilityAt ? ELIGIBILITY_SCOPE : null) },
];

export const SITE_COLUMNS: Column<GenSite>[] = [
  { name: 'id', type: 'uuid', value: (s) => s.id },
  { name: 'facility_id', type: 'uuid', value: (s) => s.facilityId },
  { name: 'name', type: 'text', value: (s) => s.name },
  { name: 'room', type: 'text', value: (s) => s.room },
  { name: 'equipment', type: 'text[]', value: (s) => s.equipment },
  { name: 'bandwidth_kbps', type: 'int', value: (s) => s.bandwidthKbps },
  { name: 'link_kind', type: 'text', value: (s) => s.linkKind },
  { name: 'status', type: 'text', value: (s) => s.status },
];

export const LINK_COLUMNS: Column<GenLink>[] = [
  { name: 'id', type: 'uuid', value: (l) => l.id },
  { name: 'hub_facility_id', type: 'uuid', value: (l) => l.hubId },
  { name: 'spoke_facility_id', type: 'uuid', value: (l) => l.spokeId },
  { name: 'specialties', type: 'text[]', value: (l) => l.specialties },
  { name: 'valid_from', type: 'date', value: (l) => l.validFrom },
  { name: 'valid_to', type: 'date', value: (l) => l.validTo },
];

export const PRACTITIONER_COLUMNS: Column<GenPractitioner>[] = [
  { name: 'id', type: 'uuid', value: (p) => p.id },
  { name: 'full_name', type: 'text', value: (p) => p.fullName },
  { name: 'licence_number', type: 'text', value: (p) => p.licence },
  { name: 'profession', type: 'text', value: (p) => p.profession },
  { name: 'scope_of_practice', type: 'text', value: (p) => p.scope },
  { name: 'specialties', type: 'text[]', value: (p) => p.specialties },
  { name: 'languages', type: 'text[]', value: (p) => p.languages },
  { name: 'email', type: 'text', value: (p) => p.email },
  { name: 'phone', type: 'text', value: (p) => p.phone },
  { name: 'availability', type: 'text', value: (p) => p.availability },
];

export const MEMBERSHIP_COLUMNS: Column<GenMembership>[] = [
  { name: 'practitioner_id', type: 'uuid', value: (m) => m.practitionerId },
  { name: 'facility_id', type: 'uuid', value: (m) => m.facilityId },
  { name: 'position', type: 'text', value: (m) => m.position },
];

export const SHIFT_COLUMNS: Column<GenShift>[] = [
  { name: 'id', type: 'uuid', value: (s) => s.id },
  { name: 'practitioner_id', type: 'uuid', value: (s) => s.practitionerId },
  { name: 'facility_id', type: 'uuid', value: (s) => s.facilityId },
  { name: 'specialty', type: 'text', value: (s) => s.specialty },
  { name: 'starts_at', type: 'timestamptz', value: (s) => s.startsAt },
  { name: 'ends_at', type: 'timestamptz', value: (s) => s.endsAt },
];

/** The registry tables, children first: the order to empty them in (and the reverse of the order to fill them). */
export const REGISTRY_TABLES = ['on_call_shift', 'practitioner_membership', 'practitioner', 'support_link', 'bridge_site', 'facility'];

/** Writes one table's rows in one transaction's worth of unnest batches. */
export async function writeTable<T>(q: Queryable, table: string, columns: Column<T>[], rows: readonly T[], batchSize: number) {
  // Losing the last commits in a crash costs nothing here (the data is regenerated), and saves a WAL flush a batch.
  await q.query('SET LOCAL synchronous_commit = off');
  await insertBatched(q, table, columns, rows, batchSize);
}
