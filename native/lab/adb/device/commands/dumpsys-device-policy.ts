// dumpsys device_policy: the device owner block and the enabled admins, laid out as
// DevicePolicyManagerService.dump prints them (only the parts a console reads).
import { flattenToShortString, parseComponent } from '../component.ts';
import type { DeviceState } from '../state.ts';

const POLICIES = [
  'wipe-data',
  'reset-password',
  'limit-password',
  'watch-login',
  'force-lock',
  'expire-password',
  'encrypted-storage',
  'disable-camera',
  'disable-keyguard-features',
];

export function dumpDevicePolicy(state: DeviceState): string {
  const owner = state.deviceOwner;
  const lines = [
    'Current Device Policy Manager state:',
    '  Immutable state:',
    '    mHasFeature=true',
    '    mIsWatch=false',
    '    mIsAutomotive=false',
    '    mHasTelephonyFeature=true',
    '    mSafetyChecker=null',
  ];
  if (owner) {
    lines.push(
      '  Device Owner: ',
      `    admin=ComponentInfo{${owner.packageName}/${owner.receiver}}`,
      `    name=${owner.name}`,
      `    package=${owner.packageName}`,
      '    isOrganizationOwnedDevice=true',
      '    User ID: 0',
      '',
    );
  }
  // UserManager provisioning states: 0 unmanaged, 3 finalized (set by `dpm set-device-owner`).
  lines.push('', `  Enabled Device Admins (User 0, provisioningState: ${owner ? 3 : 0}):`);
  for (const admin of state.activeAdmins) {
    const c = parseComponent(admin);
    if (!c) continue;
    const uid = state.packages.get(c.packageName)?.userId ?? -1;
    lines.push(
      `    ${flattenToShortString(c)}:`,
      `      uid=${uid}`,
      '      testOnlyAdmin=false',
      '      policies:',
      ...POLICIES.map((p) => `        ${p}`),
    );
    lines.push(
      '      passwordQuality=0x0',
      '      minimumPasswordLength=0',
      '      disableCamera=false',
      '      disableScreenCapture=false',
    );
  }
  lines.push('', `  mPasswordOwner=-1`, '  mPasswordTokenHandle=0', '  mAppsSuspended=false');
  return lines.join('\n') + '\n';
}
