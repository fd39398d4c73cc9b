// The real Debian adb (client and server) against the lab: what an operator or a script
// sees from `adb devices`, `adb shell`, push/pull, reboot and connect/disconnect.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabController } from '../../native/lab/adb/lab/lab-controller.ts';
import { parseFaults } from '../../native/lab/adb/lab/faults.ts';
import { ADB, AdbFixture, startLab } from './support/adb-fixture.ts';

let adb: AdbFixture;
let lab: LabController;
let serials: string[];
let workDir: string;
/** Device 0: unauthorized until accepted; 1: healthy; 2: an adbd without shell_v2. */
let healthy: string;

beforeAll(async () => {
  adb = await AdbFixture.start();
  workDir = await mkdtemp(join(tmpdir(), 'depotline-conf-'));
  ({ lab, serials } = await startLab(adb, {
    android: 3,
    faults: parseFaults('unauthorized=1', 3),
    featuresFor: (index) => (index === 2 ? ['cmd', 'stat_v2', 'ls_v2', 'fixed_push_mkdir'] : undefined),
  }));
  healthy = serials[1] ?? '';
});

afterAll(async () => {
  await lab?.stop();
  await adb?.stop();
  await rm(workDir, { recursive: true, force: true });
});

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('adb devices', () => {
  it('shows a new phone unauthorized until its RSA prompt is accepted, then as a device', async () => {
    const [first = '', second = ''] = serials;
    await adb.waitForStates([first], 'unauthorized');
    await adb.waitForStates([second], 'device');
    const denied = await adb.run(['-s', first, 'shell', 'echo', 'hi']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/unauthorized/);
    lab.controls('0')?.acceptRsaPrompt();
    await adb.waitForStates([first], 'device');
  });

  it('lists product, model and device from the CNXN banner', async () => {
    const { stdout } = await adb.run(['devices', '-l']);
    const line = stdout.split('\n').find((text) => text.startsWith(`${healthy} `)) ?? '';
    const info = lab.find('1');
    expect(line).toMatch(/\bdevice product:\S+ model:\S+ device:\S+/);
    // adb shows non-alphanumerics as '_' (SM-A536B → SM_A536B).
    expect(line).toContain(`model:${(info?.model ?? '').replace(/[^A-Za-z0-9]/g, '_')}`);
  });
});

describe('adb shell', () => {
  it('returns the command exit code and keeps stderr on stderr (shell_v2)', async () => {
    const result = await adb.run(['-s', healthy, 'shell', 'echo out; echo err >&2; exit 3']);
    expect(result).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n' });
  });

  it("reports a missing command with exit code 127 and mksh's message", async () => {
    const result = await adb.run(['-s', healthy, 'shell', 'no-such-tool']);
    expect(result.code).toBe(127);
    expect(result.stderr).toMatch(/no-such-tool: (inaccessible or )?not found/);
  });

  it('loses the exit code and merges stderr on a device without shell_v2, as old phones do', async () => {
    const result = await adb.run(['-s', serials[2] ?? '', 'shell', 'echo out; echo err >&2; exit 3']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('out\nerr\n');
  });

  it('runs an interactive shell fed from a pipe, line by line', async () => {
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(ADB, ['-P', String(adb.port), '-s', healthy, 'shell'], { env: adb.env });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('exit', (code) => resolve({ code, stdout }));
      child.stdin.end('echo first\necho second\nexit 4\n');
    });
    expect(result).toEqual({ code: 4, stdout: 'first\nsecond\n' });
  });

  it('streams binary output with exec-out', async () => {
    const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const local = join(workDir, 'bytes.bin');
    await writeFile(local, data);
    expect((await adb.run(['-s', healthy, 'push', local, '/data/local/tmp/bytes.bin'])).code).toBe(0);
    const output = await new Promise<Buffer>((resolve) => {
      execFile(
        ADB,
        ['-P', String(adb.port), '-s', healthy, 'exec-out', 'cat /data/local/tmp/bytes.bin'],
        { env: adb.env, encoding: 'buffer' },
        (_error, stdout) => resolve(stdout),
      );
    });
    expect(output.equals(data)).toBe(true);
  });

  it('serves getprop', async () => {
    const result = await adb.run(['-s', healthy, 'shell', 'getprop', 'ro.serialno']);
    expect(result.stdout.trim()).toBe(lab.find('1')?.serial);
  });

  it('refuses a service the phone does not have', async () => {
    const result = await adb.run(['-s', healthy, 'jdwp'], { timeoutMs: 10_000 });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/closed/);
  });
});

describe('adb push / pull', () => {
  it('round-trips 20 MB with an identical sha256', async () => {
    const data = randomBytes(20 * 1024 * 1024);
    const local = join(workDir, 'blob.bin');
    const back = join(workDir, 'blob.back');
    await writeFile(local, data);
    const pushed = await adb.run(['-s', healthy, 'push', local, '/sdcard/Download/blob.bin']);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toMatch(/1 file pushed/);
    const pulled = await adb.run(['-s', healthy, 'pull', '/sdcard/Download/blob.bin', back]);
    expect(pulled.code).toBe(0);
    expect(sha256(await readFile(back))).toBe(sha256(data));
  });

  it('pushes into a directory given with a trailing slash and lists it with adb ls', async () => {
    const local = join(workDir, 'note.txt');
    await writeFile(local, 'hello depot\n');
    expect((await adb.run(['-s', healthy, 'push', local, '/sdcard/Documents/'])).code).toBe(0);
    const listing = await adb.run(['-s', healthy, 'ls', '/sdcard/Documents']);
    expect(listing.stdout).toMatch(/^[0-9a-f]{8} 0000000c [0-9a-f]{8} note\.txt$/m);
    const cat = await adb.run(['-s', healthy, 'shell', 'cat', '/sdcard/Documents/note.txt']);
    expect(cat.stdout).toBe('hello depot\n');
  });

  it('reports a missing remote file', async () => {
    const result = await adb.run(['-s', healthy, 'pull', '/sdcard/none.bin', join(workDir, 'none')]);
    expect(result.code).not.toBe(0);
    // adb 29 prints this error on stdout.
    expect(result.stdout + result.stderr).toMatch(
      /failed to stat remote object '\/sdcard\/none.bin': No such file or directory/,
    );
  });
});

describe('reboot and connect', () => {
  it('adb reboot returns when the phone goes down; adb wait-for-device returns once it has booted', async () => {
    const rebooted = await adb.run(['-s', healthy, 'reboot']);
    expect(rebooted.code).toBe(0);
    const waited = await adb.run(['-s', healthy, 'wait-for-device'], { timeoutMs: 30_000 });
    expect(waited.code).toBe(0);
    const booted = await adb.run(['-s', healthy, 'shell', 'getprop', 'sys.boot_completed']);
    expect(booted.stdout.trim()).toBe('1');
  });

  it('adb disconnect removes the device and adb connect brings it back', async () => {
    const disconnected = await adb.run(['disconnect', healthy]);
    expect(disconnected.stdout).toMatch(/disconnected/);
    await adb.waitForStates([healthy], 'absent');
    const connected = await adb.run(['connect', healthy]);
    expect(connected.stdout).toMatch(/connected to/);
    await adb.waitForStates([healthy], 'device');
  });

  it('an unplugged device leaves adb devices and comes back when plugged in', async () => {
    await lab.unplug('1');
    await adb.waitForStates([healthy], 'absent');
    await lab.plug('1');
    await adb.waitForStates([healthy], 'device');
  });
});
