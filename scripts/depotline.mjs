#!/usr/bin/env node
// Entry of the `depotline` command (package.json "bin"). Node 24 runs the TypeScript
// sources directly (type stripping), so a checkout needs no build step for the CLI.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `depotline needs Node 24 or newer (this is ${process.version}).\n` +
      'Run `source scripts/bootstrap-node.sh` in the checkout to fetch it from the npm registry.\n',
  );
  process.exit(1);
}
// Caches each module's compiled (type-stripped) code on disk, keyed by its source: a command
// starts in about half the time once the cache is warm (~3 s instead of ~5 s of CPU here).
(await import('node:module')).enableCompileCache?.();
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
