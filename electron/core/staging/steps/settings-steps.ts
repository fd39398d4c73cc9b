import type { StepRunners } from './step-runner.ts';
import { renderTemplate } from '../../../common/profile/template.ts';

/** Settings and the device name (Settings.Global.DEVICE_NAME, shown in About phone and to MDMs). */
export const settingsSteps: Pick<StepRunners, 'setting' | 'deviceName'> = {
  setting: {
    describe: (step) => `Set ${step.namespace} ${step.key} = ${step.value}`,
    check: async (step, { driver }) => (await driver.getSetting(step.namespace, step.key)) === step.value,
    async apply(step, { driver }) {
      await driver.putSetting(step.namespace, step.key, step.value);
    },
  },
  deviceName: {
    describe: (step) => `Name the device ${step.name}`,
    check: async (step, { driver, values }) =>
      (await driver.getSetting('global', 'device_name')) === renderTemplate(step.name, values),
    async apply(step, { driver, values }) {
      await driver.putSetting('global', 'device_name', renderTemplate(step.name, values));
    },
  },
};
