// The host side of pairing: usbmuxd keeps one pair record per device UDID for every
// libimobiledevice client on the machine (ReadPairRecord / SavePairRecord /
// DeletePairRecord). In memory by default; with a directory, as files named like real
// usbmuxd's /var/lib/lockdown/<UDID>.plist, so records outlive a lab restart.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** UDIDs and the odd host-chosen record ID: never a path. */
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function isValidPairRecordId(id: string): boolean {
  return RECORD_ID.test(id) && !id.includes('..');
}

export class PairRecordStore {
  readonly #records = new Map<string, Buffer>();
  readonly #dir: string | undefined;

  constructor(dir?: string) {
    this.#dir = dir;
    if (dir !== undefined) mkdirSync(dir, { recursive: true });
  }

  read(id: string): Buffer | undefined {
    const cached = this.#records.get(id);
    if (cached !== undefined || this.#dir === undefined) return cached;
    try {
      const data = readFileSync(this.#file(id));
      this.#records.set(id, data);
      return data;
    } catch {
      return undefined;
    }
  }

  save(id: string, data: Buffer): void {
    this.#records.set(id, Buffer.from(data));
    if (this.#dir !== undefined) writeFileSync(this.#file(id), data, { mode: 0o600 });
  }

  /** False when there was no record. */
  delete(id: string): boolean {
    const existed = this.read(id) !== undefined;
    this.#records.delete(id);
    if (this.#dir !== undefined) rmSync(this.#file(id), { force: true });
    return existed;
  }

  ids(): string[] {
    return [...this.#records.keys()];
  }

  #file(id: string): string {
    if (!isValidPairRecordId(id)) throw new Error(`invalid pair record ID "${id}"`);
    return join(this.#dir ?? '.', `${id}.plist`);
  }
}
