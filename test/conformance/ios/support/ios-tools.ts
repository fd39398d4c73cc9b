// Runs Debian's libimobiledevice tools against a lab in the test process. Always
// asynchronously: the lab answers them from this process's event loop, so a synchronous
// spawn would wait forever for a reply nobody can send.
import { execFile } from 'node:child_process';

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runTool(
  usbmuxdAddress: string,
  tool: string,
  args: readonly string[],
  timeoutMs = 20_000,
): Promise<ToolResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      { env: { ...process.env, USBMUXD_SOCKET_ADDRESS: usbmuxdAddress }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const ms = performance.now() - started;
        if (error !== null && typeof error.code !== 'number') {
          reject(new Error(`${tool} ${args.join(' ')}: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr, ms });
      },
    );
  });
}

/** ideviceinfo's default "Key: value" output as a map (nested values keep their first line). */
export function parseKeyValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z0-9]+): (.*)$/.exec(line);
    if (match !== null) values.set(match[1] ?? '', match[2] ?? '');
  }
  return values;
}
