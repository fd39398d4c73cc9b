// One simulated iPhone or iPad: its identity, state, trust prompt, pairings, lockdownd and
// the services lockdownd starts. It knows nothing of usbmuxd: it reports when it is
// reachable (cable in and booted) and accepts connections to its ports; the lab controller
// announces it to usbmuxd. Services see it only through LabIosDeviceApi.
import type { Duplex } from 'node:stream';
import type { PlistDict, PlistValue } from '../../../ios/wire/plist-codec.ts';
import { LOCKDOWN_PORT } from '../../../ios/wire/usbmux-frame.ts';
import { LockdownConnection } from '../lockdownd/lockdown-connection.ts';
import type { LockdownDevice, Pairing, PairRefusal, SetValueResult } from '../lockdownd/lockdown-device.ts';
import type { LockdownFacts } from '../lockdownd/lockdown-values.ts';
import type { PairRecordInput } from '../lockdownd/pairing.ts';
import { ServicePorts } from '../lockdownd/service-ports.ts';
import { wrapInTls } from '../lockdownd/tls-channel.ts';
import type {
  LabIosApp,
  LabIosDeviceApi,
  LabIosFileEntry,
  LabIosProfile,
  LabIosService,
} from '../services/service-api.ts';
import { erasedState, initialState, withLockdownValue, type IosDeviceState } from './device-state.ts';
import { DeviceTrust } from './device-trust.ts';
import { factoryFiles, systemApps } from './factory-content.ts';
import { generateIosIdentity, type IosLabIdentity } from './identity.ts';
import { IosLatency, type DelayKind, type LatencyModel } from './latency.ts';
import type { TrustState } from './trust-prompt.ts';

export interface LabIosDeviceOptions {
  seed: string;
  index: number;
  latency: LatencyModel;
  services: readonly LabIosService[];
  /** undefined: trust prompts wait for acceptTrust(); 0: no prompt; n: the user taps Trust after n ms. */
  acceptTrustAfterMs?: number;
  log?: (message: string) => void;
}

export interface LabIosCommand {
  at: string;
  /** "lockdownd", or the service that received it ("com.apple.afc", …). */
  service: string;
  request: string;
}

export type IosPower = 'on' | 'booting' | 'off';

const MAX_LOG = 5_000;
/** Restarts asked for by a service leave time for its reply to reach the host. */
const SERVICE_DROP_GRACE_MS = 20;

export class LabIosDevice implements LabIosDeviceApi {
  readonly identity: IosLabIdentity;
  readonly files: Map<string, LabIosFileEntry> = factoryFiles();
  readonly apps: Map<string, LabIosApp>;
  readonly profiles = new Map<string, LabIosProfile>();
  cloudConfiguration: PlistDict | undefined;

  readonly #latency: IosLatency;
  readonly #services: readonly LabIosService[];
  readonly #log: (message: string) => void;
  readonly #trust: DeviceTrust;
  readonly #ports: ServicePorts;
  readonly #listeners = new Set<(online: boolean) => void>();
  readonly #commands: LabIosCommand[] = [];
  #state: IosDeviceState;
  #installFault: { error: string; description: string } | undefined;
  #power: IosPower = 'on';
  #plugged = true;
  #bootTimer: NodeJS.Timeout | undefined;
  /** What listeners were last told (the device starts plugged in and booted). */
  #wasOnline = true;
  readonly #lockdown: LockdownDevice;

  constructor(options: LabIosDeviceOptions) {
    this.identity = generateIosIdentity(options.seed, options.index);
    this.#state = initialState(options.seed, options.index, this.identity);
    this.apps = systemApps(this.identity.iosVersion, this.identity.buildVersion);
    this.#latency = new IosLatency(options.latency);
    this.#services = options.services;
    this.#log = options.log ?? (() => undefined);
    this.#trust = new DeviceTrust(options.acceptTrustAfterMs);
    this.#ports = new ServicePorts(options.index * 37);
    this.#lockdown = this.#lockdownView();
  }

  get udid(): string {
    return this.identity.udid;
  }

  get state(): Readonly<IosDeviceState> {
    return this.#state;
  }

  get inSetupAssistant(): boolean {
    return !this.#state.setupDone;
  }

  get supervised(): boolean {
    return this.#state.supervised;
  }

  get trustState(): TrustState {
    return this.#trust.state;
  }

  get pairedHostIds(): string[] {
    return this.#trust.hostIds;
  }

  get power(): IosPower {
    return this.#power;
  }

  get plugged(): boolean {
    return this.#plugged;
  }

