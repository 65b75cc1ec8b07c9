import { z } from 'zod';

/** Facility types of the network (issue 3 extends the record; these are the kinds the programme links). */
export const FACILITY_TYPES = [
  'central_hospital',
  'provincial_hospital',
  'specialised_hospital',
  'regional_health_centre',
  'commune_health_station',
  'private_hospital',
  'foreign_partner_hospital',
] as const;
export const facilityTypeSchema = z.enum(FACILITY_TYPES);
export type FacilityType = z.infer<typeof facilityTypeSchema>;

/** Technical levels of Circular 40/2015 successors: initial (ban đầu), basic (cơ bản), specialised (chuyên sâu). */
export const TECHNICAL_LEVELS = ['initial', 'basic', 'specialised'] as const;
export const technicalLevelSchema = z.enum(TECHNICAL_LEVELS);

export const COUNTRIES = ['VN', 'LA', 'KH'] as const;
export const countrySchema = z.enum(COUNTRIES);

export const facilitySummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  type: facilityTypeSchema,
  technicalLevel: technicalLevelSchema.nullable(),
  country: countrySchema,
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  address: z.string().nullable(),
});
export type FacilitySummary = z.infer<typeof facilitySummarySchema>;

export const provinceSchema = z.object({ code: z.string(), name: z.string(), communeCount: z.number() });
export const communeSchema = z.object({ code: z.string(), name: z.string(), provinceCode: z.string() });
