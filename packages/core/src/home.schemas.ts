import { z } from 'zod';

/**
 * What the signed-in user should do next. Each task names an i18n key and a link; the server derives tasks
 * from real state (security setup, locked accounts at the facility…), never from placeholders.
 */
export const homeTaskSchema = z.object({
  id: z.string(),
  severity: z.enum(['info', 'warning', 'critical']),
  titleKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  href: z.string(),
});
export const homeSchema = z.object({ tasks: z.array(homeTaskSchema) });
export type HomeTask = z.infer<typeof homeTaskSchema>;
export type Home = z.infer<typeof homeSchema>;
