// `npm test`: everything CI runs, in order, stopping at nothing so one run shows every
// failure. Ends with one line "tests: N passed, N failed, N skipped" summed over vitest and
// Playwright, and exits non-zero if any step failed.
import { spawnSync } from 'node:child_process';
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
}

const npx = (...args: string[]) => ['npx', '--no-install', ...args];
const steps: Step[] = [
  { name: 'typecheck', command: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', command: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', command: [process.execPath, 'scripts/build.ts'] },
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
for (const step of steps) {
  if (only.length > 0 && !only.some((word) => step.name.includes(word))) continue;
  process.stdout.write(`\n=== ${step.name}\n`);
  const started = Date.now();
  const [command, ...args] = step.command as [string, ...string[]];
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) failed.push(step.name);
  process.stdout.write(
    `=== ${step.name}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s\n`,
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
