import type { StepRunners } from './step-runner.ts';
import { renderTemplate } from '../../../common/profile/template.ts';

/** `pkg/.Cls` and `pkg/pkg.Cls` name the same component; compare them in full form. */
export function fullComponent(component: string): string {
  const [pkg, cls = ''] = component.split('/');
  return `${pkg}/${cls.startsWith('.') ? `${pkg}${cls}` : cls}`;
}

/** Device owner and MDM enrolment. */
export const managementSteps: Pick<StepRunners, 'deviceOwner' | 'enrol'> = {
  deviceOwner: {
    describe: (step) => `Make ${step.component} the device owner`,
    async check(step, { driver }) {
      // Only the owner: the rest of the identity is four more commands on the phone.
      const owner = (await driver.read({ identity: ['deviceOwner'] })).identity?.deviceOwner;
      return !!owner && fullComponent(owner.component) === fullComponent(step.component);
    },
    apply: (step, { driver }) => driver.setDeviceOwner(step.component),
  },
  enrol: {
    // An enrolment intent has no state to read back on the device; the MDM confirms it later.
    // The journal is what keeps it from being sent twice.
    describe: (step) => `Start MDM enrolment (${step.component})`,
    apply: (step, { driver, values }) =>
      driver.startActivity(
        step.component,
        step.action,
        Object.fromEntries(
          Object.entries(step.extras).map(([key, template]) => [key, renderTemplate(template, values)]),
        ),
      ),
  },
};
