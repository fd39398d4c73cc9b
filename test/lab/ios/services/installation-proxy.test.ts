import { describe, expect, it } from 'vitest';
import { encodePlist, type PlistDict } from '../../../../native/ios/wire/plist-codec.ts';
import { InstallationProxyService } from '../../../../native/lab/ios/services/installation-proxy.ts';
import { NotificationProxyService } from '../../../../native/lab/ios/services/notification-proxy.ts';
import { buildIpa, infoPlistOf, IPA_RECIPES } from '../../../../scripts/make-test-ipas.ts';
import { PlistClient } from './clients.ts';
import { FakeIosDevice } from './fake-ios-device.ts';

const service = new InstallationProxyService();
const notes = { ...IPA_RECIPES.fieldNotes, sizeBytes: 300_000 };
const notesIpa = buildIpa(notes);
const STAGED = '/PublicStaging/org.depotline.field-notes';

function setup() {
  const device = new FakeIosDevice();
  device.addSystemApp('com.apple.mobilesafari', 'Safari');
  device.files.set('/PublicStaging', { kind: 'directory', data: Buffer.alloc(0), modifiedMs: 0 });
  return { device, client: new PlistClient(service, device) };
}

function stage(device: FakeIosDevice, bytes: Buffer, path = STAGED): void {
  device.files.set(path, { kind: 'file', data: bytes, modifiedMs: 0 });
}

const done = (message: PlistDict) => message.Status === 'Complete' || 'Error' in message;

async function install(client: PlistClient, path = 'PublicStaging/org.depotline.field-notes') {
  client.send({
    Command: 'Install',
    PackagePath: path,
    ClientOptions: { CFBundleIdentifier: 'org.depotline.field-notes' },
  });
  return client.receiveUntil(done);
}

describe('installation_proxy: Install', () => {
  it('reports progress as a device does, ends in Complete and adds the app as a User app', async () => {
    const { device, client } = setup();
    stage(device, notesIpa);
    const messages = await install(client);
    expect(messages.map((m) => [m.Status, m.PercentComplete])).toEqual([
      ['CreatingStagingDirectory', 5],
      ['ExtractingPackage', 15],
      ['InspectingPackage', 20],
      ['TakingInstallLock', 20],
      ['PreflightingApplication', 30],
      ['InstallingEmbeddedProfile', 30],
      ['VerifyingApplication', 40],
      ['CreatingContainer', 50],
      ['InstallingApplication', 60],
      ['PostflightingApplication', 70],
      ['SandboxingApplication', 80],
      ['GeneratingApplicationMap', 90],
      ['Complete', undefined],
    ]);
    expect(device.apps.get('org.depotline.field-notes')).toMatchObject({
      version: '14',
      shortVersion: '1.4',
      name: 'Field Notes',
      type: 'User',
      sizeBytes: notesIpa.length,
      infoPlist: infoPlistOf(notes),
    });
    // installd takes the staged package; the install took the device's install time.
    expect(device.files.has(STAGED)).toBe(false);
    expect(device.delays).toContainEqual({ kind: 'install', bytes: notesIpa.length });
    expect(device.requests).toEqual([
      'com.apple.mobile.installation_proxy: Install',
      'com.apple.mobile.installation_proxy: Installed org.depotline.field-notes 1.4',
    ]);
  });

  it('answers a binary request in binary, and Upgrade replaces the installed version', async () => {
    const device = new FakeIosDevice();
    const client = new PlistClient(service, device, 'binary');
    stage(device, notesIpa);
    client.send({ Command: 'Install', PackagePath: STAGED });
    const first = await client.receiveWithFormat();
    expect(first.format).toBe('binary');
    await client.receiveUntil(done);
    stage(device, buildIpa({ ...IPA_RECIPES.fieldNotesUpgrade, sizeBytes: 200_000 }));
    client.send({ Command: 'Upgrade', PackagePath: STAGED });
    expect((await client.receiveUntil(done)).at(-1)).toEqual({ Status: 'Complete' });
    expect(device.apps.get('org.depotline.field-notes')).toMatchObject({
      version: '15',
      shortVersion: '1.5',
    });
  });

  it('installs a developer .app directory uploaded file by file', async () => {
    const { device, client } = setup();
    const app = '/PublicStaging/FieldNotes.app';
    device.files.set(app, { kind: 'directory', data: Buffer.alloc(0), modifiedMs: 0 });
    stage(device, encodePlist(infoPlistOf(notes), 'binary'), `${app}/Info.plist`);
    stage(device, Buffer.alloc(5000), `${app}/FieldNotes`);
    expect((await install(client, 'PublicStaging/FieldNotes.app')).at(-1)).toEqual({ Status: 'Complete' });
    expect(device.apps.get('org.depotline.field-notes')?.sizeBytes).toBeGreaterThan(5000);
  });
});

