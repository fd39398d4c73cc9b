// The lab inspects an APK once for all its phones (native/lab/adb/device/packages/
// apk-inspections.ts). What must hold: an answer is reused only for byte-identical APKs, so a
// corrupted or tampered copy is still inspected, and refused, on its own; uploads that match
// a held APK yield that APK's bytes exactly; uploads that differ anywhere, or end early, yield
// exactly what was sent; and no two phones share the arrays of an answer.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as apk from '../../../native/apk/index.ts';
import {
  ApkInspections,
  labApkInspections,
  readApkUpload,
} from '../../../native/lab/adb/device/packages/apk-inspections.ts';
import { apkBytes, phone, sh } from './helpers.ts';

vi.mock('../../../native/apk/index.ts', { spy: true });

async function* chunks(data: Buffer, sizes: number[]): AsyncIterable<Buffer> {
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const size = sizes[i % sizes.length] ?? data.length;
    yield await Promise.resolve(data.subarray(at, at + size));
    at += size;
  }
}

const never = new AbortController().signal;

/** A copy with one byte flipped in the middle: the same size, a different APK. */
function corrupt(data: Buffer, at = data.length >> 1): Buffer {
  const copy = Buffer.from(data);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}

afterEach(() => {
  vi.mocked(apk.readApkInfo).mockClear();
});

describe('ApkInspections', () => {
  it('inspects identical bytes once, and a corrupted copy of the same size again', async () => {
    const inspections = new ApkInspections();
    const genuine = await apkBytes('bulky');
    const first = await inspections.inspect(Buffer.from(genuine));
    const again = await inspections.inspect(Buffer.from(genuine));
    expect(again).toEqual(first);
    expect(apk.readApkInfo).toHaveBeenCalledTimes(1);

    const tampered = await inspections.inspect(corrupt(genuine));
    expect(apk.readApkInfo).toHaveBeenCalledTimes(2);
    expect(first.signatureVerified).toBe(true);
    expect(tampered.signatureVerified).toBe(false);
    expect(tampered.signatureProblems.join()).toMatch(/content digest mismatch/);
  });

  it('shares one inspection between phones that finish the same upload together', async () => {
    const inspections = new ApkInspections();
    const genuine = await apkBytes('notesV1');
    const answers = await Promise.all([1, 2, 3].map(() => inspections.inspect(Buffer.from(genuine))));
    expect(apk.readApkInfo).toHaveBeenCalledTimes(1);
    // Each caller has its own copy: one phone's package table cannot change another's.
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.usesPermissions).not.toBe(answers[1]?.usesPermissions);
  });

  it('keeps its own copy of what it inspected: changing the caller’s buffer changes nothing', async () => {
    const inspections = new ApkInspections();
    const genuine = await apkBytes('notesV1');
    const mine = Buffer.from(genuine);
    await inspections.inspect(mine);
    mine.fill(0);
    expect(inspections.sameSize(genuine.length)[0]?.equals(genuine)).toBe(true);
  });

  it('forgets what is not an APK, and the least recently used beyond its limits', async () => {
    const inspections = new ApkInspections({ maxBytes: 1000, maxEntries: 2 });
    await expect(inspections.inspect(randomBytes(100))).rejects.toThrow(apk.ApkError);
    expect(inspections.size).toBe(0);

    const [a, b, c] = [randomBytes(300), randomBytes(300), randomBytes(300)];
    for (const bytes of [a, b, c]) inspections.remember(Buffer.from(bytes));
    expect(inspections.sameSize(300).map((kept) => kept.equals(a))).toEqual([false, false]);
    inspections.remember(Buffer.from(b)); // b is used again: c goes first now
    inspections.remember(randomBytes(400));
    expect(inspections.sameSize(300).map((kept) => kept.equals(b))).toEqual([true]);
    expect(inspections.size).toBe(2);

    inspections.remember(randomBytes(1001)); // bigger than the whole budget: not kept
    expect(inspections.size).toBe(2);
  });
});

