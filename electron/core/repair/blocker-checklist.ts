// From the facts a device reports before a wipe to the checklist the technician works through:
// per blocker a status, what was found, and what to do about it in plain words. Pure: the
// repair service reads the facts and the overrides and stores the result.
import type { BlockerCode, Checklist, ChecklistItem, Override } from '../../common/models/repair.ts';
import type { BlockerFacts } from './repair-device.ts';

/** What the checklist needs to know about the depot. */
export interface ChecklistPolicy {
  /** The organisation the depot supervises its iPhones under ('' when not set). */
  depotOrganisation: string;
  /** Packages of the depot's own device-owner apps. */
  depotDeviceOwners: readonly string[];
}

type Item = Omit<ChecklistItem, 'override' | 'open'>;

export const BLOCKER_LABELS: Record<BlockerCode, string> = {
  'android.accounts': 'Google and other accounts',
  'android.device_owner': 'Device owner (MDM) in control',
  'android.screen_lock': 'Screen lock',
  'ios.activation_lock': 'Activation Lock (Find My)',
  'ios.supervised_elsewhere': 'Supervised by another organisation',
  'ios.passcode': 'Passcode',
};

const ANDROID_CODES: readonly BlockerCode[] = [
  'android.accounts',
  'android.device_owner',
  'android.screen_lock',
];
const IOS_CODES: readonly BlockerCode[] = ['ios.activation_lock', 'ios.supervised_elsewhere', 'ios.passcode'];

/** The blockers checked on a platform, in the order the checklist shows them. */
export function blockerCodesFor(platform: 'android' | 'ios'): readonly BlockerCode[] {
  return platform === 'android' ? ANDROID_CODES : IOS_CODES;
}

const clear = (code: BlockerCode, detail: string): Item => ({
  code,
  label: BLOCKER_LABELS[code],
  status: 'clear',
  detail,
  action: null,
  unknownReason: null,
});
const blocking = (code: BlockerCode, detail: string, action: string): Item => ({
  code,
  label: BLOCKER_LABELS[code],
  status: 'blocking',
  detail,
  action,
  unknownReason: null,
});
const unknown = (code: BlockerCode, reason: string, action: string): Item => ({
  code,
  label: BLOCKER_LABELS[code],
  status: 'unknown',
  detail: 'The device could not tell.',
  action,
  unknownReason: reason,
});

const GOOGLE = 'com.google';
// Samsung's account has its own reactivation lock after a reset, like Google's FRP.
const LOCKING_ACCOUNT_NAMES: Record<string, string> = {
  [GOOGLE]: 'Google',
  'com.osp.app.signin': 'Samsung',
};

function accountsItem(facts: BlockerFacts, why: (key: string) => string): Item {
  const code = 'android.accounts';
  if (facts.accounts === undefined)
    return unknown(
      code,
      why('accounts'),
      'Open Settings › Accounts on the phone and remove every account there before wiping.',
    );
  if (facts.accounts.length === 0) return clear(code, 'No accounts on the device.');
  const described = facts.accounts.map((account) => {
    const brand = LOCKING_ACCOUNT_NAMES[account.type];
    return brand ? `${brand} account ${account.name}` : `${account.type} account ${account.name}`;
  });
  const actions = facts.accounts.map((account) => {
    if (account.type === GOOGLE)
      return (
        `Remove the Google account ${account.name} in Settings › Accounts, or ask the former user to remove ` +
        `the device from their Google account; after a reset Factory Reset Protection will ask for this account.`
      );
    if (LOCKING_ACCOUNT_NAMES[account.type])
      return (
        `Remove the ${LOCKING_ACCOUNT_NAMES[account.type]} account ${account.name} in Settings › Accounts; ` +
        `after a reset the phone will ask for this account before it can be set up.`
      );
    return `Remove the ${account.type} account ${account.name} in Settings › Accounts.`;
  });
  return blocking(code, `${described.join(', ')}.`, actions.join(' '));
}

function deviceOwnerItem(facts: BlockerFacts, policy: ChecklistPolicy, why: (key: string) => string): Item {
  const code = 'android.device_owner';
  if (facts.deviceOwner === undefined)
    return unknown(
      code,
      why('deviceOwner'),
      'Check in the MDM console whether the phone is still enrolled; retire it there before wiping.',
    );
  if (facts.deviceOwner === null) return clear(code, 'No device owner.');
  const owner = facts.deviceOwner;
  const ownerPackage = owner.split('/')[0] ?? owner;
  if (policy.depotDeviceOwners.includes(ownerPackage))
    return clear(code, `Managed by the depot's own app ${owner}, which can wipe it.`);
  return blocking(
    code,
    `Managed by ${owner}.`,
    `Retire or wipe the phone from the MDM console that manages it (device owner ${owner}), or have that ` +
      `organisation release it; while it is enrolled its management app may block the reset or enrol it again afterwards.`,
  );
}