  /** Reachable through usbmuxd: cable in and booted. */
  get online(): boolean {
    return this.#plugged && this.#power === 'on';
  }

  onOnlineChange(listener: (online: boolean) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- connections -------------------------------------------------------------------

  /** Whether a connection to `port` would be accepted now (lockdownd, or a started service). */
  accepts(port: number): boolean {
    return this.online && (port === LOCKDOWN_PORT || this.#ports.has(port));
  }

  /**
   * A host connection to one of the device's ports; false when nothing listens there. The
   * stream arrives paused (usbmuxd read up to its Connect); it flows once a reader is attached.
   */
  connect(port: number, stream: Duplex): boolean {
    if (!this.online) return false;
    stream.on('error', () => undefined);
    if (port === LOCKDOWN_PORT) {
      new LockdownConnection(stream, this.#lockdown, this.#log);
      stream.resume();
      return true;
    }
    const open = this.#ports.take(port);
    if (open === undefined) return false;
    this.record(open.service.name, 'connected');
    const connection = open.tls === undefined ? stream : wrapInTls(stream, open.tls);
    try {
      open.service.serve(connection, this);
    } catch (error) {
      this.#log(`${open.service.name} on ${this.udid}: ${String(error)}`);
      stream.destroy();
      return true;
    }
    // A service that reads with 'data' listeners needs the stream flowing; one that pipes or
    // listens for 'readable' manages the flow itself.
    if (stream.listenerCount('data') > 0) stream.resume();
    return true;
  }

  // ---- controls (the lab's hands on the device) --------------------------------------

  plug(): void {
    if (this.#plugged) return;
    this.#plugged = true;
    // An iPhone that was off turns on when it gets power.
    if (this.#power === 'off') this.#boot(0);
    else this.#emit();
  }

  unplug(): void {
    if (!this.#plugged) return;
    this.#plugged = false;
    this.#emit();
  }

  acceptTrust(): void {
    this.#trust.accept();
  }

  denyTrust(): void {
    this.#trust.deny();
  }

  setActivationLock(on: boolean): void {
    this.#state = { ...this.#state, activationLock: on };
  }

  /** done: the user finishes Setup Assistant (a cloud configuration takes effect); otherwise back to it. */
  setUp(done: boolean): void {
    if (!done) {
      this.#state = { ...this.#state, setupDone: false };
      return;
    }
    const cloud = this.cloudConfiguration;
    const supervise = cloud?.IsSupervised === true;
    const organisation = typeof cloud?.OrganizationName === 'string' ? cloud.OrganizationName : undefined;
    this.#state = {
      ...this.#state,
      activated: true,
      setupDone: true,
      supervised: this.#state.supervised || supervise,
      organisation: supervise ? (organisation ?? this.#state.organisation) : this.#state.organisation,
    };
  }

  supervise(organisation: string | null): void {
    this.#state = {
      ...this.#state,
      supervised: organisation !== null,
      organisation: organisation ?? undefined,
    };
  }

  setPasscode(set: boolean, locked = false): void {
    this.#state = { ...this.#state, passcodeSet: set, locked: set && locked };
  }

  setBattery(battery: { level?: number | undefined; charging?: boolean | undefined }): void {
    this.#state = {
      ...this.#state,
      battery: {
        ...this.#state.battery,
        ...(battery.level === undefined ? {} : { level: battery.level }),
        ...(battery.charging === undefined ? {} : { charging: battery.charging }),
      },
    };
  }

  failNextInstall(error = 'ApplicationVerificationFailed', description?: string): void {
    this.#installFault = {
      error,
      description:
        description ??
        'Failed to verify code signature of the app: 0xe8008015 (A valid provisioning profile for this executable was not found.)',
    };
  }

  commandLog(): readonly LabIosCommand[] {
    return this.#commands;
  }

  dispose(): void {
    clearTimeout(this.#bootTimer);
    this.#trust.dispose();
    this.#ports.closeAll();
    this.#listeners.clear();
  }

  // ---- LabIosDeviceApi ---------------------------------------------------------------

  freeBytes(): number {
    const id = this.identity;
    let used = id.baselineUsedBytes;
    for (const app of this.apps.values()) if (app.type === 'User') used += app.sizeBytes;
    for (const entry of this.files.values()) used += entry.data.length;
    return Math.max(0, id.totalDiskBytes - id.systemBytes - used);
  }

  battery(): { level: number; charging: boolean; health: number; cycleCount: number; temperature: number } {
    const b = this.#state.battery;
    return {
      level: b.level,
      charging: b.charging,
      health: b.healthPercent,
      cycleCount: b.cycleCount,
      temperature: b.temperatureC,
    };
  }

  takeInstallFault(): { error: string; description: string } | undefined {
    const fault = this.#installFault;
    this.#installFault = undefined;
    return fault;
  }

  delay(kind: 'command' | 'install' | 'profile' | 'transfer', bytes?: number): Promise<void> {
    return this.#latency.wait(kind, bytes);
  }

  restart(): void {
    this.#goDown(() => this.#boot(this.#latency.bootMs()));
  }

  shutdown(): void {
    this.#goDown(() => {
      this.#power = 'off';
      this.#emit();
    });
  }

  erase(): void {
    this.#goDown(() => this.wipe());
  }

  record(service: string, request: string): void {
    this.#commands.push({ at: new Date().toISOString(), service, request });
    if (this.#commands.length > MAX_LOG) this.#commands.splice(0, this.#commands.length - MAX_LOG);
  }

  // ---- lifecycle (controls call these directly; services go through the grace period) -

  /** Drops off at once and comes back after its boot time, state kept. */
  restartNow(): void {
    this.#boot(this.#latency.bootMs());
  }

  /** Drops off at once, forgets everything but the hardware and Activation Lock, comes back in Setup Assistant. */
  wipe(): void {
    this.#state = erasedState(this.#state, this.identity);
    this.apps.clear();
    for (const [id, app] of systemApps(this.identity.iosVersion, this.identity.buildVersion))
      this.apps.set(id, app);
    this.files.clear();
    for (const [path, entry] of factoryFiles()) this.files.set(path, entry);
    this.profiles.clear();
    this.cloudConfiguration = undefined;
    this.#installFault = undefined;
    // A new key too: pair records hosts kept from before the erase no longer match.
    this.#trust.reset();
    this.#boot(this.#latency.eraseMs() + this.#latency.bootMs());
  }

  #goDown(then: () => void): void {
    const timer = setTimeout(then, SERVICE_DROP_GRACE_MS);
    timer.unref();
  }

  #boot(afterMs: number): void {
    clearTimeout(this.#bootTimer);
    this.#ports.closeAll();
    this.#power = 'booting';
    this.#emit();
    this.#bootTimer = setTimeout(() => {
      this.#power = 'on';
      this.#emit();
    }, afterMs);
  }

