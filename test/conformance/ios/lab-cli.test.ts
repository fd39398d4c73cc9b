// `depotline lab --ios N` as an operator runs it: it prints the USBMUXD_SOCKET_ADDRESS line
// to paste (and usbmuxdAddress with --json), the real idevice_id sees its devices, the
// control API serves them under /ios, and SIGTERM stops it cleanly, socket file and all.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runTool } from './support/ios-tools.ts';

const CLI = fileURLToPath(new URL('../../../scripts/depotline.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'depotline-lab-cli-ios-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runLab(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>;
  output: () => string;
} {
  const child = spawn(process.execPath, [CLI, 'lab', '--latency', 'fast', ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exit, output: () => stdout };
}

async function waitForOutput(
  lab: ReturnType<typeof runLab>,
  pattern: RegExp,
  timeoutMs = 15_000,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(lab.output());
    if (match !== null) return match;
    if (Date.now() > deadline || lab.child.exitCode !== null)
      throw new Error(`no ${String(pattern)} in:\n${lab.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('depotline lab --ios', () => {
  it('prints the USBMUXD_SOCKET_ADDRESS line, serves idevice_id, and cleans up on SIGTERM', async () => {
    const lab = runLab(['--ios', '2', '--seed', 'cli']);
    await waitForOutput(lab, /Press Ctrl-C to stop\./);
    const [, address = ''] = await waitForOutput(lab, /^USBMUXD_SOCKET_ADDRESS=(UNIX:\/\S+)$/m);
    const [, controlUrl = ''] = await waitForOutput(lab, /^Control API: (http:\S+)$/m);

    const listed = await runTool(address, 'idevice_id', ['-l']);
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    const devices = (await (await fetch(`${controlUrl}/ios/devices`)).json()) as {
      devices: Array<{ udid: string }>;
    };
    expect(devices.devices.map((device) => device.udid).sort()).toEqual(
      listed.stdout.trim().split('\n').sort(),
    );

    lab.child.kill('SIGTERM');
    const { code, stdout } = await lab.exit;
    expect(code).toBe(0);
    expect(stdout).toContain('Lab stopped.');
    expect(existsSync(address.slice('UNIX:'.length))).toBe(false);
  });

  it('with --json prints usbmuxdAddress and the iOS devices, on the address given', async () => {
    const socket = join(dir, 'mux.sock');
    const lab = runLab(['--ios', '1', '--usbmuxd', socket, '--accept-trust-after', 'never', '--json']);
    await waitForOutput(lab, /\n}\n$/);
    const printed = JSON.parse(lab.output()) as {
      controlUrl: string;
      devices: unknown[];
      usbmuxdAddress: string;
      iosDevices: Array<{ udid: string; trust: string }>;
    };
    expect(printed.usbmuxdAddress).toBe(`UNIX:${socket}`);
    expect(printed.devices).toEqual([]);
    expect(printed.iosDevices).toHaveLength(1);
    expect((await runTool(printed.usbmuxdAddress, 'idevice_id', ['-l'])).stdout.trim()).toBe(
      printed.iosDevices[0]?.udid,
    );
    lab.child.kill('SIGTERM');
    expect((await lab.exit).code).toBe(0);
  });

  it('refuses to start with no devices at all', async () => {
    const { code, stderr } = await runLab([]).exit;
    expect(code).toBe(1);
    expect(stderr).toContain('give --android N and/or --ios N');
  });
});
