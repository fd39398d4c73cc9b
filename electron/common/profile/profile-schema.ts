// A staging profile ("blueprint"): what a bench does to every device it stages. One document
// may hold an Android part and an iOS part; each device runs the part for its platform.
//
// v1 documents (Android only: `platform: android`, `preflight`, `steps` at the top) stay valid;
// partFor() reads either version as parts (`android: {…}`, `ios: {…}`).
import { z } from 'zod';
import {
  AndroidPartSchema,
  AndroidPreflightSchema,
  AndroidStepSchema,
  type AndroidPart,
} from './android-part.ts';
import { IosPartSchema, type IosPart } from './ios-part.ts';

export const PLATFORMS = ['android', 'ios'] as const;
export type Platform = (typeof PLATFORMS)[number];

const header = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1).max(120),
  version: z.number().int().positive(),
  description: z.string().max(2000).default(''),
  /** A profile must say so before it may run raw shell commands; the UI shows it. */
  allowShell: z.boolean().default(false),
};

const ProfileV1Schema = z.strictObject({
  schema: z.literal('depotline.profile/v1'),
  ...header,
  platform: z.literal('android'),
  preflight: AndroidPreflightSchema.default(AndroidPreflightSchema.parse({})),
  steps: z.array(AndroidStepSchema).min(1, 'a profile needs at least one step'),
});

const ProfileV2Schema = z.strictObject({
  schema: z.literal('depotline.profile/v2'),
  ...header,
  android: AndroidPartSchema.optional(),
  ios: IosPartSchema.optional(),
});

export const StagingProfileSchema = z
  .discriminatedUnion('schema', [ProfileV1Schema, ProfileV2Schema])
  .superRefine((profile, ctx) => {
    const androidSteps = profile.schema === 'depotline.profile/v1' ? profile.steps : profile.android?.steps;
    const stepsPath = profile.schema === 'depotline.profile/v1' ? ['steps'] : ['android', 'steps'];
    androidSteps?.forEach((s, index) => {
      if (s.type === 'shell' && !profile.allowShell) {
        ctx.addIssue({
          code: 'custom',
          path: [...stepsPath, index],
          message: 'shell steps need "allowShell: true" at the top of the profile',
        });
      }
    });
    if (profile.schema === 'depotline.profile/v2' && !profile.android && !profile.ios)
      ctx.addIssue({ code: 'custom', path: [], message: 'a profile needs an "android" or an "ios" part' });
  });

/**
 * A validated profile as written: v1 (Android only) or v2. Read its parts with partFor(), which
 * hides the difference; the stored canonical JSON (and so the content hash) stays as written.
 */
export type StagingProfile = z.infer<typeof StagingProfileSchema>;

export type ProfilePart<P extends Platform> = P extends 'android' ? AndroidPart : IosPart;

/** The part a device of `platform` runs; undefined when the profile has none for it. */
export function partFor<P extends Platform>(profile: StagingProfile, platform: P): ProfilePart<P> | undefined;
export function partFor(profile: StagingProfile, platform: Platform): AndroidPart | IosPart | undefined {
  if (profile.schema === 'depotline.profile/v1')
    return platform === 'android' ? { preflight: profile.preflight, steps: profile.steps } : undefined;
  return profile[platform];
}

/** The platforms a profile has a part for, in a fixed order. */
export function platformsOf(profile: StagingProfile): Platform[] {
  return PLATFORMS.filter((platform) => partFor(profile, platform) !== undefined);
}

/** How many steps a device of `platform` runs (0 when the profile has no part for it). */
export function stepCountFor(profile: StagingProfile, platform: Platform): number {
  return partFor(profile, platform)?.steps.length ?? 0;
}

export type { AndroidPart, IosPart };
export type { AndroidStep, AndroidStepType, AndroidPreflight } from './android-part.ts';
export type { IosStep, IosStepType, IosPreflight } from './ios-part.ts';
