// Deterministic randomness for device identities: the same seed and index must give the
// same phone on every run and every machine, so a lab can be reproduced from its seed.
import { createHash } from 'node:crypto';

export class SeededRandom {
  private readonly key: string;
  private pool: Buffer = Buffer.alloc(0);
  private offset = 0;
  private counter = 0;

  constructor(...parts: Array<string | number>) {
    this.key = parts.join('\u0000');
  }

  /** An unsigned 32-bit integer; SHA-256 in counter mode is slow but plenty for identities. */
  uint32(): number {
    if (this.offset + 4 > this.pool.length) {
      this.pool = createHash('sha256').update(`${this.key}\u0000${this.counter++}`).digest();
      this.offset = 0;
    }
    const value = this.pool.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + (this.uint32() % (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }
}
