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
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
