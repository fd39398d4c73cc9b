import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import type { StepRunners } from './step-runner.ts';
import { renderTemplate } from '../../../common/profile/template.ts';
import { DeviceCommandError } from '../../../../native/adb/android-driver.ts';

/** Files, reboots and declared shell commands. */
export const systemSteps: Pick<StepRunners, 'pushFile' | 'reboot' | 'shell'> = {
  pushFile: {
    describe: (step) => `Copy ${step.source} to ${step.destination}`,
    async check(step, { driver, profileDir }) {
      const local = await stat(join(profileDir, step.source));
      return (await driver.fileSize(step.destination)) === local.size;
    },
    apply: (step, { driver, profileDir, transfer }) =>
      transfer(() => driver.push(join(profileDir, step.source), step.destination)),
  },
  reboot: {
    describe: () => 'Reboot and wait for boot',
    async apply(step, { driver }) {
      await driver.reboot();
      await driver.waitForBoot(step.timeoutSeconds * 1000);
    },
  },
  shell: {
    describe: (step) => `Run shell command: ${step.command}`,
    async apply(step, { driver, values }) {
      const result = await driver.shell(renderTemplate(step.command, values));
      if (result.exitCode !== step.expectExitCode) {
        const said = (result.stderr || result.stdout).trim().split('\n').slice(-3).join(' ');
        throw new DeviceCommandError(
          `exit code ${result.exitCode}, expected ${step.expectExitCode}${said ? `: ${said}` : ''}`,
        );
      }
    },
  },
};
