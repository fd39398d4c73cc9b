// What the test APKs are: package, versions, signer, permissions and components of each.
// Data only; scripts/make-test-apks.ts builds and signs them.
export type KeyName = 'keyA' | 'keyB';

export interface Component {
  kind: 'activity' | 'receiver';
  name: string;
  actions: string[];
  categories?: string[];
  permission?: string;
  deviceAdmin?: boolean;
}

export interface Recipe {
  packageName: string;
  versionCode: number;
  versionName: string;
  minSdk: number;
  targetSdk: number;
  signer: KeyName;
  permissions: string[];
  components: Component[];
  /** Bytes of incompressible asset data, to make an APK whose install takes measurable time. */
  assetBytes?: number;
}

const MAIN = 'android.intent.action.MAIN';
const LAUNCHER = 'android.intent.category.LAUNCHER';
const launcher = (name: string): Component => ({
  kind: 'activity',
  name,
  actions: [MAIN],
  categories: [LAUNCHER],
});

export const RECIPES = {
  notesV1: {
    packageName: 'org.depotline.sample.notes',
    versionCode: 1,
    versionName: '1.0',
    minSdk: 21,
    targetSdk: 34,
    signer: 'keyA',
    permissions: ['android.permission.INTERNET'],
    components: [launcher('.MainActivity')],
  },
  notesV2: {
    packageName: 'org.depotline.sample.notes',
    versionCode: 2,
    versionName: '2.0',
    minSdk: 21,
    targetSdk: 34,
    signer: 'keyA',
    permissions: ['android.permission.INTERNET'],
    components: [launcher('.MainActivity')],
  },
  notesV2OtherKey: {
    packageName: 'org.depotline.sample.notes',
    versionCode: 2,
    versionName: '2.0-rogue',
    minSdk: 21,
    targetSdk: 34,
    signer: 'keyB',
    permissions: ['android.permission.INTERNET'],
    components: [launcher('.MainActivity')],
  },
  kiosk: {
    packageName: 'org.depotline.sample.kiosk',
    versionCode: 10,
    versionName: '1.0.0',
    minSdk: 26,
    targetSdk: 34,
    signer: 'keyA',
    permissions: [],
    components: [
      {
        kind: 'activity',
        name: '.KioskActivity',
        actions: [MAIN],
        categories: ['android.intent.category.HOME', 'android.intent.category.DEFAULT', LAUNCHER],
      },
    ],
  },
  dpc: {
    packageName: 'org.depotline.sample.dpc',
    versionCode: 3,
    versionName: '0.3.0',
    minSdk: 24,
    targetSdk: 34,
    signer: 'keyB',
    permissions: ['android.permission.INTERNET', 'android.permission.RECEIVE_BOOT_COMPLETED'],
    components: [
      launcher('.SetupActivity'),
      {
        kind: 'receiver',
        name: '.AdminReceiver',
        actions: [
          'android.app.action.DEVICE_ADMIN_ENABLED',
          'android.app.action.PROFILE_PROVISIONING_COMPLETE',
        ],
        permission: 'android.permission.BIND_DEVICE_ADMIN',
        deviceAdmin: true,
      },
      {
        kind: 'receiver',
        name: '.CommandReceiver',
        actions: ['org.depotline.sample.dpc.action.WIPE_DATA', 'org.depotline.sample.dpc.action.REBOOT'],
      },
    ],
  },
  scanner: {
    packageName: 'org.depotline.sample.scanner',
    versionCode: 5,
    versionName: '5.1',
    minSdk: 26,
    targetSdk: 34,
    signer: 'keyA',
    permissions: [
      'android.permission.CAMERA',
      'android.permission.ACCESS_FINE_LOCATION',
      'android.permission.ACCESS_COARSE_LOCATION',
      'android.permission.INTERNET',
      'android.permission.POST_NOTIFICATIONS',
    ],
    components: [launcher('.ScanActivity')],
  },
  legacy: {
    packageName: 'org.depotline.sample.legacy',
    versionCode: 7,
    versionName: '0.7',
    minSdk: 16,
    targetSdk: 22,
    signer: 'keyA',
    permissions: ['android.permission.CAMERA'],
    components: [launcher('.OldActivity')],
  },
  future: {
    packageName: 'org.depotline.sample.future',
    versionCode: 1,
    versionName: '1.0',
    minSdk: 99,
    targetSdk: 99,
    signer: 'keyA',
    permissions: [],
    components: [launcher('.MainActivity')],
  },
  bulky: {
    packageName: 'org.depotline.sample.bulky',
    versionCode: 1,
    versionName: '1.0',
    minSdk: 24,
    targetSdk: 34,
    signer: 'keyA',
    permissions: [],
    components: [launcher('.MainActivity')],
    assetBytes: 3 * 1024 * 1024,
  },
} satisfies Record<string, Recipe>;

export type FixtureId = keyof typeof RECIPES;