  #emit(): void {
    const online = this.online;
    if (online === this.#wasOnline) return;
    this.#wasOnline = online;
    for (const listener of this.#listeners) listener(online);
  }

  // ---- lockdownd's view of the device ------------------------------------------------

  #lockdownView(): LockdownDevice {
    return {
      udid: this.identity.udid,
      keys: () => this.#trust.keys(),
      facts: () => this.#facts(),
      pairing: (hostId) => this.#trust.pairing(hostId),
      pair: (record) => this.#pair(record),
      unpair: (hostId) => this.#trust.unpair(hostId),
      setValue: (domain, key, value) => this.#setValue(domain, key, value),
      findService: (name) => this.#services.find((service) => service.name === name),
      openServicePort: (service, tls) => this.#ports.open(service, tls),
      secureContext: (pairing) => this.#trust.secureContext(pairing),
      record: (service, request) => this.record(service, request),
      wait: (kind: DelayKind) => this.#latency.wait(kind),
    };
  }

  async #facts(): Promise<LockdownFacts> {
    const keys = await this.#trust.keys();
    const s = this.#state;
    return {
      identity: this.identity,
      deviceName: s.deviceName,
      activated: s.activated,
      setupDone: s.setupDone,
      supervised: s.supervised,
      activationLock: s.activationLock,
      passcodeSet: s.passcodeSet,
      battery: s.battery,
      freeBytes: this.freeBytes(),
      devicePublicKeyPem: keys.publicKeyPkcs1Pem,
      wifiConnections: s.wifiConnections,
      purchaseDate: s.purchaseDate,
      timeZone: 'Europe/London',
    };
  }

  #pair(record: PairRecordInput): { pairing: Pairing } | { refused: PairRefusal } {
    const result = this.#trust.pair(record, this.#state);
    if ('pairing' in result) this.record('lockdownd', `paired with host ${record.hostId}`);
    return result;
  }

  #setValue(domain: string | undefined, key: string | undefined, value: PlistValue): SetValueResult {
    const next = withLockdownValue(this.#state, domain, key, value);
    if (next === 'SetProhibited') return next;
    this.#state = next;
    return 'ok';
  }
}
