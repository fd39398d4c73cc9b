// What a DPC does with a broadcast it receives. A DPC that is device owner may call
// DevicePolicyManager.wipeData() or reboot(); which broadcast makes it do so is the app's
// own design. The lab models two: the sample DPC's built-in "<package>.action.WIPE_DATA" and
// "<package>.action.REBOOT", and a wipe action the depot configured for its own DPC (the lab's
// control API sets it, as a managed configuration would).
import type { Intent } from './commands/intent.ts';
import type { InstalledPackage } from './packages/package-db.ts';
import type { DeviceState } from './state.ts';

export interface ReachedReceiver {
  pkg: InstalledPackage;
  /** Fully-qualified class name. */
  receiver: string;
}

function declaresReceiver(pkg: InstalledPackage, className: string): boolean {
  return (
    Object.values(pkg.receiverActions).includes(className) || pkg.deviceAdminReceivers.includes(className)
  );
}

/**
 * The receivers a broadcast reaches: an explicit one (-n) if the app declares that receiver
 * (an explicit intent needs no matching filter), otherwise each app's receiver for the action.
 */
export function receiversFor(state: DeviceState, intent: Intent): ReachedReceiver[] {
  if (intent.component) {
    const pkg = state.packages.get(intent.component.packageName);
    if (!pkg || pkg.hiddenForUser || !declaresReceiver(pkg, intent.component.className)) return [];
    return [{ pkg, receiver: intent.component.className }];
  }
  const action = intent.action;
  if (action === undefined) return [];
  return state.packages
    .all()
    .filter((pkg) => !pkg.hiddenForUser && (!intent.packageName || intent.packageName === pkg.packageName))
    .flatMap((pkg) => {
      const receiver = pkg.receiverActions[action];
      return receiver === undefined ? [] : [{ pkg, receiver }];
    });
}

/** What the DPC does when `reached` gets `action`; only a device owner may wipe or reboot. */
export function dpcReaction(
  state: DeviceState,
  reached: ReachedReceiver,
  action: string | undefined,
): 'wipe' | 'reboot' | undefined {
  if (action === undefined || state.deviceOwner?.packageName !== reached.pkg.packageName) return undefined;
  const configured = state.dpcWipeActions.some(
    (a) =>
      a.packageName === reached.pkg.packageName && a.receiver === reached.receiver && a.action === action,
  );
  if (configured || action === `${reached.pkg.packageName}.action.WIPE_DATA`) return 'wipe';
  if (action === `${reached.pkg.packageName}.action.REBOOT`) return 'reboot';
  return undefined;
}
