// installation_proxy (com.apple.mobile.installation_proxy): lists, installs and removes apps.
// A command is answered by one or more replies; the last says Status 'Complete' or carries
// Error (+ ErrorDescription, ErrorDetail):
//   Browse    { ClientOptions: { ApplicationType, ReturnAttributes } }
//             ← { Status: 'BrowsingApplications', CurrentList: [...] }… ← { Status: 'Complete' }
//   Lookup    { ClientOptions: { BundleIDs, ReturnAttributes } } ← { LookupResult: { id: {…} } }
//   Install   { PackagePath, ClientOptions: { CFBundleIdentifier? } }
//             ← { Status: 'CreatingStagingDirectory', PercentComplete: 5 }… ← { Status: 'Complete' }
//   Uninstall { ApplicationIdentifier, ClientOptions: {} } ← progress… ← { Status: 'Complete' }
import type { Duplex } from 'node:stream';
import { DeviceCommandError, DeviceUnreadableError } from '../../device-errors.ts';
import { PlistChannel, plistText } from '../transport/plist-channel.ts';
import { isPlistDict, type PlistDict } from '../wire/plist-codec.ts';

export const INSTALLATION_PROXY_SERVICE = 'com.apple.mobile.installation_proxy';
/** Silence allowed between two progress replies (a big app's verification step is slow). */
const PROGRESS_TIMEOUT_MS = 300_000;
export const DEFAULT_APP_ATTRIBUTES = [
  'CFBundleIdentifier',
  'CFBundleVersion',
  'CFBundleShortVersionString',
  'CFBundleDisplayName',
  'CFBundleName',
  'ApplicationType',
];

/** installation_proxy's Error, in its own words (APIInternalError, ApplicationVerificationFailed…). */
export class InstallationProxyError extends DeviceCommandError {
  readonly code: string;
  constructor(command: string, reply: PlistDict) {
    const code = plistText(reply.Error);
    const description = typeof reply.ErrorDescription === 'string' ? reply.ErrorDescription : undefined;
    super(`${command} failed: ${code}${description ? ` (${description})` : ''}`);
    this.name = 'InstallationProxyError';
    this.code = code;
  }
}

export class InstallationProxyClient {
  readonly #channel: PlistChannel;

  constructor(stream: Duplex, device: string) {
    // Binary requests, as Apple's own hosts and appium-ios-device send them. A peer that
    // answers in kind (the lab does) sends an install's dozen progress replies in a form that
    // decodes in a fraction of XML's time; replies in either format are read.
    this.#channel = new PlistChannel(stream, {
      device,
      peer: INSTALLATION_PROXY_SERVICE,
      format: 'binary',
    });
  }

  /** Apps of one type ('User', 'System', 'Any'), with the attributes asked for. */
  async browse(applicationType = 'User', attributes = DEFAULT_APP_ATTRIBUTES): Promise<PlistDict[]> {
    const apps: PlistDict[] = [];
    await this.#command(
      'Browse',
      { ClientOptions: { ApplicationType: applicationType, ReturnAttributes: attributes } },
      (reply) => {
        if (Array.isArray(reply.CurrentList)) apps.push(...reply.CurrentList.filter(isPlistDict));
      },
    );
    return apps;
  }

  /** The apps among `bundleIds` that are installed, by bundle id. */
  async lookup(bundleIds: string[], attributes = DEFAULT_APP_ATTRIBUTES): Promise<Record<string, PlistDict>> {
    const found: Record<string, PlistDict> = {};
    await this.#command(
      'Lookup',
      { ClientOptions: { BundleIDs: bundleIds, ReturnAttributes: attributes } },
      (reply) => {
        if (isPlistDict(reply.LookupResult))
          for (const [id, app] of Object.entries(reply.LookupResult)) if (isPlistDict(app)) found[id] = app;
      },
    );
    return found;
  }

  /** Installs a package already uploaded (PublicStaging/…); onProgress gets PercentComplete 0–100. */
  async install(
    packagePath: string,
    options: { bundleId?: string; onProgress?: (percent: number, status: string) => void } = {},
  ): Promise<void> {
    const clientOptions: PlistDict = {};
    if (options.bundleId) clientOptions.CFBundleIdentifier = options.bundleId;
    await this.#command('Install', { PackagePath: packagePath, ClientOptions: clientOptions }, (reply) =>
      reportProgress(reply, options.onProgress),
    );
  }

  async uninstall(bundleId: string, onProgress?: (percent: number, status: string) => void): Promise<void> {
    await this.#command('Uninstall', { ApplicationIdentifier: bundleId, ClientOptions: {} }, (reply) =>
      reportProgress(reply, onProgress),
    );
  }

  /** False once the connection failed or was closed (by either side): open a new one. */
  get usable(): boolean {
    return this.#channel.usable;
  }

  /** Whether this kept connection keeps the process alive (see FrameChannel.hold). */
  hold(held: boolean): void {
    this.#channel.hold(held);
  }

  close(): void {
    this.#channel.close();
  }

  /** Sends a command and reads replies until Complete; an Error reply ends it as InstallationProxyError. */
  #command(command: string, fields: PlistDict, onReply: (reply: PlistDict) => void): Promise<void> {
    return this.#channel.exchange(async () => {
      await this.#channel.send({ Command: command, ...fields });
      for (;;) {
        const reply = await this.#channel.receive(PROGRESS_TIMEOUT_MS);
        if (reply.Error !== undefined) throw new InstallationProxyError(command, reply);
        onReply(reply);
        if (reply.Status === 'Complete') return;
        if (reply.Status === undefined && reply.CurrentList === undefined && reply.LookupResult === undefined)
          throw new DeviceUnreadableError(
            `installation_proxy answered ${command} with neither Status nor Error`,
          );
      }
    });
  }
}

function reportProgress(reply: PlistDict, onProgress?: (percent: number, status: string) => void): void {
  if (!onProgress) return;
  const status = typeof reply.Status === 'string' ? reply.Status : '';
  if (status === 'Complete') onProgress(100, status);
  else if (typeof reply.PercentComplete === 'number') onProgress(reply.PercentComplete, status);
}
