import { z } from 'zod';

export const LOCALES = ['en', 'nb'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;

/** Station-wide preferences. Defaults let a fresh station start without a setup wizard. */
export const SettingsSchema = z.strictObject({
  technicianName: z.string().trim().max(120),
  stationName: z.string().trim().min(1).max(80),
  locale: z.enum(LOCALES),
  theme: z.enum(THEMES),
  /**
   * Auto-stage mode: the id of the profile every phone is staged with as soon as it is plugged
   * in and its prompt accepted, with no click; '' when off.
   */
  autoStageProfile: z
    .string()
    .max(64)
    .regex(/^([a-z0-9][a-z0-9-]{1,62})?$/, 'must be a profile id or empty'),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

export const DEFAULT_SETTINGS: Settings = {
  technicianName: '',
  stationName: 'Bench 1',
  locale: 'en',
  theme: 'system',
  autoStageProfile: '',
};

/** A partial update: at least one known field, nothing unknown. */
export const SettingsPatchSchema = SettingsSchema.partial().refine((patch) => Object.keys(patch).length > 0, {
  message: 'name at least one setting to change',
});
