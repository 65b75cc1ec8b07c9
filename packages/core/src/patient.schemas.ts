import { z } from 'zod';
import { phoneSchema } from './common.schemas.js';

const isoDate = z.iso.date();

export const SEXES = ['male', 'female', 'other'] as const;

/** Citizen identity card (CCCD): 12 digits (Decree 137/2015/NĐ-CP). */
export const citizenIdSchema = z
  .string()
  .trim()
  .regex(/^\d{12}$/, 'A citizen ID (CCCD) has 12 digits');

/**
 * Health insurance: the 15-character card code (2 letters, 13 digits) or the 10-digit social insurance number
 * that forms its last 10 digits. Stored upper-case without spaces.
 */
export const insuranceNumberSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s/g, '').toUpperCase())
  .pipe(z.string().regex(/^([A-Z]{2}\d{13}|\d{10})$/, 'A health insurance number is 15 characters (2 letters, 13 digits) or 10 digits'));

/** The key duplicates are detected on: the social insurance number (last 10 digits of the card code). */
export function insuranceKey(insuranceNumber: string): string {
  return insuranceNumber.slice(-10);
}

export const patientInputSchema = z.object({
  fullName: z.string().trim().min(2).max(200),
  birthDate: isoDate,
  sex: z.enum(SEXES),
  citizenId: citizenIdSchema.nullable().default(null),
  insuranceNumber: insuranceNumberSchema.nullable().default(null),
  address: z.string().trim().max(500).nullable().default(null),
  provinceCode: z.string().trim().max(8).nullable().default(null),
  communeCode: z.string().trim().max(8).nullable().default(null),
  phone: phoneSchema.nullable().default(null),
  /** A relative or carer to call (name and phone, free text). */
  contactNote: z.string().trim().max(300).nullable().default(null),
});
export type PatientInput = z.infer<typeof patientInputSchema>;

export const patientSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  sex: z.enum(SEXES),
  citizenId: z.string().nullable(),
  insuranceNumber: z.string().nullable(),
  address: z.string().nullable(),
  provinceCode: z.string().nullable(),
  communeCode: z.string().nullable(),
  phone: z.string().nullable(),
  contactNote: z.string().nullable(),
  createdAt: z.string(),
});
export type Patient = z.infer<typeof patientSchema>;

/** Registering returns the record; `matched` says it already existed at another facility and is now linked to this one. */
export const patientRegisterResultSchema = z.object({ patient: patientSchema, matched: z.boolean() });

export const patientSearchQuerySchema = z.object({
  /** Name (accents optional), citizen ID or insurance number. */
  q: z.string().trim().min(2).max(100),
  facilityId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const patientSummarySchema = patientSchema.pick({ id: true, fullName: true, birthDate: true, sex: true }).extend({
  citizenIdMasked: z.string().nullable(),
  insuranceMasked: z.string().nullable(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

/** Shows the last 4 characters only (lists and search results). */
export function maskIdentifier(s: string | null): string | null {
  return s === null ? null : `${'•'.repeat(Math.max(0, s.length - 4))}${s.slice(-4)}`;
}
