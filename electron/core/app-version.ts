import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version in package.json: the one number the CLI, app.info and packaging all show. */
export function readPackageVersion(): string {
  cached ??= (
    JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return cached;
}
