import { z } from 'zod';

export const AppInfoSchema = z.strictObject({
  name: z.literal('Depotline'),
  version: z.string(),
  dataDir: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  uptimeSeconds: z.number().nonnegative(),
  frontDoor: z.enum(['electron', 'station', 'cli']),
  nodeVersion: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
