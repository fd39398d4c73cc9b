import type { TFunction } from 'i18next';
import type { AndroidStep, IosStep } from '../../../electron/common/profile/profile-schema.ts';

export type ProfileStep = AndroidStep | IosStep;

/** What an iOS `prepare` step sets up: supervision, skipped Setup Assistant panes, MDM. */
function prepareDetails(step: Extract<IosStep, { type: 'prepare' }>, t: TFunction): string {
  return [
    t(step.supervise ? 'profiles.stepSummary.supervised' : 'profiles.stepSummary.notSupervised'),
    step.skipSetup.length > 0
      ? t('profiles.stepSummary.skipsPanes', { count: step.skipSetup.length })
      : undefined,
    step.mdm ? t('profiles.stepSummary.enrolsMdm', { url: step.mdm.url }) : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
}

/** What a step does, in a sentence with its technical values (package, key, path) as they are. */
export function stepSummary(step: ProfileStep, t: TFunction): string {
  switch (step.type) {
    // Android
    case 'install':
      return t('profiles.stepSummary.install', { package: step.package, apk: step.apk });
    case 'uninstall':
      return t('profiles.stepSummary.uninstall', { package: step.package });
    case 'permission':
      return t(step.grant ? 'profiles.stepSummary.grant' : 'profiles.stepSummary.revoke', {
        permission: step.permission,
        package: step.package,
      });
    case 'setting':
      return t('profiles.stepSummary.setting', {
        namespace: step.namespace,
        key: step.key,
        value: step.value,
      });
    case 'deviceOwner':
      return t('profiles.stepSummary.deviceOwner', { component: step.component });
    case 'pushFile':
      return t('profiles.stepSummary.pushFile', { source: step.source, destination: step.destination });
    case 'enrol':
      return t('profiles.stepSummary.enrol', { component: step.component });
    case 'reboot':
    case 'restart':
      return t('profiles.stepSummary.reboot', { seconds: step.timeoutSeconds });
    case 'shell':
      return t('profiles.stepSummary.shell', { command: step.command });
    // Both
    case 'deviceName':
      return t('profiles.stepSummary.deviceName', { name: step.name });
    // iOS
    case 'configurationProfile':
      return t(
        step.sign
          ? 'profiles.stepSummary.configurationProfileSigned'
          : 'profiles.stepSummary.configurationProfile',
        { file: step.file },
      );
    case 'removeConfigurationProfile':
      return t('profiles.stepSummary.removeConfigurationProfile', { identifier: step.identifier });
    case 'app':
      return step.minVersion === undefined
        ? t('profiles.stepSummary.app', { bundleId: step.bundleId, ipa: step.ipa })
        : t('profiles.stepSummary.appMinVersion', {
            bundleId: step.bundleId,
            ipa: step.ipa,
            minVersion: step.minVersion,
          });
    case 'removeApp':
      return t('profiles.stepSummary.removeApp', { bundleId: step.bundleId });
    case 'prepare':
      return t('profiles.stepSummary.prepare', {
        organisation: step.organisation.name,
        details: prepareDetails(step, t),
      });
    case 'erase':
      return t('profiles.stepSummary.erase');
  }
}
