// Reaching one device: its usbmuxd DeviceID (new at every attach), its pair record (given,
// cached, read from usbmuxd, or made by pairing with this install's HostIdentity), and a
// lockdownd session to start services in. open() hands the session over to be kept (the
// driver's KeptConnections reuses it across calls); withSession() closes it when its work settles.
import type { Duplex } from 'node:stream';
import { DeviceCommandError, DeviceGoneError } from '../device-errors.ts';
import { LockdownClient, LockdownError, type LockdownTarget } from './lockdown/lockdown-client.ts';
import { openServiceStream } from './lockdown/service-connection.ts';
import { pairDevice, type PairOutcome } from './pairing/pair.ts';
import type { HostIdentity } from './pairing/host-identity.ts';
import { pairRecordFromPlist, type PairRecord } from './pairing/pair-record.ts';
import { findDevice } from './usbmux/list-devices.ts';
import { readPairRecord } from './usbmux/pair-records.ts';
import type { UsbmuxAddress } from './usbmux/usbmux-address.ts';

export interface DeviceSessionOptions {
  udid: string;
  address: UsbmuxAddress;
  /** A pair record the caller holds; otherwise usbmuxd's is used. */
  pairRecord?: PairRecord;
  /** This install's identity: lets the driver pair a device that has no (or a stale) pair record. */
  hostIdentity?: HostIdentity;
}

/** The device is not paired with this computer (yet): `outcome` says what the phone is waiting for. */
export class NotPairedError extends DeviceCommandError {
  readonly outcome: Exclude<PairOutcome, { status: 'paired' }> | undefined;
  constructor(udid: string, outcome?: Exclude<PairOutcome, { status: 'paired' }>) {
    super(
      outcome
        ? `${udid} is not paired: ${outcome.message}`
        : `${udid} is not paired with this computer and no host identity was given to pair it`,
      { transient: outcome?.status === 'pending-trust' || outcome?.status === 'passcode-required' },
    );
    this.name = 'NotPairedError';
    this.outcome = outcome;
  }
}

export interface OpenSession {
  lockdown: LockdownClient;
  pairRecord: PairRecord;
  /** Starts a service and opens its connection (TLS when the device asks). */
  openService(name: string): Promise<Duplex>;
}

export class DeviceSession {
  readonly udid: string;
  readonly #options: DeviceSessionOptions;
  #deviceId: number | undefined;
  #pairRecord: PairRecord | undefined;

  constructor(options: DeviceSessionOptions) {
    this.udid = options.udid;
    this.#options = options;
    this.#pairRecord = options.pairRecord;
  }

  /** Connects to lockdownd, looking the device up again once if its DeviceID went stale. */
  async connectLockdown(): Promise<{ lockdown: LockdownClient; target: LockdownTarget }> {
    const fresh = this.#deviceId === undefined;
    try {
      const target = await this.#target();
      return { lockdown: await LockdownClient.connect(target), target };
    } catch (error) {
      this.#deviceId = undefined;
      if (fresh || !(error instanceof DeviceGoneError)) throw error;
      const target = await this.#target();
      return { lockdown: await LockdownClient.connect(target), target };
    }
  }

  /**
   * Connects and starts a session (pairing first when needed and allowed); the caller owns
   * the lockdownd connection and ends it with `lockdown.goodbye()`.
   */
  async open(): Promise<OpenSession> {
    const { lockdown, target } = await this.connectLockdown();
    try {
      const pairRecord = await this.#startSession(lockdown, target);
      return {
        lockdown,
        pairRecord,
        openService: async (name) => openServiceStream(target, await lockdown.startService(name), pairRecord),
      };
    } catch (error) {
      lockdown.close();
      throw error;
    }
  }

  /** Runs `work` inside a session of its own, closed when `work` settles (service connections stay open). */
  async withSession<T>(work: (session: OpenSession) => Promise<T>): Promise<T> {
    const session = await this.open();
    try {
      return await work(session);
    } finally {
      await session.lockdown.goodbye();
    }
  }

  /** Looks the device up in usbmuxd again next time (it went away, restarted or was erased). */
  forgetDevice(): void {
    this.#deviceId = undefined;
  }

  /** Pairs now (whatever record exists), for the bench's "Pair" action; the outcome says what the phone waits for. */
  async pair(): Promise<PairOutcome> {
    const hostIdentity = this.#requireHostIdentity();
    const { lockdown, target } = await this.connectLockdown();
    try {
      const outcome = await pairDevice({
        lockdown,
        address: target.address,
        deviceId: target.deviceId,
        hostIdentity,
      });
      if (outcome.status === 'paired') this.#pairRecord = outcome.pairRecord;
      return outcome;
    } finally {
      lockdown.close();
    }
  }

  async #target(): Promise<LockdownTarget> {
    if (this.#deviceId === undefined) {
      const device = await findDevice(this.#options.address, this.udid);
      if (!device) throw new DeviceGoneError(this.udid, 'usbmuxd does not list it');
      this.#deviceId = device.deviceId;
    }
    return { address: this.#options.address, deviceId: this.#deviceId, udid: this.udid };
  }

  async #startSession(lockdown: LockdownClient, target: LockdownTarget): Promise<PairRecord> {
    let record = this.#pairRecord ?? (await this.#storedRecord());
    if (record === undefined) record = await this.#pairOn(lockdown, target);
    try {
      await lockdown.startSession(record);
      return record;
    } catch (error) {
      // The device forgot this host (erased, or "Reset Location & Privacy"): pair again.
      if (!(error instanceof LockdownError && error.code === 'InvalidHostID')) throw error;
      this.#pairRecord = undefined;
      if (!this.#options.hostIdentity) throw new NotPairedError(this.udid);
    }
    record = await this.#pairOn(lockdown, target);
    await lockdown.startSession(record);
    return record;
  }

  async #storedRecord(): Promise<PairRecord | undefined> {
    const stored = await readPairRecord(this.#options.address, this.udid);
    if (stored === undefined) return undefined;
    // A record another tool on this host made (idevicepair, Finder) is as good as ours: using
    // it spares the user a second "Trust This Computer?".
    const record = pairRecordFromPlist(stored, this.udid);
    this.#pairRecord = record;
    return record;
  }

  async #pairOn(lockdown: LockdownClient, target: LockdownTarget): Promise<PairRecord> {
    const hostIdentity = this.#requireHostIdentity();
    const outcome = await pairDevice({
      lockdown,
      address: target.address,
      deviceId: target.deviceId,
      hostIdentity,
    });
    if (outcome.status !== 'paired') throw new NotPairedError(this.udid, outcome);
    this.#pairRecord = outcome.pairRecord;
    return outcome.pairRecord;
  }

  #requireHostIdentity(): HostIdentity {
    if (!this.#options.hostIdentity) throw new NotPairedError(this.udid);
    return this.#options.hostIdentity;
  }
}
