// PackageInstaller sessions as `pm install-create/-write/-commit/-abandon` drive them
// (adb's install-multiple and many MDM tools use these instead of a plain install).
import { SeededRandom } from '../prng.ts';
import type { InstallOptions } from './installer.ts';

export interface InstallSession {
  id: number;
  options: InstallOptions;
  /** Split name → bytes written so far (the base APK is usually "base.apk" or "0"). */
  files: Map<string, Buffer>;
}

export class SessionTable {
  private readonly sessions = new Map<number, InstallSession>();
  private readonly rng: SeededRandom;

  constructor(serial: string) {
    this.rng = new SeededRandom('sessions', serial, Date.now());
  }

  create(options: InstallOptions): InstallSession {
    // Real session ids are random positive 31-bit integers.
    let id = this.rng.int(100_000_000, 2_147_483_646);
    while (this.sessions.has(id)) id = this.rng.int(100_000_000, 2_147_483_646);
    const session = { id, options, files: new Map<string, Buffer>() };
    this.sessions.set(id, session);
    return session;
  }

  get(id: number): InstallSession | undefined {
    return this.sessions.get(id);
  }

  close(id: number): void {
    this.sessions.delete(id);
  }

  clear(): void {
    this.sessions.clear();
  }
}

/** Where PackageInstallerSession stages an APK: /data/app/vmdl<id>.tmp/<split>.apk. */
export function stagedPath(sessionId: number, splitName = 'base'): string {
  const file = splitName.endsWith('.apk') ? splitName : `${splitName}.apk`;
  return `/data/app/vmdl${sessionId}.tmp/${file}`;
}
