import { z } from 'zod';

/** Keyset page: `nextCursor` is opaque; pass it back as `cursor` to continue. Lists are never unbounded. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);
export const uuidParamSchema = z.object({ id: z.string().uuid() });

/** Vietnamese mobile/landline or international number in E.164-ish form, stored without spaces. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^(\+?\d{9,15})$/, 'A phone number of 9 to 15 digits'));