describe('readApkUpload', () => {
  const sizes = [65_536, 1, 300_000, 4096, 1_048_576];

  it('yields the held APK itself when the upload matches it, however it is chunked', async () => {
    const inspections = new ApkInspections();
    const genuine = await apkBytes('bulky');
    const held = inspections.remember(Buffer.from(genuine));
    const uploaded = await readApkUpload(chunks(genuine, sizes), genuine.length, never, inspections);
    expect(uploaded).toBe(held);
  });

  it('yields exactly the bytes sent when they differ from a held APK anywhere', async () => {
    const inspections = new ApkInspections();
    const genuine = await apkBytes('bulky');
    inspections.remember(Buffer.from(genuine));
    for (const at of [0, 65_535, 65_536, genuine.length >> 1, genuine.length - 1]) {
      const sent = corrupt(genuine, at);
      const uploaded = await readApkUpload(chunks(sent, sizes), sent.length, never, inspections);
      expect(uploaded.equals(sent)).toBe(true);
    }
  });

  it('finds what a neighbour finished uploading meanwhile, and remembers a new upload once', async () => {
    const inspections = new ApkInspections();
    const genuine = await apkBytes('notesV1');
    const [first, second] = await Promise.all([
      readApkUpload(chunks(genuine, [4096]), genuine.length, never, inspections),
      readApkUpload(chunks(genuine, [1000]), genuine.length, never, inspections),
    ]);
    expect(first?.equals(genuine)).toBe(true);
    expect(second).toBe(first);
    expect(inspections.size).toBe(1);
  });

  it('stops at the declared size, and yields what came when the stream ends early', async () => {
    const inspections = new ApkInspections();
    const genuine = await apkBytes('notesV1');
    const held = inspections.remember(Buffer.from(genuine));
    const extra = Buffer.concat([genuine, Buffer.from('trailing')]);
    const exact = await readApkUpload(chunks(extra, [1000]), genuine.length, never, inspections);
    expect(exact).toBe(held);
    const half = genuine.subarray(0, genuine.length >> 1);
    const short = await readApkUpload(chunks(half, [777]), genuine.length, never, inspections);
    expect(short.equals(half)).toBe(true);
    short.fill(0); // its own bytes, not a view of the held APK
    expect(held.equals(genuine)).toBe(true);
    expect((await readApkUpload(chunks(Buffer.alloc(0), []), 0, never, inspections)).length).toBe(0);
  });
});