function screenLockItem(facts: BlockerFacts, why: (key: string) => string): Item {
  const code = 'android.screen_lock';
  if (facts.screenLock === undefined || facts.screenLock === 'unknown')
    return unknown(
      code,
      why('screenLock'),
      'Wake the phone: if it asks for a PIN, pattern or password, remove the lock in Settings › Security › Screen lock.',
    );
  if (!facts.screenLock) return clear(code, 'No screen lock.');
  return blocking(
    code,
    'A PIN, pattern or password is set.',
    'Ask the former user for the PIN, pattern or password and remove the screen lock in Settings › Security › ' +
      'Screen lock › None; a phone reset while a lock and an account are set asks for them again at setup.',
  );
}

function activationLockItem(facts: BlockerFacts, why: (key: string) => string): Item {
  const code = 'ios.activation_lock';
  if (facts.activationLock === undefined || facts.activationLock === 'unknown')
    return unknown(
      code,
      why('activationLock'),
      'Open Settings › [name] › Find My on the device and check that Find My iPhone is off.',
    );
  if (!facts.activationLock) return clear(code, 'Activation Lock is off.');
  return blocking(
    code,
    'Find My is on: the device is Activation Locked to the former user’s Apple ID.',
    'Ask the former user to turn off Find My (Settings › [name] › Find My › Find My iPhone, with their Apple ID ' +
      'password) or to remove the device at icloud.com/find; if the depot’s MDM holds an Activation Lock bypass ' +
      'code for it, use that. Erased with Find My on, the device cannot be set up without that Apple ID.',
  );
}

const sameOrganisation = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function supervisionItem(facts: BlockerFacts, policy: ChecklistPolicy, why: (key: string) => string): Item {
  const code = 'ios.supervised_elsewhere';
  if (facts.supervisedBy === undefined)
    return unknown(
      code,
      why('supervisedBy'),
      'Check Settings › General › About on the device: a supervised device names its organisation there.',
    );
  if (facts.supervisedBy === null) return clear(code, 'Not supervised.');
  const org = facts.supervisedBy;
  if (policy.depotOrganisation !== '' && sameOrganisation(org, policy.depotOrganisation))
    return clear(code, `Supervised by the depot (${org}).`);
  const release =
    `Ask ${org} to release the device from their device management and Apple Business Manager before it is ` +
    `erased; otherwise it enrols in their MDM again at setup.`;
  if (policy.depotOrganisation === '')
    return blocking(
      code,
      `Supervised by ${org}.`,
      `${release} If ${org} is the depot itself, set the depot’s organisation name in the repair settings.`,
    );
  return blocking(code, `Supervised by ${org}, not by ${policy.depotOrganisation}.`, release);
}

function passcodeItem(facts: BlockerFacts, why: (key: string) => string): Item {
  const code = 'ios.passcode';
  if (facts.passcodeSet === undefined)
    return unknown(code, why('passcodeSet'), 'Wake the device: if it asks for a passcode, it has one.');
  if (!facts.passcodeSet) return clear(code, 'No passcode.');
  return blocking(
    code,
    'A passcode is set.',
    'Ask the former user to turn the passcode off (Settings › Face ID & Passcode › Turn Passcode Off) or to tell ' +
      'it to you; with Find My on as well, the device cannot be set up again without their Apple ID.',
  );
}

/** The checklist items for these facts, before overrides. */
export function checklistItems(facts: BlockerFacts, policy: ChecklistPolicy): Item[] {
  const why = (key: string) => facts.unknownReasons?.[key] ?? 'the device did not answer this question';
  if (facts.platform === 'android')
    return [accountsItem(facts, why), deviceOwnerItem(facts, policy, why), screenLockItem(facts, why)];
  return [activationLockItem(facts, why), supervisionItem(facts, policy, why), passcodeItem(facts, why)];
}

/**
 * The checklist with the overrides applied: an item is open while it is blocking or unknown
 * and has no override; a wipe is allowed only when nothing is open.
 */
export function applyOverrides(items: Item[], overrides: readonly Override[], checkedAt: string): Checklist {
  const byCode = new Map(overrides.map((override) => [override.code, override]));
  const withOverrides = items.map((item): ChecklistItem => {
    const override = byCode.get(item.code) ?? null;
    return { ...item, override, open: item.status !== 'clear' && override === null };
  });
  return { checkedAt, items: withOverrides, wipeAllowed: withOverrides.every((item) => !item.open) };
}

/** "2 blockers are open: Screen lock (…); Activation Lock (…)" for a refused wipe. */
export function openBlockersMessage(checklist: Checklist): string {
  const open = checklist.items.filter((item) => item.open);
  const list = open
    .map(
      (item) =>
        `${item.label}: ${item.status === 'unknown' ? `unknown (${item.unknownReason})` : item.detail}`,
    )
    .join('; ');
  return `${open.length} blocker${open.length === 1 ? ' is' : 's are'} open: ${list}. Resolve ${open.length === 1 ? 'it' : 'them'} on the device, or record an override with a reason.`;
}
