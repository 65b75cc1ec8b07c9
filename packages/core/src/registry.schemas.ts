import { z } from 'zod';
import { limitSchema, phoneSchema } from './common.schemas.js';
import { countrySchema, facilitySummarySchema, facilityTypeSchema, technicalLevelSchema } from './facility.schemas.js';
import { SPECIALTY_CODES } from './specialties.js';

export const specialtySchema = z.enum(SPECIALTY_CODES);
/** A set of specialty codes (duplicates dropped). */
export const specialtiesSchema = z
  .array(specialtySchema)
  .max(40)
  .transform((a) => [...new Set(a)]);
const isoDate = z.iso.date();

// ── facilities ──────────────────────────────────────────────────────────────────────────────────────────
/** Telehealth eligibility declaration a facility files before offering remote care (Circular 30/2023). */
export const eligibilitySchema = z.object({ declaredAt: isoDate, scope: z.string().trim().min(3).max(2000) });

export const facilityInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'letters, digits and dashes (2–40)'),
    name: z.string().trim().min(3).max(200),
    nameEn: z.string().trim().max(200).nullish(),
    nameLo: z.string().trim().max(200).nullish(),
    nameKm: z.string().trim().max(200).nullish(),
    type: facilityTypeSchema,
    technicalLevel: technicalLevelSchema.nullish(),
    technicalScore: z.number().min(0).max(100).nullish(),
    country: countrySchema.default('VN'),
    provinceCode: z
      .string()
      .regex(/^\d{2}$/, 'two digits')
      .nullish(),
    provinceText: z.string().trim().max(120).nullish(),
    communeCode: z
      .string()
      .regex(/^\d{5}$/, 'five digits')
      .nullish(),
    address: z.string().trim().max(300).nullish(),
    latitude: z.number().min(-90).max(90).nullish(),
    longitude: z.number().min(-180).max(180).nullish(),
    specialties: specialtiesSchema.default([]),
    contactPhone: phoneSchema.nullish(),
    contactEmail: z.string().trim().toLowerCase().pipe(z.email()).nullish(),
    eligibility: eligibilitySchema.nullish(),
    active: z.boolean().default(true),
  })
  .superRefine((f, ctx) => {
    if (f.country === 'VN' && !f.provinceCode)
      ctx.addIssue({ code: 'custom', path: ['provinceCode'], message: 'required for a facility in Viet Nam' });
    if (f.country !== 'VN' && f.provinceCode)
      ctx.addIssue({ code: 'custom', path: ['provinceCode'], message: 'only for Viet Nam; use provinceText' });
    if ((f.latitude == null) !== (f.longitude == null))
      ctx.addIssue({ code: 'custom', path: ['longitude'], message: 'give both latitude and longitude' });
  });
export type FacilityInput = z.infer<typeof facilityInputSchema>;

export const facilityDetailSchema = facilitySummarySchema.extend({
  nameLo: z.string().nullable(),
  nameKm: z.string().nullable(),
  technicalScore: z.number().nullable(),
  provinceText: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  specialties: z.array(specialtySchema),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  eligibility: eligibilitySchema.nullable(),
  active: z.boolean(),
  siteCount: z.number(),
  practitionerCount: z.number(),
});
export type FacilityDetail = z.infer<typeof facilityDetailSchema>;

export const facilityListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'two digits')
    .optional(),
  country: countrySchema.optional(),
  type: facilityTypeSchema.optional(),
  technicalLevel: technicalLevelSchema.optional(),
  specialty: specialtySchema.optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: limitSchema,
});
export type FacilityListQuery = z.infer<typeof facilityListQuerySchema>;

// ── bridge sites (điểm cầu) ─────────────────────────────────────────────────────────────────────────────
export const EQUIPMENT = [
  'camera',
  'microphone',
  'speaker',
  'display',
  'ultrasound',
  'ecg',
  'dermatoscope',
  'otoscope',
  'document_camera',
  'vital_signs_monitor',
  'digital_xray',
  'microscope_camera',
] as const;
export const LINK_KINDS = ['fibre', 'adsl', '4g', '5g', 'satellite', 'microwave', 'other'] as const;
export const SITE_STATUSES = ['active', 'maintenance', 'inactive'] as const;

