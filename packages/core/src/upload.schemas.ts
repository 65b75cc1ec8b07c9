import { z } from 'zod';

/**
 * What may be uploaded, by kind. The server decides the kind from the file's first bytes, never from the name or
 * the declared type, and serves files only with the type it detected.
 */
export const BLOB_KINDS = ['image', 'pdf', 'dicom', 'video'] as const;
export type BlobKind = (typeof BLOB_KINDS)[number];

export const UPLOAD_LIMITS: Record<BlobKind, number> = {
  image: 25 * 1024 * 1024,
  pdf: 50 * 1024 * 1024,
  dicom: 300 * 1024 * 1024,
  video: 300 * 1024 * 1024,
};

/** Chunks are small enough to get through a satellite link between drops and to retry cheaply. */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

export const uploadCreateSchema = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((s) => !/[/\\\0]/.test(s), 'A file name, not a path'),
  size: z
    .number()
    .int()
    .min(1)
    .max(Math.max(...Object.values(UPLOAD_LIMITS))),
  /** Hex SHA-256 of the whole file, computed by the sender: the server refuses to complete if it differs. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i)
    .transform((s) => s.toLowerCase()),
  /** The facility the upload is made for (the caller's active facility). */
  facilityId: z.uuid(),
});
export type UploadCreate = z.infer<typeof uploadCreateSchema>;

export const uploadStatusSchema = z.object({
  id: z.string(),
  filename: z.string(),
  size: z.number(),
  received: z.number(),
  chunkSize: z.number(),
  state: z.enum(['open', 'complete']),
  blobId: z.string().nullable(),
  expiresAt: z.string(),
});
export type UploadStatus = z.infer<typeof uploadStatusSchema>;

export const blobSchema = z.object({
  id: z.string(),
  kind: z.enum(BLOB_KINDS),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  hasThumbnail: z.boolean(),
  meta: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type BlobInfo = z.infer<typeof blobSchema>;
