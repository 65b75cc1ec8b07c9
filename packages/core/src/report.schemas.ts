import { z } from 'zod';

const personRef = z.object({ id: z.string(), name: z.string() });

/**
 * The consultation report (biên bản hội chẩn) as drafted by the secretary. Signatures cover the canonical JSON of
 * the frozen content together with the report's id, request and version (see `canonicalReportPayload`).
 */
export const reportContentInputSchema = z.object({
  heldAt: z.iso.datetime({ offset: true }),
  /** The places (bridge sites / facilities) that took part. */
  places: z.array(z.string().trim().min(1).max(300)).min(1).max(30),
  chairUserId: z.uuid(),
  secretaryUserId: z.uuid(),
  participants: z
    .array(z.object({ name: z.string().trim().min(1).max(200), role: z.string().trim().max(200), facility: z.string().trim().max(300) }))
    .max(60),
  caseSummary: z.string().trim().min(1).max(20_000),
  discussion: z.string().trim().max(50_000).default(''),
  conclusion: z.string().trim().min(1).max(20_000),
  diagnoses: z
    .array(z.object({ code: z.string().trim().min(3).max(8) }))
    .min(1)
    .max(12),
  treatment: z.string().trim().max(20_000).default(''),
  recommendedTests: z.string().trim().max(10_000).default(''),
  referralNeeded: z.boolean(),
  referralNote: z.string().trim().max(2_000).default(''),
});
export type ReportContentInput = z.infer<typeof reportContentInputSchema>;

/** Stored content: people and codes resolved to names when the draft is saved, so the signed text is what was read. */
export const reportContentSchema = reportContentInputSchema.omit({ chairUserId: true, secretaryUserId: true, diagnoses: true }).extend({
  consultRef: z.string(),
  chair: personRef,
  secretary: personRef,
  diagnoses: z.array(z.object({ code: z.string(), nameVi: z.string() })),
});
export type ReportContent = z.infer<typeof reportContentSchema>;

export const reportSignatureSchema = z.object({
  signer: personRef,
  role: z.enum(['chair', 'specialist']),
  keyFingerprint: z.string(),
  signedAt: z.string(),
});

export const reportSchema = z.object({
  id: z.string(),
  consultId: z.string(),
  version: z.number(),
  supersedesId: z.string().nullable(),
  state: z.enum(['draft', 'signing', 'final']),
  content: reportContentSchema,
  contentHash: z.string().nullable(),
  requiredSigners: z.array(personRef.extend({ role: z.enum(['chair', 'specialist']), signed: z.boolean() })),
  signatures: z.array(reportSignatureSchema),
  draftedBy: personRef,
  createdAt: z.string(),
  finalizedAt: z.string().nullable(),
  canEdit: z.boolean(),
  canSign: z.boolean(),
});
export type ConsultReport = z.infer<typeof reportSchema>;

export const reportBundleSchema = z.object({
  current: reportSchema.nullable(),
  versions: z.array(reportSchema.pick({ id: true, version: true, state: true, finalizedAt: true })),
});

export const reportDraftSchema = z.object({ content: reportContentInputSchema });
/** The chair is always a signer; add the specialists responsible for the conclusion. */
export const reportFreezeSchema = z.object({ specialistSignerIds: z.array(z.uuid()).max(10).default([]) });
/** Signing is a deliberate act: the signer re-enters the password. */
export const reportSignSchema = z.object({ password: z.string().min(1).max(200) });

export const reportVerificationSchema = z.object({
  reportId: z.string(),
  version: z.number(),
  state: z.string(),
  /** SHA-256 of the canonical payload as frozen, and as computed now from the stored content. */
  frozenHash: z.string().nullable(),
  currentHash: z.string(),
  contentUnchanged: z.boolean(),
  signatures: z.array(
    reportSignatureSchema.extend({
      valid: z.boolean(),
      /** Why a signature does not verify: signature_mismatch (content changed or forged), key_revoked. */
      problem: z.string().nullable(),
    }),
  ),
  complete: z.boolean(),
  valid: z.boolean(),
  supersedes: z.string().nullable(),
  supersededBy: z.string().nullable(),
});
export type ReportVerification = z.infer<typeof reportVerificationSchema>;

/**
 * Deterministic JSON: keys sorted at every level, no whitespace (the JSON Canonicalization Scheme, RFC 8785,
 * for the values a report holds: strings, booleans, integers, arrays, objects).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, 'x'] }); // '{"a":[true,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What a signature covers: the content bound to this report, request and version, so it cannot be moved. */
export function canonicalReportPayload(r: { id: string; consultId: string; version: number; content: ReportContent }): string {
  return canonicalJson({
    format: 'vuonxa-consult-report/1',
    reportId: r.id,
    consultId: r.consultId,
    version: r.version,
    content: r.content,
  });
}
