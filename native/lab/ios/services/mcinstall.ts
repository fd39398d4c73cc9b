// com.apple.mobile.MCInstall: configuration profiles and the cloud configuration (how a
// device in Setup Assistant is prepared and supervised). Profiles are read and their
// signatures verified with the reader staging uses; a supervised device lets a host that
// proves it holds a supervision identity (Escalate: a signed challenge) install silently
// and remove locked profiles. Replies: { Status: Acknowledged } or { Status: Error, ErrorChain }.
import { randomBytes } from 'node:crypto';
import { MobileconfigError, readMobileconfig } from '../../../ios/mobileconfig/read-mobileconfig.ts';
import { verifySignedData } from '../../../ios/mobileconfig/signed-data.ts';
import {
  decodePlistDict,
  isPlistDict,
  type PlistDict,
  type PlistValue,
} from '../../../ios/wire/plist-codec.ts';
import { NOTIFICATIONS, postNotification } from './device-notifications.ts';
import type { PlistConversation } from './plist-service.ts';
import { PlistService } from './plist-service.ts';

/** Wire format: requests are { RequestType, … }; the keys each one reads are noted. */
const REQUEST = {
  hello: 'HelloHostIdentifier',
  flush: 'Flush',
  getProfileList: 'GetProfileList',
  installProfile: 'InstallProfile', // Payload: data (the .mobileconfig as bytes)
  installProfileSilent: 'InstallProfileSilent', // Payload; only after Escalate
  removeProfile: 'RemoveProfile', // ProfileIdentifier: data (a plist naming it) or a string
  escalate: 'Escalate', // SupervisorCertificate: DER → { Challenge: data }
  escalateResponse: 'EscalateResponse', // SignedRequest: PKCS#7 over the challenge
  proceedWithKeybagMigration: 'ProceedWithKeybagMigration',
  setCloudConfiguration: 'SetCloudConfiguration', // CloudConfiguration: dict
  getCloudConfiguration: 'GetCloudConfiguration',
  eraseDevice: 'EraseDevice', // PreserveDataPlan, DisallowProximitySetup
} as const;

/**
 * ErrorChain entries. 14002 (a cloud configuration is already present) and 33002 (an
 * invalid one) are the codes iOS reports and hosts test for; the others are the lab's
 * choice within Apple's domains, each with a description that says what went wrong.
 */
const MC_ERROR = {
  malformedProfile: { domain: 'MCProfileErrorDomain', code: 1000 },
  badSignature: { domain: 'MCProfileErrorDomain', code: 1012 },
  profileNotInstalled: { domain: 'MCProfileErrorDomain', code: 1003 },
  removalDisallowed: { domain: 'MCInstallationErrorDomain', code: 4005 },
  notSupervised: { domain: 'MCInstallationErrorDomain', code: 4017 },
  escalationRefused: { domain: 'MCInstallationErrorDomain', code: 4018 },
  unknownRequest: { domain: 'MCInstallationErrorDomain', code: 4000 },
  notInSetupAssistant: { domain: 'MCCloudConfigErrorDomain', code: 33001 },
  invalidCloudConfiguration: { domain: 'MCCloudConfigErrorDomain', code: 33002 },
  cloudConfigurationPresent: { domain: 'MCCloudConfigErrorDomain', code: 14002 },
} as const;
type McError = (typeof MC_ERROR)[keyof typeof MC_ERROR];

const ACKNOWLEDGED = { Status: 'Acknowledged' } as const;
const CHALLENGE_BYTES = 32;

function errorReply(error: McError, description: string): PlistDict {
  return {
    Status: 'Error',
    ErrorChain: [
      {
        ErrorCode: error.code,
        ErrorDomain: error.domain,
        LocalizedDescription: description,
        USEnglishDescription: description,
      },
    ],
  };
}

function bytesOf(value: PlistValue | undefined): Buffer | undefined {
  return value instanceof Uint8Array
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : undefined;
}

/** RemoveProfile names the profile in a plist (as pymobiledevice3 and Apple's tools send it) or plainly. */
function identifierToRemove(value: PlistValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  const bytes = bytesOf(value);
  if (!bytes) return undefined;
  try {
    const identifier = decodePlistDict(bytes).value.PayloadIdentifier;
    return typeof identifier === 'string' ? identifier : undefined;
  } catch {
    return undefined;
  }
}

