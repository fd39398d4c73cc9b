// MCInstall (com.apple.mobile.MCInstall): configuration profiles and the cloud configuration
// (what Apple Configurator's "Prepare" sets). Requests are { RequestType, … }; replies say
// Status 'Acknowledged', or Status 'Error' with ErrorChain [{ ErrorCode, ErrorDomain,
// LocalizedDescription, USEnglishDescription }], the outermost error first.
//   HelloHostIdentifier                        ← { Status, HostIdentifier? }
//   InstallProfile { Payload: <profile bytes> }
//   GetProfileList ← { OrderedIdentifiers, ProfileMetadata: { id: { PayloadUUID, PayloadVersion,
//                      PayloadDisplayName, … } }, ProfileManifest: { id: { IsActive, … } } }
//   RemoveProfile { ProfileIdentifier: <binary plist { PayloadType: 'Configuration',
//                   PayloadIdentifier, PayloadUUID, PayloadVersion }> }
//   SetCloudConfiguration { CloudConfiguration: {…} }  (14002: one is already present)
//   GetCloudConfiguration ← { CloudConfiguration: {…} }
//   EraseDevice { PreserveDataPlan, DisallowProximitySetup }  (the device drops the connection)
//   Flush
import type { Duplex } from 'node:stream';
import { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../../device-errors.ts';
import { PlistChannel, plistText } from '../transport/plist-channel.ts';
import { encodePlist, isPlistDict, type PlistDict } from '../wire/plist-codec.ts';

export const MCINSTALL_SERVICE = 'com.apple.mobile.MCInstall';
/** The device already has a cloud configuration: erase it before preparing it again. */
export const CLOUD_CONFIGURATION_ALREADY_PRESENT = 14002;
/** Installing a profile waits for the device to apply it (VPN, certificates…). */
const PROFILE_TIMEOUT_MS = 120_000;

/** MCInstall refused; the message is the device's LocalizedDescription, `code` its ErrorCode. */
export class McInstallError extends DeviceCommandError {
  readonly code: number | undefined;
  readonly domain: string | undefined;
  constructor(request: string, reply: PlistDict) {
    const chain = Array.isArray(reply.ErrorChain) ? reply.ErrorChain.filter(isPlistDict) : [];
    const first = chain[0];
    const describe = (entry: PlistDict) =>
      typeof entry.LocalizedDescription === 'string'
        ? entry.LocalizedDescription
        : typeof entry.USEnglishDescription === 'string'
          ? entry.USEnglishDescription
          : undefined;
    const words = chain.map(describe).filter((text): text is string => text !== undefined);
    super(words.length > 0 ? words.join(' ') : `${request} failed (Status ${plistText(reply.Status)})`);
    this.name = 'McInstallError';
    this.code = typeof first?.ErrorCode === 'number' ? first.ErrorCode : undefined;
    this.domain = typeof first?.ErrorDomain === 'string' ? first.ErrorDomain : undefined;
  }
}

export interface ProfileListEntry {
  identifier: string;
  uuid: string | undefined;
  version: number | undefined;
  displayName: string | undefined;
  metadata: PlistDict;
}

export class McInstallClient {
  readonly #channel: PlistChannel;

  constructor(stream: Duplex, device: string) {
    this.#channel = new PlistChannel(stream, { device, peer: MCINSTALL_SERVICE });
  }

  async hello(): Promise<PlistDict> {
    return this.#request({ RequestType: 'HelloHostIdentifier' });
  }

  async installProfile(payload: Buffer): Promise<void> {
    await this.#request({ RequestType: 'InstallProfile', Payload: payload }, PROFILE_TIMEOUT_MS);
  }

  async profiles(): Promise<ProfileListEntry[]> {
    const reply = await this.#request({ RequestType: 'GetProfileList' });
    const metadata = isPlistDict(reply.ProfileMetadata) ? reply.ProfileMetadata : {};
    const ordered = Array.isArray(reply.OrderedIdentifiers)
      ? reply.OrderedIdentifiers.filter((id): id is string => typeof id === 'string')
      : Object.keys(metadata);
    return ordered.map((identifier) => {
      const entry = metadata[identifier];
      const meta = isPlistDict(entry) ? entry : {};
      return {
        identifier,
        uuid: typeof meta.PayloadUUID === 'string' ? meta.PayloadUUID : undefined,
        version: typeof meta.PayloadVersion === 'number' ? meta.PayloadVersion : undefined,
        displayName: typeof meta.PayloadDisplayName === 'string' ? meta.PayloadDisplayName : undefined,
        metadata: meta,
      };
    });
  }

  /** Removes an installed profile by PayloadIdentifier; one that is not installed is a refusal. */
  async removeProfile(identifier: string): Promise<void> {
    const installed = (await this.profiles()).find((profile) => profile.identifier === identifier);
    if (!installed) throw new DeviceCommandError(`no profile with identifier ${identifier} is installed`);
    const profileIdentifier: PlistDict = { PayloadType: 'Configuration', PayloadIdentifier: identifier };
    if (installed.uuid !== undefined) profileIdentifier.PayloadUUID = installed.uuid;
    if (installed.version !== undefined) profileIdentifier.PayloadVersion = installed.version;
    await this.#request(
      { RequestType: 'RemoveProfile', ProfileIdentifier: encodePlist(profileIdentifier, 'binary') },
      PROFILE_TIMEOUT_MS,
    );
  }

  async setCloudConfiguration(configuration: PlistDict): Promise<void> {
    await this.#request({ RequestType: 'SetCloudConfiguration', CloudConfiguration: configuration });
  }

  /** The cloud configuration, or undefined when the device has none (an empty dictionary). */
  async cloudConfiguration(): Promise<PlistDict | undefined> {
    const reply = await this.#request({ RequestType: 'GetCloudConfiguration' });
    const configuration = reply.CloudConfiguration;
    if (configuration === undefined) return undefined;
    if (!isPlistDict(configuration))
      throw new DeviceUnreadableError('MCInstall sent a CloudConfiguration that is not a dictionary');
    return Object.keys(configuration).length > 0 ? configuration : undefined;
  }

  /** Erases the device. It acknowledges and then goes away, or goes away at once: both are success. */
  async eraseDevice(
    options: { preserveDataPlan?: boolean; disallowProximitySetup?: boolean } = {},
  ): Promise<void> {
    try {
      await this.#request({
        RequestType: 'EraseDevice',
        PreserveDataPlan: options.preserveDataPlan ?? false,
        DisallowProximitySetup: options.disallowProximitySetup ?? false,
      });
    } catch (error) {
      if (!(error instanceof DeviceGoneError)) throw error;
    }
  }

  async flush(): Promise<void> {
    await this.#request({ RequestType: 'Flush' });
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

  async #request(body: PlistDict, timeoutMs?: number): Promise<PlistDict> {
    const reply = await this.#channel.request(body, timeoutMs);
    if (reply.Status === 'Acknowledged') return reply;
    throw new McInstallError(plistText(body.RequestType), reply);
  }
}
