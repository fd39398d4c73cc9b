// The guided wipe: the phone restarts into its recovery menu (`adb reboot recovery`, adbd's
// reboot:recovery service) and the technician picks the wipe with its keys. Recovery menus
// differ by maker; the steps below are what each common one shows. Once wiped this way the
// phone comes back with adb off, so it cannot be read back over USB.
import type { AdbClient } from '../adb-client.ts';
import { smartSocketRequest } from '../host-request.ts';
import { withDeviceErrors } from '../shell.ts';

/** Asks adbd to restart into recovery (what `adb -s SERIAL reboot recovery` sends). */
export async function rebootToRecovery(client: AdbClient, serial: string): Promise<void> {
  await withDeviceErrors(serial, async () => {
    const connection = await client.getDevice(serial).transport();
    try {
      connection.write(smartSocketRequest('reboot:recovery'));
      const reply = await connection.parser.readAscii(4);
      if (reply === 'FAIL') await connection.parser.readError();
      if (reply !== 'OKAY') throw new Error(`adbd answered "${reply}" to reboot:recovery`);
    } finally {
      connection.end();
    }
  });
}

const NAVIGATE = 'Use the volume keys to move and the power key to select.';
const AFTER = [
  'When it says the data wipe is complete, select "Reboot system now".',
  'USB debugging is off after the reset, so Depotline cannot read the phone back: check that it starts at its setup screen and confirm the wipe on the bench.',
];

interface RecoveryMenu {
  /** ro.product.manufacturer values, lower-cased. */
  makers: readonly string[];
  enter: string;
  steps: readonly string[];
}

const MENUS: readonly RecoveryMenu[] = [
  {
    makers: ['google', 'motorola', 'fairphone'],
    enter:
      'If it did not restart by itself: turn it off, hold Power and Volume Down until the bootloader menu shows, choose "Recovery mode" with the volume keys and press Power.',
    steps: [
      'If it shows "No command", hold Power and press Volume Up once, then let go of both.',
      NAVIGATE,
      'Select "Wipe data/factory reset", then "Factory data reset".',
    ],
  },
  {
    makers: ['samsung'],
    enter:
      'If it did not restart by itself: turn it off, keep it connected to this PC by USB, hold Volume Up and the Side key until the Samsung logo shows, then let go.',
    steps: [NAVIGATE, 'Select "Wipe data/factory reset", then "Factory data reset".'],
  },
  {
    makers: ['xiaomi', 'redmi', 'poco'],
    enter:
      'If it did not restart by itself: turn it off, hold Power and Volume Up until the Mi logo shows, then let go.',
    steps: [NAVIGATE, 'Select "Wipe Data", then "Wipe All Data", then "Confirm".'],
  },
  {
    makers: ['oneplus', 'oppo', 'realme'],
    enter:
      'If it did not restart by itself: turn it off, hold Power and Volume Down until the recovery menu shows.',
    steps: [
      'Choose the language, then "Format data" (or "Wipe data" › "Format data"), and type the code the phone shows.',
    ],
  },
];

const GENERIC: RecoveryMenu = {
  makers: [],
  enter:
    'If it did not restart by itself: turn it off and start it with its recovery key combination (usually Power with Volume Up or Volume Down; see the maker’s guide).',
  steps: [NAVIGATE, 'Select the factory reset entry ("Wipe data/factory reset" or similar) and confirm it.'],
};

/** The technician's steps for this phone's maker (ro.product.manufacturer), generic when unknown. */
export function recoveryInstructions(manufacturer: string): string[] {
  const maker = manufacturer.trim().toLowerCase();
  const menu = MENUS.find((candidate) => candidate.makers.includes(maker)) ?? GENERIC;
  return ['The phone restarts into its recovery menu.', ...menu.steps, ...AFTER, menu.enter];
}
