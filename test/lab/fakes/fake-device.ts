// A small in-memory phone for transport tests: just enough shell (echo, exit, cat,
// getprop, sleep, the two install commands) and a flat filesystem to exercise every
// service without the real device model. Lifecycle events are delivered on a later
// tick, as the real model does.
import {
  DeviceFsError,
  type DeviceLifecycleEvent,
  type DirEntry,
  type FileStat,
  type LabAndroidDevice,
  type LabCommand,
  type LabDeviceControls,
  type RebootTarget,
  type ShellIO,
  type VirtualDeviceFs,
} from '../../../native/lab/adb/virtual-device-api.ts';

interface FakeFile {
  data: Buffer;
  mode: number;
  mtimeSeconds: number;
}

const DIR_MODE = 0o040771;

export class FakeFs implements VirtualDeviceFs {
  readonly files = new Map<string, FakeFile>();
  readonly dirs = new Set(['/', '/sdcard', '/data', '/data/local', '/data/local/tmp']);
  /** Bytes left before writes fail with ENOSPC. */
  freeBytes = Number.MAX_SAFE_INTEGER;

  stat(path: string): FileStat | undefined {
    if (this.dirs.has(path)) return { mode: DIR_MODE, size: 4096, mtimeSeconds: 1_700_000_000 };
    const file = this.files.get(path);
    return file && { mode: file.mode, size: file.data.length, mtimeSeconds: file.mtimeSeconds };
  }

  list(path: string): DirEntry[] {
    if (!this.dirs.has(path)) throw new DeviceFsError(this.files.has(path) ? 'ENOTDIR' : 'ENOENT', path);
    const prefix = path === '/' ? '/' : `${path}/`;
    const children = [...this.dirs, ...this.files.keys()].filter(
      (p) => p !== path && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'),
    );
    return children.map((child) => ({ name: child.slice(prefix.length), ...(this.stat(child) as FileStat) }));
  }

  read(path: string): Buffer {
    if (this.dirs.has(path)) throw new DeviceFsError('EISDIR', path);
    const file = this.files.get(path);
    if (!file) throw new DeviceFsError('ENOENT', path);
    return file.data;
  }

  write(path: string, data: Buffer, mode: number, mtimeSeconds: number): void {
    if (this.dirs.has(path)) throw new DeviceFsError('EISDIR', path);
    if (data.length > this.freeBytes) throw new DeviceFsError('ENOSPC', path);
    for (let dir = path.slice(0, path.lastIndexOf('/')); dir !== ''; dir = dir.slice(0, dir.lastIndexOf('/')))
      this.dirs.add(dir);
    this.files.set(path, { data, mode, mtimeSeconds });
  }
}

export class FakeDevice implements LabAndroidDevice {
  readonly serial: string;
  readonly identity: LabAndroidDevice['identity'];
  readonly fs = new FakeFs();
  readonly installs: { bytes: number; replace: boolean; via: string }[] = [];
  readonly commands: string[] = [];
  /** Commands whose ShellIO signal fired (client closed the stream, cable yanked). */
  readonly aborted: string[] = [];
  readonly reboots: RebootTarget[] = [];
  /** Every LabDeviceControls call, as [method, ...arguments]. */
  readonly controlCalls: unknown[][] = [];
  authorized: boolean;
  readonly #listeners = new Set<(event: DeviceLifecycleEvent) => void>();
  readonly control: LabDeviceControls;

