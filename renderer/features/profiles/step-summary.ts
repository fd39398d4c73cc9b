import type { TFunction } from 'i18next';
import type { ProfileStep } from '../../../electron/common/profile/profile-schema.ts';

/** What a step does, in a sentence with its technical values (package, key, path) as they are. */
export function stepSummary(step: ProfileStep, t: TFunction): string {
  switch (step.type) {
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
    case 'deviceName':
      return t('profiles.stepSummary.deviceName', { name: step.name });
    case 'enrol':
      return t('profiles.stepSummary.enrol', { component: step.component });
    case 'reboot':
      return t('profiles.stepSummary.reboot', { seconds: step.timeoutSeconds });
    case 'shell':
      return t('profiles.stepSummary.shell', { command: step.command });
  }
}
