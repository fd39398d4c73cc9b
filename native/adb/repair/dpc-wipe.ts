// A wipe through the depot's own device-owner app (DPC): the DPC, as device owner, may call
// DevicePolicyManager.wipeData(); which broadcast makes it do so is the depot's configuration
// (its action and the receiver that handles it). The console sends it explicitly to that
// receiver, `am broadcast -a ACTION -n pkg/.Receiver` (an explicit intent needs no matching
// filter), and ActivityManagerShellCommand answers "Broadcasting: Intent { … }" and
// "Broadcast completed: result=0". Only a device owner can wipe: with another owner, or none,
// the broadcast would arrive and do nothing, so it is not sent.
import { DeviceCommandError } from '../../device-errors.ts';
import { shellQuote } from '../shell.ts';

/** The depot's configuration: which receiver wipes the phone on which action. */
export interface DpcWipeCommand {
  /** "org.example.dpc/.CommandReceiver" (package/class, as `am -n` takes it). */
  component: string;
  action: string;
}

export function dpcPackageOf(command: DpcWipeCommand): string {
  return command.component.split('/')[0] ?? '';
}

/** The configured command whose DPC is this phone's device owner, or why none fits. */
export function dpcCommandFor(
  commands: readonly DpcWipeCommand[],
  deviceOwnerPackage: string | undefined,
): { command: DpcWipeCommand } | { reason: string } {
  if (commands.length === 0)
    return { reason: 'No device-owner wipe is configured for this depot (which app, which broadcast).' };
  if (deviceOwnerPackage === undefined)
    return { reason: 'The phone has no device owner, so no DPC can wipe it.' };
  const command = commands.find((candidate) => dpcPackageOf(candidate) === deviceOwnerPackage);
  if (!command)
    return {
      reason: `The phone's device owner is ${deviceOwnerPackage}, not one of the depot's DPCs (${commands.map(dpcPackageOf).join(', ')}): it will not obey the depot's wipe broadcast.`,
    };
  return { command };
}

export function dpcBroadcastCommand(command: DpcWipeCommand): string {
  return `am broadcast -a ${shellQuote(command.action)} -n ${shellQuote(command.component)}`;
}

/** "Broadcast completed" means the DPC's receiver ran; it wipes on its own time after that. */
export function checkDpcBroadcastReply(output: string, exitCode: number): void {
  if (exitCode === 0 && /Broadcast completed: result=/.test(output)) return;
  throw new DeviceCommandError(
    `The wipe broadcast was not delivered (exit ${exitCode}: ${output.trim().slice(0, 300) || 'no answer'}); nothing was wiped`,
  );
}