  constructor(options: { serial?: string; authorized?: boolean } = {}) {
    this.serial = options.serial ?? 'FAKE0001';
    this.authorized = options.authorized ?? true;
    this.identity = {
      serial: this.serial,
      imei: '490154203237518',
      manufacturer: 'Fake',
      model: 'Fake Phone',
      androidRelease: '14',
      sdk: 34,
    };
    const record =
      (method: string) =>
      (...args: unknown[]) =>
        void this.controlCalls.push([method, ...args]);
    this.control = {
      acceptRsaPrompt: () => {
        this.controlCalls.push(['acceptRsaPrompt']);
        this.authorized = true;
        this.emit({ type: 'authorized' });
      },
      addAccount: record('addAccount'),
      setBattery: record('setBattery'),
      fillStorage: record('fillStorage'),
      failNextInstall: record('failNextInstall'),
      hangNextInstall: record('hangNextInstall'),
      setSlowdown: (factor) => {
        if (factor > 100) throw new RangeError('the fake refuses slowdowns over 100');
        this.controlCalls.push(['setSlowdown', factor]);
      },
      factoryReset: record('factoryReset'),
      setScreenLock: record('setScreenLock'),
      setTestHarnessSupport: record('setTestHarnessSupport'),
      addUserFiles: record('addUserFiles'),
      setDpcWipeAction: record('setDpcWipeAction'),
      setNextWipe: record('setNextWipe'),
    };
  }

  bannerProperties(): Record<string, string> {
    return {
      'ro.product.name': 'fake_product',
      'ro.product.model': 'Fake_Phone',
      'ro.product.device': 'fake',
    };
  }

  isAuthorized(): boolean {
    return this.authorized;
  }

  onLifecycle(listener: (event: DeviceLifecycleEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  emit(event: DeviceLifecycleEvent): void {
    setImmediate(() => {
      for (const listener of [...this.#listeners]) listener(event);
    });
  }

  reboot(target: RebootTarget): void {
    this.reboots.push(target);
    this.emit({ type: 'offline', reason: 'reboot' });
    setTimeout(() => this.emit({ type: 'online' }), 20);
  }

  commandLog(): readonly LabCommand[] {
    return this.commands.map((command) => ({ at: '', command }));
  }

  async runShell(commandLine: string, io: ShellIO): Promise<number> {
    this.commands.push(commandLine);
    const words = [...commandLine.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
    const [name = '', ...args] = words;
    switch (name) {
      case 'echo':
        io.stdout(`${args.join(' ')}\n`);
        return 0;
      case 'exit':
        return Number(args[0] ?? 0);
      case 'fail':
        io.stdout('to stdout\n');
        io.stderr('to stderr\n');
        return Number(args[0] ?? 1);
      case 'getprop':
        io.stdout(
          args[0] === 'ro.serialno'
            ? `${this.serial}\n`
            : `[ro.serialno]: [${this.serial}]\n[ro.product.model]: [Fake_Phone]\n`,
        );
        return 0;
      case 'cat':
        for await (const chunk of io.stdin) io.stdout(chunk);
        return 0;
      case 'yes':
        io.stdout(Buffer.alloc(Number(args[0] ?? 0), 'y'));
        return 0;
      case 'sleep':
        return new Promise<number>((resolve) => {
          const timer = setTimeout(() => resolve(0), Number(args[0] ?? 0) * 1000);
          io.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            this.aborted.push(commandLine);
            resolve(130);
          });
        });
      case 'cmd':
        return this.#streamedInstall(args, io);
      case 'pm':
        return this.#pmInstall(args, io);
      case 'rm':
        this.fs.files.delete(args.at(-1) ?? '');
        return 0;
      default:
        io.stderr(`/system/bin/sh: ${name}: inaccessible or not found\n`);
        return 127;
    }
  }

  async #streamedInstall(args: string[], io: ShellIO): Promise<number> {
    const size = Number(args[args.indexOf('-S') + 1]);
    let received = 0;
    for await (const chunk of io.stdin) {
      received += chunk.length;
      if (received >= size) break;
    }
    this.installs.push({ bytes: received, replace: args.includes('-r'), via: args.slice(0, 2).join(' ') });
    io.stdout('Success\n');
    return 0;
  }

  #pmInstall(args: string[], io: ShellIO): number {
    const path = args.at(-1) ?? '';
    const file = this.fs.files.get(path);
    if (!file) {
      io.stdout(`Failure [INSTALL_FAILED_INVALID_URI]\n`);
      return 1;
    }
    this.installs.push({ bytes: file.data.length, replace: args.includes('-r'), via: 'pm install' });
    io.stdout('Success\n');
    return 0;
  }
}