describe('installation_proxy: Install errors, as iOS words them', () => {
  const cases: [string, (device: FakeIosDevice) => void, string, RegExp][] = [
    [
      'a package that is not there',
      () => {},
      'PackageExtractionFailed',
      /Could not find a package at PublicStaging/,
    ],
    [
      'a file that is not a zip',
      (d) => stage(d, Buffer.from('plain text')),
      'PackageExtractionFailed',
      /not a zip archive/,
    ],
    [
      'an app without Info.plist',
      (d) => stage(d, buildIpa({ ...notes, executable: 'Broken' }, { infoPlist: null })),
      'PackageInspectionFailed',
      /Payload\/Broken\.app\/Info\.plist is missing/,
    ],
    [
      'an Info.plist without CFBundleIdentifier',
      (d) => {
        const { CFBundleIdentifier: _, ...rest } = infoPlistOf(notes);
        stage(d, buildIpa(notes, { infoPlist: encodePlist(rest) }));
      },
      'PackageInspectionFailed',
      /no CFBundleIdentifier/,
    ],
    [
      'an app for a newer iOS',
      (d) => {
        d.gestalt.ProductVersion = '14.8';
        stage(d, notesIpa);
      },
      'DeviceOSVersionTooLow',
      /needs iOS 15\.0; the device runs 14\.8/,
    ],
    [
      'a device without the space',
      (d) => {
        stage(d, notesIpa);
        d.capacityBytes = notesIpa.length + 1000;
      },
      'APIInternalError',
      /Not enough storage/,
    ],
  ];

  it.each(cases)('%s', async (_, arrange, error, description) => {
    const { device, client } = setup();
    arrange(device);
    const last = (await install(client)).at(-1)!;
    expect(last.Error).toBe(error);
    expect(last.ErrorDescription).toMatch(description);
    expect(last.Status).toBeUndefined();
    expect(device.apps.has('org.depotline.field-notes')).toBe(false);
  });

  it('fails the next install with the armed fault, part-way, and only that one', async () => {
    const { device, client } = setup();
    device.installFault = {
      error: 'ApplicationVerificationFailed',
      description: 'Failed to verify code signature',
    };
    stage(device, notesIpa);
    const messages = await install(client);
    expect(messages.at(-2)?.Status).toBe('PreflightingApplication');
    expect(messages.at(-1)).toEqual({
      Error: 'ApplicationVerificationFailed',
      ErrorDescription: 'Failed to verify code signature',
    });
    expect(device.apps.has('org.depotline.field-notes')).toBe(false);
    expect((await install(client)).at(-1)).toEqual({ Status: 'Complete' });
  });

  it('MissingPackagePath, MissingCommand and UnknownCommand', async () => {
    const { client } = setup();
    expect(await client.request({ Command: 'Install' })).toMatchObject({ Error: 'MissingPackagePath' });
    expect(await client.request({ Commandx: 'Browse' })).toMatchObject({ Error: 'MissingCommand' });
    expect(await client.request({ Command: 'Defragment' })).toMatchObject({ Error: 'UnknownCommand' });
  });
});

