// Maps an OPEN's service string to the module that serves it. Anything a phone would not
// know — or a feature this device does not advertise — is refused (undefined), which the
// connection answers with CLSE as adbd does.
import type { AdbFeature } from '../protocol/features.ts';
import { abbExecService } from './abb-exec.ts';
import { execService } from './exec.ts';
import { isRebootTarget, rebootService } from './reboot.ts';
import type { ServiceHandler } from './service.ts';
import { shellV2Service } from './shell-v2.ts';
import { shellService } from './shell.ts';
import { syncService } from './sync.ts';

export function routeService(service: string, features: ReadonlySet<AdbFeature>): ServiceHandler | undefined {
  const colon = service.indexOf(':');
  if (colon < 0) return undefined;
  const name = service.slice(0, colon);
  const rest = service.slice(colon + 1);
  if (name === 'shell') return shellService(rest);
  if (name.startsWith('shell,')) return routeShellWithArgs(name.split(',').slice(1), rest, features);
  if (name === 'exec') return execService(rest);
  if (name === 'sync' && rest === '') return syncService();
  if (name === 'abb_exec' && features.has('abb_exec')) return abbExecService(rest);
  if (name === 'reboot' && isRebootTarget(rest)) return rebootService(rest);
  return undefined;
}

/** `shell,v2,TERM=xterm,raw:CMD`: the comma list selects protocol and terminal mode. */
function routeShellWithArgs(
  args: string[],
  commandLine: string,
  features: ReadonlySet<AdbFeature>,
): ServiceHandler | undefined {
  const v2 = args.includes('v2');
  if (v2 && !features.has('shell_v2')) return undefined;
  // adbd allocates a pty for an interactive shell unless told `raw`, and never for a command unless told `pty`.
  const pty = args.includes('pty') || (!args.includes('raw') && commandLine.trim() === '');
  return v2 ? shellV2Service({ pty }, commandLine) : shellService(commandLine);
}
