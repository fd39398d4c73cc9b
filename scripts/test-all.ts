// `npm test`: everything CI runs, in order, stopping at nothing so one run shows every
// failure. Ends with one line "tests: N passed, N failed, N skipped" summed over vitest and
// Playwright, and exits non-zero if any step failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reports = mkdtempSync(join(tmpdir(), 'depotline-test-reports-'));
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  /**
   * Steps sharing a group run at the same time, their output printed whole as each ends. The
   * static checks are each one single-threaded process: side by side they use both cores.
   */
  group?: string;
}

const npx = (...args: string[]) => ['npx', '--no-install', ...args];
const steps: Step[] = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'], group: 'checks' },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'], group: 'checks' },
  { name: 'build', command: [process.execPath, 'scripts/build.ts'], group: 'checks' },
  {
    name: 'unit, store, lab and conformance tests (vitest)',
    command: npx('vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`),
  },
  {
    name: 'end-to-end tests (Playwright, Chromium)',
    command: npx('playwright', 'test', '--reporter=list,json'),
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
  },
  {
    name: 'Electron security scan (electronegativity)',
    command: [process.execPath, 'scripts/electronegativity.ts'],
  },
];

const only = process.argv.slice(2);
const failed: string[] = [];
const chosen = steps.filter((step) => only.length === 0 || only.some((word) => step.name.includes(word)));
for (let index = 0; index < chosen.length;) {
  const group = chosen[index]!.group;
  let end = index + 1;
  while (group !== undefined && end < chosen.length && chosen[end]!.group === group) end += 1;
  const batch = chosen.slice(index, end);
  if (batch.length > 1)
    process.stdout.write(`\n=== ${batch.map((step) => step.name).join(', ')}: side by side\n`);
  await Promise.all(batch.map((step) => runStep(step, batch.length > 1)));
  index = end;
}

/** Runs one step; `captured`: its output is held and printed whole when it ends. */
async function runStep(step: Step, captured: boolean): Promise<void> {
  if (!captured) process.stdout.write(`\n=== ${step.name}\n`);
  const started = Date.now();
  const [command, ...args] = step.command as [string, ...string[]];
  const child = spawn(command, args, {
    stdio: captured ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...step.env },
  });
  const output: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on('error', () => resolve([null, null]));
    child.on('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) failed.push(step.name);
  if (captured) process.stdout.write(`\n=== ${step.name}\n${Buffer.concat(output).toString('utf8')}`);
  process.stdout.write(
    `=== ${step.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code ?? signal ?? 'spawn error'})`} in ${seconds} s\n`,
  );
}

const counts = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  counts.passed += v.numPassedTests;
  counts.failed += v.numFailedTests;
  counts.skipped += v.numPendingTests + v.numTodoTests;
}
if (existsSync(playwrightJson)) {
  const p = JSON.parse(readFileSync(playwrightJson, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  counts.passed += p.stats.expected + p.stats.flaky;
  counts.failed += p.stats.unexpected;
  counts.skipped += p.stats.skipped;
}
if (failed.length > 0) process.stdout.write(`\nFailed steps: ${failed.join('; ')}\n`);
process.stdout.write(
  `\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
);
process.exit(failed.length > 0 ? 1 : 0);