describe('phones installing the same APK', () => {
  const install = (device: ReturnType<typeof phone>, data: Buffer) =>
    sh(device, `cmd package install -S ${data.length}`, data);

  it('each verify their own bytes: a corrupted copy of one already installed is refused', async () => {
    labApkInspections.clear();
    const genuine = await apkBytes('bulky');
    const [a, b, c] = [phone(0), phone(1), phone(2)];
    expect((await install(a, genuine)).stdout).toBe('Success\n');
    const refused = await install(b, corrupt(genuine));
    expect(refused.stdout).toMatch(/^Failure \[INSTALL_PARSE_FAILED_NO_CERTIFICATES: /);
    expect((await sh(b, 'pm list packages bulky')).stdout).toBe('');
    expect((await install(c, genuine)).stdout).toBe('Success\n');
    expect(apk.readApkInfo).toHaveBeenCalledTimes(2); // the genuine APK once, the corrupted copy once
    for (const device of [a, b, c]) device.dispose();
  });

  it('keep their own package tables: a grant on one phone is not a grant on another', async () => {
    const scanner = await apkBytes('scanner');
    const [a, b] = [phone(3), phone(4)];
    for (const device of [a, b]) expect((await install(device, scanner)).stdout).toBe('Success\n');
    expect((await sh(a, 'pm grant org.depotline.sample.scanner android.permission.CAMERA')).rc).toBe(0);
    const camera = async (device: ReturnType<typeof phone>) =>
      /android\.permission\.CAMERA: granted=(\w+)/.exec(
        (await sh(device, 'dumpsys package org.depotline.sample.scanner')).stdout,
      )?.[1];
    expect(await camera(a)).toBe('true');
    expect(await camera(b)).toBe('false');
    for (const device of [a, b]) device.dispose();
  });
});

describe('phones receiving the same APK in step', () => {
  /** A stream the test feeds chunk by chunk, to interleave two uploads as a batch does. */
  function feed() {
    const queue: (Buffer | undefined)[] = [];
    let wake: (() => void) | undefined;
    const stream = (async function* () {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const next = queue.shift();
        if (next === undefined) return;
        yield next;
      }
    })();
    return {
      stream,
      push: (chunk: Buffer | undefined) => {
        queue.push(chunk);
        wake?.();
      },
    };
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  /**
   * Sends `a` to the first upload (the one the other follows) and `b` to the second, `step`
   * bytes at a time; the second `lag` steps behind (ahead when negative). The first stream
   * ends after `cutAt` bytes when given (a cable pulled).
   */
  async function inStep(a: Buffer, b: Buffer, options: { step: number; lag: number; cutAt?: number }) {
    const inspections = new ApkInspections();
    const [first, second] = [feed(), feed()];
    const results = Promise.all([
      readApkUpload(first.stream, a.length, never, inspections),
      readApkUpload(second.stream, b.length, never, inspections),
    ]);
    const aEnd = options.cutAt ?? a.length;
    const steps = Math.ceil(Math.max(a.length, b.length) / options.step) + Math.abs(options.lag);
    for (let i = 0; i < steps; i++) {
      const at = (i - Math.max(0, -options.lag)) * options.step;
      if (at >= 0 && at < aEnd) first.push(a.subarray(at, Math.min(at + options.step, aEnd)));
      const bAt = (i - Math.max(0, options.lag)) * options.step;
      if (bAt >= 0 && bAt < b.length) second.push(b.subarray(bAt, bAt + options.step));
      await turn();
    }
    first.push(undefined);
    second.push(undefined);
    return { results: await results, inspections };
  }

  it('a follower behind the first upload gets the very bytes the lab kept, and nothing is left in progress', async () => {
    const genuine = await apkBytes('bulky');
    const { results, inspections } = await inStep(genuine, Buffer.from(genuine), { step: 70_000, lag: 3 });
    expect(results[0].equals(genuine)).toBe(true);
    expect(results[1]).toBe(results[0]);
    expect(inspections.size).toBe(1);
    expect(inspections.uploads.leaderFor(genuine.length)).toBeUndefined();
  });

  it('a follower whose bytes differ anywhere, or that runs ahead, yields exactly what it was sent', async () => {
    const genuine = await apkBytes('bulky');
    for (const at of [0, 69_999, 70_000, genuine.length >> 1, genuine.length - 1]) {
      const sent = corrupt(genuine, at);
      const { results } = await inStep(genuine, sent, { step: 70_000, lag: 2 });
      expect(results[0].equals(genuine)).toBe(true);
      expect(results[1].equals(sent), `differing at ${at}`).toBe(true);
    }
    const ahead = await inStep(genuine, Buffer.from(genuine), { step: 50_000, lag: -4 });
    expect(ahead.results[1].equals(genuine)).toBe(true);
  });

  it('a follower whose leader is cut off part-way still gets all of its own bytes', async () => {
    const genuine = await apkBytes('bulky');
    const { results } = await inStep(genuine, Buffer.from(genuine), {
      step: 60_000,
      lag: 1,
      cutAt: 180_000,
    });
    expect(results[0].equals(genuine.subarray(0, 180_000))).toBe(true);
    expect(results[1].equals(genuine)).toBe(true);
  });
});
