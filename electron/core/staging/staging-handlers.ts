import type { CoreContext } from '../core-context.ts';
import type { HandlerTable } from '../contract-server/dispatcher.ts';
import type { StoredProfile } from './profile-store.ts';
import type { ProfileSummary } from '../../common/models/staging.ts';
import { platformsOf, stepCountFor } from '../../common/profile/profile-schema.ts';

type StagingRequests =
  | 'profiles.list'
  | 'profiles.get'
  | 'profiles.import'
  | 'staging.start'
  | 'staging.cancel'
  | 'staging.retry'
  | 'staging.jobs'
  | 'staging.log';

export function summary(stored: StoredProfile): ProfileSummary {
  const { profile } = stored;
  return {
    row: stored.row,
    id: profile.id,
    name: profile.name,
    version: profile.version,
    description: profile.description,
    platforms: platformsOf(profile),
    stepCount: platformsOf(profile).reduce((sum, platform) => sum + stepCountFor(profile, platform), 0),
    allowShell: profile.allowShell,
    contentHash: stored.contentHash,
    payloadBytes: stored.payloadBytes,
    importedAt: stored.importedAt,
  };
}

export function setupStaging({ bench, settings }: CoreContext): Pick<HandlerTable, StagingRequests> {
  return {
    'profiles.list': () => bench.profiles.latest().map(summary),
    'profiles.get': ({ row }) => {
      const stored = bench.profiles.get(row);
      return { summary: summary(stored), profile: stored.profile };
    },
    'profiles.import': async ({ path }) => summary(await bench.profiles.importFile(path, settings.who())),
    'staging.start': ({ profileRow, serials }) => bench.engine.start(profileRow, serials),
    'staging.cancel': ({ jobIds }) => {
      bench.engine.cancel(jobIds);
      return { cancelled: jobIds.length };
    },
    'staging.retry': ({ jobIds }) => ({
      jobIds: bench.engine.retry(jobIds).flatMap((batch) => batch.jobIds),
    }),
    'staging.jobs': ({ batchId }) =>
      batchId === undefined ? bench.jobViews.latestPerDevice() : bench.jobViews.ofBatch(batchId),
    'staging.log': ({ jobId }) => bench.jobViews.log(jobId),
  };
}