interface Escalation {
  certificate: Buffer;
  challenge: Buffer | undefined;
  granted: boolean;
}

export class McInstallService extends PlistService {
  readonly name = 'com.apple.mobile.MCInstall';
  readonly ssl = true;
  protected readonly requestKey = 'RequestType';
  protected override readonly maxRequestBytes = 32 * 1024 * 1024;
  readonly #escalations = new WeakMap<PlistConversation, Escalation>();

  protected async handle(request: PlistDict, conversation: PlistConversation): Promise<'close' | void> {
    const device = conversation.device;
    const type = this.requestName(request);
    await device.delay('command');
    switch (type) {
      case REQUEST.hello:
      case REQUEST.flush:
      case REQUEST.proceedWithKeybagMigration:
        return conversation.send(ACKNOWLEDGED);
      case REQUEST.getProfileList:
        return conversation.send(this.#profileList(conversation));
      case REQUEST.installProfile:
        return conversation.send(await this.#install(conversation, request.Payload));
      case REQUEST.installProfileSilent:
        if (!this.#escalations.get(conversation)?.granted)
          return conversation.send(
            errorReply(MC_ERROR.escalationRefused, 'Installing a profile silently needs an Escalate first'),
          );
        return conversation.send(await this.#install(conversation, request.Payload));
      case REQUEST.removeProfile:
        return conversation.send(this.#remove(conversation, identifierToRemove(request.ProfileIdentifier)));
      case REQUEST.escalate:
        return conversation.send(this.#escalate(conversation, bytesOf(request.SupervisorCertificate)));
      case REQUEST.escalateResponse:
        return conversation.send(this.#escalateResponse(conversation, bytesOf(request.SignedRequest)));
      case REQUEST.setCloudConfiguration:
        return conversation.send(await this.#setCloudConfiguration(conversation, request.CloudConfiguration));
      case REQUEST.getCloudConfiguration:
        return conversation.send(
          device.cloudConfiguration
            ? { ...ACKNOWLEDGED, CloudConfiguration: device.cloudConfiguration }
            : { ...ACKNOWLEDGED },
        );
      case REQUEST.eraseDevice:
        // The device answers, then wipes itself and drops off USB.
        await conversation.send(ACKNOWLEDGED);
        device.erase();
        return 'close';
      default:
        return conversation.send(
          errorReply(MC_ERROR.unknownRequest, `Unknown request type ${type ?? '(none)'}`),
        );
    }
  }

  #profileList(conversation: PlistConversation): PlistDict {
    const manifest: PlistDict = {};
    const metadata: PlistDict = {};
    for (const profile of conversation.device.profiles.values()) {
      manifest[profile.identifier] = { Description: profile.displayName, IsActive: true };
      const { payload } = profile;
      const meta: PlistDict = {
        PayloadDisplayName: profile.displayName,
        PayloadRemovalDisallowed: payload.PayloadRemovalDisallowed === true,
        PayloadUUID: profile.uuid,
        PayloadVersion: typeof payload.PayloadVersion === 'number' ? payload.PayloadVersion : 1,
      };
      for (const key of ['PayloadDescription', 'PayloadOrganization'] as const)
        if (typeof payload[key] === 'string') meta[key] = payload[key];
      metadata[profile.identifier] = meta;
    }
    return {
      OrderedIdentifiers: [...conversation.device.profiles.keys()],
      ProfileManifest: manifest,
      ProfileMetadata: metadata,
      ...ACKNOWLEDGED,
    };
  }

  async #install(conversation: PlistConversation, payload: PlistValue | undefined): Promise<PlistDict> {
    const device = conversation.device;
    const bytes = bytesOf(payload);
    if (!bytes) return errorReply(MC_ERROR.malformedProfile, 'The request carries no profile (Payload data)');
    let profile;
    try {
      profile = readMobileconfig(bytes);
    } catch (err) {
      if (!(err instanceof MobileconfigError)) throw err;
      const signature = err.code === 'BAD_SIGNATURE' || err.code === 'BAD_PKCS7';
      return errorReply(
        signature ? MC_ERROR.badSignature : MC_ERROR.malformedProfile,
        `${signature ? "The profile's signature is not valid" : 'The profile is not valid'}: ${err.message}`,
      );
    }
    await device.delay('profile');
    device.profiles.set(profile.identifier, {
      identifier: profile.identifier,
      uuid: profile.uuid,
      displayName: profile.displayName,
      payload: profile.content,
      signed: profile.signed,
    });
    device.record(this.name, `Installed profile ${profile.identifier}`);
    postNotification(device, NOTIFICATIONS.profileListChanged);
    return { ...ACKNOWLEDGED };
  }

  #remove(conversation: PlistConversation, identifier: string | undefined): PlistDict {
    const device = conversation.device;
    if (!identifier) return errorReply(MC_ERROR.malformedProfile, 'ProfileIdentifier names no profile');
    const profile = device.profiles.get(identifier);
    if (!profile)
      return errorReply(MC_ERROR.profileNotInstalled, `The profile ${identifier} is not installed`);
    if (
      profile.payload.PayloadRemovalDisallowed === true &&
      device.supervised &&
      !this.#escalations.get(conversation)?.granted
    )
      return errorReply(
        MC_ERROR.removalDisallowed,
        `The profile ${identifier} may only be removed by its supervisor`,
      );
    device.profiles.delete(identifier);
    device.record(this.name, `Removed profile ${identifier}`);
    postNotification(device, NOTIFICATIONS.profileListChanged);
    return { ...ACKNOWLEDGED };
  }

  #escalate(conversation: PlistConversation, certificate: Buffer | undefined): PlistDict {
    const device = conversation.device;
    if (!certificate)
      return errorReply(MC_ERROR.escalationRefused, 'Escalate carries no SupervisorCertificate');
    if (!device.supervised) return errorReply(MC_ERROR.notSupervised, 'The device is not supervised');
    const supervisors = device.cloudConfiguration?.SupervisorHostCertificates;
    const known = Array.isArray(supervisors) ? supervisors.map(bytesOf).filter((c) => c !== undefined) : [];
    if (known.length > 0 && !known.some((c) => c.equals(certificate)))
      return errorReply(
        MC_ERROR.escalationRefused,
        "The certificate is not one of this device's supervisors",
      );
    const challenge = randomBytes(CHALLENGE_BYTES);
    this.#escalations.set(conversation, { certificate, challenge, granted: false });
    return { ...ACKNOWLEDGED, Challenge: challenge };
  }

  #escalateResponse(conversation: PlistConversation, signed: Buffer | undefined): PlistDict {
    const escalation = this.#escalations.get(conversation);
    if (!escalation?.challenge)
      return errorReply(MC_ERROR.escalationRefused, 'EscalateResponse without an Escalate');
    const { challenge } = escalation;
    escalation.challenge = undefined; // one answer per challenge
    if (!signed) return errorReply(MC_ERROR.escalationRefused, 'EscalateResponse carries no SignedRequest');
    try {
      const verified = verifySignedData(signed);
      if (!verified.content.equals(challenge))
        return errorReply(
          MC_ERROR.escalationRefused,
          'The signed request is not the challenge the device sent',
        );
      if (!verified.signerCertificate.equals(escalation.certificate))
        return errorReply(MC_ERROR.escalationRefused, 'The challenge was signed by another certificate');
    } catch (err) {
      if (!(err instanceof MobileconfigError)) throw err;
      return errorReply(MC_ERROR.escalationRefused, `The signed challenge does not verify: ${err.message}`);
    }
    escalation.granted = true;
    return { ...ACKNOWLEDGED };
  }

  async #setCloudConfiguration(
    conversation: PlistConversation,
    value: PlistValue | undefined,
  ): Promise<PlistDict> {
    const device = conversation.device;
    if (!isPlistDict(value))
      return errorReply(
        MC_ERROR.invalidCloudConfiguration,
        'CloudConfiguration is missing or not a dictionary',
      );
    if (device.cloudConfiguration)
      return errorReply(MC_ERROR.cloudConfigurationPresent, 'The device already has a cloud configuration');
    if (!device.inSetupAssistant)
      return errorReply(
        MC_ERROR.notInSetupAssistant,
        'The device is not in Setup Assistant: a cloud configuration can only be set there (erase the device first)',
      );
    await device.delay('profile');
    device.cloudConfiguration = value;
    device.record(this.name, `Cloud configuration set${value.IsSupervised === true ? ' (supervised)' : ''}`);
    return { ...ACKNOWLEDGED };
  }
}
