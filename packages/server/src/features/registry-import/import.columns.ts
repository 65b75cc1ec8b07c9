import { facilityInputSchema, practitionerInputSchema, siteInputSchema, type ImportRowError } from '@vuonxa/core';
import type { z } from 'zod';
import { FACILITY_COLUMNS } from '../facilities/facilities.repo.js';

/**
 * The CSV shape of each kind, shared by import and export: columns in order, how a row becomes the API input
 * (validated by the same zod schema as the API), and which column an issue path points at.
 */
export interface KindSpec<S extends z.ZodType> {
  columns: readonly string[];
  required: readonly string[];
  schema: S;
  toInput: (v: Record<string, string | undefined>) => unknown;
  column: (path: readonly PropertyKey[]) => string;
  /** The column whose value must be unique within one file. */
  key: (v: Record<string, string | undefined>) => string;
  keyColumn: string;
}

const list = (s: string | undefined) =>
  s
    ? s
        .split(';')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;
const num = (s: string | undefined) => (s === undefined ? undefined : Number(s.replace(',', '.')));
const bool = (s: string | undefined) =>
  s === undefined ? undefined : /^(1|true|yes|có|x)$/i.test(s) ? true : /^(0|false|no|không)$/i.test(s) ? false : s;
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export const FACILITY_SPEC: KindSpec<typeof facilityInputSchema> = {
  // The CSV columns are the table's own (facilities.repo.ts).
  columns: FACILITY_COLUMNS,
  required: ['code', 'name', 'type'],
  schema: facilityInputSchema,
  toInput: (v) => ({
    code: v.code,
    name: v.name,
    nameEn: v.name_en,
    nameLo: v.name_lo,
    nameKm: v.name_km,
    type: v.type,
    technicalLevel: v.technical_level,
    technicalScore: num(v.technical_score),
    country: v.country,
    provinceCode: v.province_code,
    provinceText: v.province_text,
    communeCode: v.commune_code,
    address: v.address,
    latitude: num(v.latitude),
    longitude: num(v.longitude),
    specialties: list(v.specialties),
    contactPhone: v.contact_phone,
    contactEmail: v.contact_email,
    eligibility:
      v.eligibility_declared_at || v.eligibility_scope ? { declaredAt: v.eligibility_declared_at, scope: v.eligibility_scope } : undefined,
    active: bool(v.active),
  }),
  column: (p) =>
    p[0] === 'eligibility' ? (p[1] === 'scope' ? 'eligibility_scope' : 'eligibility_declared_at') : snake(String(p[0] ?? 'row')),
  key: (v) => (v.code ?? '').toUpperCase(),
  keyColumn: 'code',
};

export const SITE_SPEC: KindSpec<typeof siteInputSchema> = {
  columns: ['facility_code', 'name', 'room', 'equipment', 'bandwidth_kbps', 'link_kind', 'status'],
  required: ['facility_code', 'name', 'link_kind'],
  schema: siteInputSchema,
  toInput: (v) => ({
    name: v.name,
    room: v.room,
    equipment: list(v.equipment),
    bandwidthKbps: num(v.bandwidth_kbps),
    linkKind: v.link_kind,
    status: v.status,
  }),
  column: (p) => snake(String(p[0] ?? 'row')),
  key: (v) => `${(v.facility_code ?? '').toUpperCase()}\u0000${v.name ?? ''}`,
  keyColumn: 'name',
};

// A placeholder id lets the schema check everything else; the facility code is resolved against the database.
export const PENDING_FACILITY = '00000000-0000-4000-8000-000000000000';

export const PRACTITIONER_SPEC: KindSpec<typeof practitionerInputSchema> = {
  columns: [
    'licence_number',
    'full_name',
    'profession',
    'scope_of_practice',
    'specialties',
    'languages',
    'email',
    'phone',
    'availability',
    'facility_code',
    'position',
  ],
  required: ['licence_number', 'full_name', 'profession', 'scope_of_practice', 'facility_code', 'position'],
  schema: practitionerInputSchema,
  toInput: (v) => ({
    licenceNumber: v.licence_number,
    fullName: v.full_name,
    profession: v.profession,
    scopeOfPractice: v.scope_of_practice,
    specialties: list(v.specialties),
    languages: list(v.languages),
    email: v.email,
    phone: v.phone,
    availability: v.availability,
    memberships: [{ facilityId: PENDING_FACILITY, position: v.position ?? '' }],
  }),
  column: (p) => (p[0] === 'memberships' ? (p[2] === 'position' ? 'position' : 'facility_code') : snake(String(p[0] ?? 'row'))),
  key: (v) => (v.licence_number ?? '').toUpperCase(),
  keyColumn: 'licence_number',
};

/** Turns a zod failure into one row error per issue, named by CSV column. */
export function rowErrors(
  line: number,
  issues: readonly z.core.$ZodIssue[],
  column: (p: readonly PropertyKey[]) => string,
): ImportRowError[] {
  return issues.map((i) => ({ line, field: column(i.path), message: i.message }));
}
