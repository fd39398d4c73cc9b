// What lockdownd needs from the device it runs on. The device model implements it; the
// lockdownd tests use a small fake, so the protocol and the device state are tested apart.
import type { SecureContext } from 'node:tls';
import type { PlistValue } from '../../../ios/wire/plist-codec.ts';
import type { DeviceKeyPair } from '../device/device-keys.ts';
import type { DelayKind } from '../device/latency.ts';
import type { LabIosService } from '../services/service-api.ts';
import type { LockdownFacts } from './lockdown-values.ts';
import type { PairRecordInput } from './pairing.ts';

/** A host the device trusts: what it kept of the host's Pair request. */
export interface Pairing extends PairRecordInput {
  /** Handed back in Pair's reply; hosts send it with StartService for some services. */
  escrowBag: Buffer;
  pairedAt: Date;
}

export type PairRefusal = 'PairingDialogResponsePending' | 'UserDeniedPairing' | 'PasswordProtected';

export type SetValueResult = 'ok' | 'SetProhibited' | 'ImmutableValue' | 'MissingValue';

export interface LockdownDevice {
  readonly udid: string;
  /** The key behind DevicePublicKey (made on first use). */
  keys(): Promise<DeviceKeyPair>;
  /** GetValue's view of the device right now. */
  facts(): Promise<LockdownFacts>;
  pairing(hostId: string): Pairing | undefined;
  /**
   * A verified Pair request. The device answers as its user would: paired at once (no
   * prompt: already trusted, or still in Setup Assistant), or refused while the "Trust This
   * Computer?" prompt waits, or because the user said no.
   */
  pair(record: PairRecordInput): { pairing: Pairing } | { refused: PairRefusal };
  unpair(hostId: string): boolean;
  setValue(domain: string | undefined, key: string | undefined, value: PlistValue): SetValueResult;
  findService(name: string): LabIosService | undefined;
  /** Opens a port for one connection to `service`; TLS-wrapped with `tls` when given. */
  openServicePort(service: LabIosService, tls: SecureContext | undefined): number;
  /** The TLS identity the device serves a session with for this pairing (cached per pairing). */
  secureContext(pairing: Pairing): Promise<SecureContext>;
  record(service: string, request: string): void;
  wait(kind: DelayKind): Promise<void>;
}
