import { Badge } from '@fluentui/react-components';
import type { TFunction } from 'i18next';
import type { DeviceIdentity, DeviceView } from '../../../electron/common/models/device.ts';
import type { JobView } from '../../../electron/common/models/staging.ts';
import type { Fact } from '../../components/FactList.tsx';
import { STATE_LOOK } from './device-states.ts';

/** "Android 15 · SDK 35 · security patch …" or "iOS 18.2 · iPhone15,2"; the bare platform before it is read. */
function systemText(device: DeviceView, identity: DeviceIdentity | undefined, t: TFunction): string {
  if (!identity) return t(`platforms.${device.platform}`);
  const version = identity.osVersion;
  if (device.platform === 'android' && identity.android)
    return t('bench.log.systemAndroid', {
      version,
      sdk: identity.android.sdk,
      patch: identity.android.securityPatch,
    });
  if (device.platform === 'ios' && identity.ios)
    return t('bench.log.systemIos', { version, productType: identity.ios.productType });
  return t(`platforms.${device.platform}Version`, { version });
}

/** What Android reports beyond the common identity: accounts and a device owner block staging. */
function androidFacts(android: NonNullable<DeviceIdentity['android']>, t: TFunction): Fact[] {
  return [
    {
      term: t('bench.log.accounts'),
      value: android.accounts.length
        ? android.accounts.map((account) => `${account.name} (${account.type})`).join(', ')
        : t('bench.log.none'),
    },
    {
      term: t('bench.log.deviceOwner'),
      value: android.deviceOwner ?? t('bench.log.none'),
      mono: android.deviceOwner !== undefined,
    },
  ];
}

/** What iOS reports beyond the common identity: its hardware IDs, supervision and Activation Lock. */
function iosFacts(ios: NonNullable<DeviceIdentity['ios']>, t: TFunction): Fact[] {
  const supervised = !ios.supervised
    ? t('bench.log.no')
    : ios.organisation
      ? t('bench.log.supervisedBy', { organisation: ios.organisation })
      : t('bench.log.yes');
  return [
    { term: t('bench.log.udid'), value: ios.udid, mono: true },
    { term: t('bench.log.ecid'), value: ios.ecid, mono: true },
    { term: t('bench.log.supervised'), value: supervised },
    {
      term: t('bench.log.activationLock'),
      value: t(`bench.log.activationLockStates.${ios.activationLock}`),
    },
  ];
}

/** The device half of the job log's facts: model, state, system, serial and platform details. */
export function deviceFacts(device: DeviceView, t: TFunction): Fact[] {
  const { identity } = device;
  const look = STATE_LOOK[device.state];
  const Icon = look.icon;
  return [
    {
      term: t('bench.log.device'),
      value: identity ? `${identity.manufacturer} ${identity.model}` : t('bench.tile.unknownModel'),
    },
    {
      term: t('bench.log.state'),
      value: (
        <Badge appearance={look.appearance} color={look.badge} icon={<Icon />}>
          {t(`bench.states.${device.state}`)}
        </Badge>
      ),
    },
    { term: t('bench.log.system'), value: systemText(device, identity, t) },
    { term: t('bench.log.serial'), value: identity?.serial ?? device.serial, mono: true },
    ...(identity?.android ? androidFacts(identity.android, t) : []),
    ...(identity?.ios ? iosFacts(identity.ios, t) : []),
  ];
}

/** The job half: which profile, which job and batch, and when it started and finished. */
export function jobFacts(job: JobView, t: TFunction, dateTime: (iso: string) => string): Fact[] {
  return [
    {
      term: t('bench.log.profile'),
      value: t('bench.tile.profile', { profile: job.profile, version: job.profileVersion }),
    },
    {
      term: t('bench.log.job'),
      value: t('bench.log.jobState', {
        job: job.jobId,
        batch: job.batchId,
        state: t(`bench.jobStates.${job.state}`),
      }),
    },
    { term: t('bench.log.started'), value: dateTime(job.startedAt) },
    ...(job.finishedAt ? [{ term: t('bench.log.finished'), value: dateTime(job.finishedAt) }] : []),
  ];
}
