// `--faults unauthorized=2,slow=1:20,fail-install=1` — which devices start misbehaving.
// Faults go to devices in the order written, one fault per device, starting at index 0:
// the example makes devices 0–1 unauthorized, device 2 slow (×20), device 3 fail its
// next install; the rest are healthy. Predictable placement lets a test or a demo
// script address "the unauthorized one" by index. `lying` and `truncated` corrupt what a
// device's shell answers (reply-faults.ts), for the bad-input tests of the bench.
import type { AdbFeature } from '../protocol/features.ts';

export const FAULT_KINDS = {
  unauthorized: 'the RSA prompt waits for an explicit accept (control API)',
  slow: 'every latency multiplied by ARG (default 10)',
  'full-storage': '/data filled, leaving nothing (or ARG bytes occupied)',
  'fail-install': 'the next install fails with ARG (default INSTALL_FAILED_INSUFFICIENT_STORAGE)',
  'hang-install': 'the next install never completes',
  'no-abb': 'does not advertise abb_exec: adb installs through exec:cmd',
  'old-adbd': 'advertises neither abb_exec nor cmd: adb installs by push + pm install',
  lying: 'getprop prints garbage instead of "[name]: [value]" lines (a device that lies)',
  truncated: 'shell replies cut off after ARG bytes (default 1024), as if the link dropped mid-reply',
} as const;
export type FaultKind = keyof typeof FAULT_KINDS;

export interface Fault {
  kind: FaultKind;
  arg?: string;
}

export function describeFaults(): string {
  return Object.entries(FAULT_KINDS)
    .map(([kind, text]) => `  ${kind.padEnd(14)} ${text}`)
    .join('\n');
}

/** Parses the --faults list into a device index → fault map; throws a readable error. */
export function parseFaults(spec: string, deviceCount: number): Map<number, Fault> {
  const plan = new Map<number, Fault>();
  let next = 0;
  for (const item of spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const match = /^([a-z-]+)=(\d+)(?::(.+))?$/.exec(item);
    if (!match) throw new Error(`bad fault "${item}": expected KIND=COUNT or KIND=COUNT:ARG`);
    const [, kind = '', countText = '', arg] = match;
    if (!isFaultKind(kind))
      throw new Error(`unknown fault "${kind}" (known: ${Object.keys(FAULT_KINDS).join(', ')})`);
    validateArg(kind, arg);
    const count = Number(countText);
    if (next + count > deviceCount) {
      throw new Error(
        `faults need ${next + count} devices but the lab has ${deviceCount} (one fault per device)`,
      );
    }
    for (let i = 0; i < count; i++) plan.set(next++, arg === undefined ? { kind } : { kind, arg });
  }
  return plan;
}

/** What a device advertises given its fault (and the lab-wide feature list). */
export function featuresWithFault(base: readonly AdbFeature[], fault: Fault | undefined): AdbFeature[] {
  if (fault?.kind === 'no-abb') return base.filter((feature) => feature !== 'abb_exec');
  if (fault?.kind === 'old-adbd')
    return base.filter((feature) => feature !== 'abb_exec' && feature !== 'cmd');
  return [...base];
}

function isFaultKind(kind: string): kind is FaultKind {
  return Object.hasOwn(FAULT_KINDS, kind);
}

function validateArg(kind: FaultKind, arg: string | undefined): void {
  if (arg === undefined) return;
  if (kind === 'slow' && !(Number(arg) > 0))
    throw new Error(`slow:${arg}: the factor must be a positive number`);
  if (kind === 'full-storage' && !/^\d+$/.test(arg))
    throw new Error(`full-storage:${arg}: expected a byte count`);
  if (kind === 'fail-install' && !/^[A-Z][A-Z0-9_]*$/.test(arg))
    throw new Error(`fail-install:${arg}: expected a code like INSTALL_FAILED_VERSION_DOWNGRADE`);
  if (kind === 'truncated' && !/^\d+$/.test(arg)) throw new Error(`truncated:${arg}: expected a byte count`);
  if (
    kind === 'unauthorized' ||
    kind === 'hang-install' ||
    kind === 'no-abb' ||
    kind === 'old-adbd' ||
    kind === 'lying'
  ) {
    throw new Error(`${kind} takes no argument`);
  }
}
