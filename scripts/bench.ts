// `npm run bench -- NAME` runs test/bench/NAME.ts; with no name it lists the benchmarks.
// Benchmarks are programs, not tests: they print figures, ratios against a baseline measured
// in the same run, and a last JSON line (see test/bench/report.ts).
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('../test/bench/', import.meta.url));
const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.ts') && file !== 'report.ts')
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  if (name) process.stderr.write(`No benchmark named "${name}".\n`);
  process.stdout.write(`Benchmarks: ${available.join(', ')}\nRun one with: npm run bench -- NAME\n`);
  process.exit(name ? 2 : 0);
}
const result = spawnSync(process.execPath, [`${benchDir}${name}.ts`, ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);