export const siteInputSchema = z.object({
  name: z.string().trim().min(2).max(120),
  room: z.string().trim().max(120).nullish(),
  equipment: z
    .array(z.enum(EQUIPMENT))
    .max(30)
    .default([])
    .transform((a) => [...new Set(a)]),
  bandwidthKbps: z.number().int().min(16).max(10_000_000).nullish(),
  linkKind: z.enum(LINK_KINDS),
  operatorUserId: z.string().uuid().nullish(),
  status: z.enum(SITE_STATUSES).default('active'),
});
export type SiteInput = z.infer<typeof siteInputSchema>;

export const siteSchema = z.object({
  id: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  name: z.string(),
  room: z.string().nullable(),
  equipment: z.array(z.enum(EQUIPMENT)),
  bandwidthKbps: z.number().nullable(),
  linkKind: z.enum(LINK_KINDS),
  operatorUserId: z.string().nullable(),
  operatorName: z.string().nullable(),
  status: z.enum(SITE_STATUSES),
});
export type Site = z.infer<typeof siteSchema>;

// ── support links ───────────────────────────────────────────────────────────────────────────────────────
export const supportLinkInputSchema = z
  .object({
    hubFacilityId: z.string().uuid(),
    spokeFacilityId: z.string().uuid(),
    /** Empty: the hub supports the spoke in every specialty it offers. */
    specialties: specialtiesSchema.default([]),
    validFrom: isoDate,
    validTo: isoDate.nullish(),
  })
  .refine((l) => l.hubFacilityId !== l.spokeFacilityId, { path: ['spokeFacilityId'], message: 'a facility cannot support itself' })
  .refine((l) => !l.validTo || l.validTo >= l.validFrom, { path: ['validTo'], message: 'must not be before validFrom' });
export type SupportLinkInput = z.infer<typeof supportLinkInputSchema>;

export const supportLinkSchema = z.object({
  id: z.string(),
  hub: facilitySummarySchema.pick({ id: true, code: true, name: true, type: true, provinceName: true }),
  spoke: facilitySummarySchema.pick({ id: true, code: true, name: true, type: true, provinceName: true }),
  specialties: z.array(specialtySchema),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});
export type SupportLink = z.infer<typeof supportLinkSchema>;
export const facilityLinksSchema = z.object({ supports: z.array(supportLinkSchema), supportedBy: z.array(supportLinkSchema) });
export const endSupportLinkSchema = z.object({ validTo: isoDate });

/** A hub to ask for a spoke and a specialty, nearest first. */
export const hubSuggestionSchema = z.object({
  facility: facilitySummarySchema,
  distanceKm: z.number().nullable(),
  linkId: z.string(),
  onCallCount: z.number(),
});
export type HubSuggestion = z.infer<typeof hubSuggestionSchema>;
export const hubQuerySchema = z.object({ specialty: specialtySchema });

// ── network overview ────────────────────────────────────────────────────────────────────────────────────
export const provinceOverviewSchema = z.object({
  provinceCode: z.string(),
  provinceName: z.string(),
  facilities: z.number(),
  sites: z.number(),
  activeSites: z.number(),
  practitioners: z.number(),
  byType: z.record(z.string(), z.number()),
  communes: z.number(),
  communesWithSite: z.number(),
});
export const networkOverviewSchema = z.object({
  totals: z.object({ facilities: z.number(), sites: z.number(), practitioners: z.number(), supportLinks: z.number() }),
  byType: z.record(z.string(), z.number()),
  byLevel: z.record(z.string(), z.number()),
  byCountry: z.record(z.string(), z.number()),
  provinces: z.array(provinceOverviewSchema),
});
export type NetworkOverview = z.infer<typeof networkOverviewSchema>;

// ── bulk import / export ────────────────────────────────────────────────────────────────────────────────
export const IMPORT_KINDS = ['facilities', 'sites', 'practitioners'] as const;
export const importKindSchema = z.enum(IMPORT_KINDS);
export const importRequestSchema = z.object({ csv: z.string().min(1).max(20_000_000), dryRun: z.boolean().default(false) });
export const importRowErrorSchema = z.object({ line: z.number(), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowErrorSchema>;
export const importResultSchema = z.object({
  kind: importKindSchema,
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  dryRun: z.boolean(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
