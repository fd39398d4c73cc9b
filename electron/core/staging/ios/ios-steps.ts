// How each iOS step is made true on a device: check (is it already so?) → apply → check again.
import { join } from 'node:path';
import { DeviceCommandError, type CloudConfiguration } from '../../../../native/ios/ios-driver.ts';
import { renderTemplate } from '../../../common/profile/template.ts';
import type { IosStep } from '../../../common/profile/profile-schema.ts';
import type { IosStepContext, IosStepRunners } from './ios-step-context.ts';
import { describeStep } from '../device-plan.ts';

/** Compares dotted build numbers numerically ("10.2" > "9.14"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

type PrepareStep = Extract<IosStep, { type: 'prepare' }>;

async function cloudConfigurationOf(step: PrepareStep, context: IosStepContext): Promise<CloudConfiguration> {
  const { organisation } = step;
  return {
    organisationName: organisation.name,
    ...(organisation.department ? { organisationDepartment: organisation.department } : {}),
    ...(organisation.email ? { organisationEmail: organisation.email } : {}),
    ...(organisation.phone ? { organisationPhone: organisation.phone } : {}),
    supervise: step.supervise,
    supervisorHostCertificates: step.supervise ? [await context.payloads.supervisionCertificate()] : [],
    skipSetup: step.skipSetup,
    ...(step.mdm ? { mdmUrl: step.mdm.url } : {}),
    anchorCertificates: step.mdm ? await context.payloads.certificates(step.mdm.anchorCertificates) : [],
    allowPairing: step.allowPairing,
    isMandatory: step.mandatory,
    isMdmUnremovable: step.mdmUnremovable,
  };
}

export const iosStepRunners: IosStepRunners = {
  configurationProfile: {
    describe: (step) => `Install configuration profile ${step.file}`,
    async check(step, { driver, payloads, profileDir }) {
      const { identifier } = await payloads.configurationProfile(join(profileDir, step.file), step.sign);
      return (await driver.installedProfiles()).some((installed) => installed.identifier === identifier);
    },
    async apply(step, { driver, payloads, profileDir }) {
      const { bytes } = await payloads.configurationProfile(join(profileDir, step.file), step.sign);
      await driver.installProfile(bytes);
    },
  },
  removeConfigurationProfile: {
    describe: (step) => `Remove configuration profile ${step.identifier}`,
    check: async (step, { driver }) =>
      !(await driver.installedProfiles()).some((installed) => installed.identifier === step.identifier),
    apply: (step, { driver }) => driver.removeProfile(step.identifier),
  },
  app: {
    describe: (step) => `Install ${step.bundleId}`,
    async check(step, { driver, payloads, profileDir }) {
      const ipa = await payloads.app(join(profileDir, step.ipa));
      const installed = (await driver.installedApps()).find((app) => app.bundleId === step.bundleId);
      if (!installed) return false;
      const wanted =
        step.minVersion && compareVersions(step.minVersion, ipa.version) > 0 ? step.minVersion : ipa.version;
      return compareVersions(installed.version, wanted) >= 0;
    },
    async apply(step, { driver, payloads, profileDir, transfer }) {
      const path = join(profileDir, step.ipa);
      const ipa = await payloads.app(path);
      // Checked at import too; again here in case the file changed on disk since.
      if (ipa.bundleId !== step.bundleId)
        throw new DeviceCommandError(
          `${step.ipa} is ${ipa.bundleId}, not ${step.bundleId}; refusing to install it`,
        );
      await transfer(() => driver.installApp(path));
    },
  },
  removeApp: {
    describe: (step) => `Remove ${step.bundleId}`,
    check: async (step, { driver }) =>
      !(await driver.installedApps()).some((app) => app.bundleId === step.bundleId),
    apply: (step, { driver }) => driver.uninstallApp(step.bundleId),
  },
  deviceName: {
    describe: (step) => `Name the device “${step.name}”`,
    check: async (step, { driver, values }) =>
      (await driver.identity()).deviceName === renderTemplate(step.name, values),
    apply: (step, { driver, values }) => driver.setDeviceName(renderTemplate(step.name, values)),
  },
  prepare: {
    describe: (step) =>
      `Prepare for ${step.organisation.name}${step.supervise ? ' (supervised)' : ''}${step.mdm ? ', MDM enrolment' : ''}`,
    async check(step, { driver }) {
      const present = await driver.cloudConfiguration();
      if (!present) return false;
      // Apple's keys, as the device stores what SetCloudConfiguration gave it.
      return (
        present.OrganizationName === step.organisation.name &&
        Boolean(present.IsSupervised) === step.supervise
      );
    },
    async apply(step, context) {
      const identity = await context.driver.identity();
      if (!identity.inSetupAssistant) {
        throw new DeviceCommandError(
          'the device has left Setup Assistant; it can only be prepared after an erase',
        );
      }
      await context.driver.prepare(await cloudConfigurationOf(step, context));
    },
  },
  erase: {
    describe: () => 'Erase all content and settings',
    async apply(_step, context) {
      await context.driver.erase();
      const back = await context.awaitReturn(15 * 60_000);
      if (!(await back.identity()).inSetupAssistant)
        throw new DeviceCommandError(
          'the device came back but is not in Setup Assistant: the erase did not happen',
        );
    },
  },
  restart: {
    describe: () => 'Restart',
    async apply(step, context) {
      await context.driver.restart();
      await context.awaitReturn(step.timeoutSeconds * 1000);
    },
  },
};

export function describeIosStep(step: IosStep): string {
  return describeStep(iosStepRunners[step.type], step);
}