describe('installation_proxy: Browse, Lookup, Uninstall', () => {
  it('Browse pages the list (BrowsingApplications … Complete) and honours ApplicationType and ReturnAttributes', async () => {
    const { device, client } = setup();
    for (let i = 0; i < 44; i++) device.addSystemApp(`com.apple.app${i}`, `App ${i}`);
    client.send({
      Command: 'Browse',
      ClientOptions: { ApplicationType: 'System', ReturnAttributes: ['CFBundleIdentifier'] },
    });
    const pages = await client.receiveUntil(done);
    expect(pages.map((p) => [p.Status, p.CurrentIndex, p.CurrentAmount, p.Total])).toEqual([
      ['BrowsingApplications', 0, 20, 45],
      ['BrowsingApplications', 20, 20, 45],
      ['BrowsingApplications', 40, 5, 45],
      ['Complete', undefined, undefined, undefined],
    ]);
    expect((pages[0]!.CurrentList as PlistDict[])[0]).toEqual({
      CFBundleIdentifier: 'com.apple.mobilesafari',
    });
    client.send({ Command: 'Browse', ClientOptions: { ApplicationType: 'User' } });
    expect(await client.receiveUntil(done)).toEqual([{ Status: 'Complete' }]);
  });

  it('Browse after an install shows what ideviceinstaller -l prints', async () => {
    const { device, client } = setup();
    stage(device, notesIpa);
    await install(client);
    const attributes = [
      'CFBundleIdentifier',
      'CFBundleDisplayName',
      'CFBundleVersion',
      'StaticDiskUsage',
      'DynamicDiskUsage',
    ];
    client.send({
      Command: 'Browse',
      ClientOptions: { ApplicationType: 'User', ReturnAttributes: attributes },
    });
    const [page] = await client.receiveUntil(done);
    expect(page!.CurrentList).toEqual([
      {
        CFBundleIdentifier: 'org.depotline.field-notes',
        CFBundleDisplayName: 'Field Notes',
        CFBundleVersion: '14',
        StaticDiskUsage: notesIpa.length,
        DynamicDiskUsage: 0,
      },
    ]);
  });

  it('Lookup answers LookupResult keyed by bundle id, with the full record', async () => {
    const { client } = setup();
    const reply = await client.request({
      Command: 'Lookup',
      ClientOptions: { BundleIDs: ['com.apple.mobilesafari'] },
    });
    expect(reply.Status).toBe('Complete');
    const safari = (reply.LookupResult as PlistDict)['com.apple.mobilesafari'] as PlistDict;
    expect(safari).toMatchObject({ ApplicationType: 'System', CFBundleIdentifier: 'com.apple.mobilesafari' });
    expect(safari.Path).toMatch(/^\/private\/var\/containers\/Bundle\/Application\/[0-9A-F-]{36}\//);
  });

  it('Uninstall: progress then Complete; an unknown app and a system app are errors', async () => {
    const { device, client } = setup();
    stage(device, notesIpa);
    await install(client);
    client.send({ Command: 'Uninstall', ApplicationIdentifier: 'org.depotline.field-notes' });
    expect((await client.receiveUntil(done)).map((m) => m.Status)).toEqual([
      'RemovingApplication',
      'GeneratingApplicationMap',
      'Complete',
    ]);
    expect(device.apps.has('org.depotline.field-notes')).toBe(false);
    expect(
      await client.request({ Command: 'Uninstall', ApplicationIdentifier: 'org.depotline.field-notes' }),
    ).toEqual({
      Error: 'LookupFailed',
      ErrorDescription: 'No application with bundle identifier org.depotline.field-notes is installed',
    });
    expect(
      await client.request({ Command: 'Uninstall', ApplicationIdentifier: 'com.apple.mobilesafari' }),
    ).toMatchObject({
      Error: 'UninstallProhibited',
    });
  });
});

describe('notification_proxy relays what installation_proxy posts', () => {
  it('an observer hears application_installed, then application_uninstalled; Shutdown ends in ProxyDeath', async () => {
    const { device, client } = setup();
    const observer = new PlistClient(new NotificationProxyService(), device);
    observer.send({ Command: 'ObserveNotification', Name: 'com.apple.mobile.application_installed' });
    observer.send({ Command: 'ObserveNotification', Name: 'com.apple.mobile.application_uninstalled' });
    await new Promise((resolve) => setImmediate(resolve));
    stage(device, notesIpa);
    await install(client);
    expect(await observer.receive()).toEqual({
      Command: 'RelayNotification',
      Name: 'com.apple.mobile.application_installed',
    });
    client.send({ Command: 'Uninstall', ApplicationIdentifier: 'org.depotline.field-notes' });
    await client.receiveUntil(done);
    expect((await observer.receive()).Name).toBe('com.apple.mobile.application_uninstalled');
    expect(await observer.request({ Command: 'Shutdown' })).toEqual({ Command: 'ProxyDeath' });
    await observer.closed;
  });
});
