// The lab's package manager installs one package at a time per phone, as PackageManagerService
// does under mInstallLock: a second commit waits for the first, and a failed one lets the next go.
import { describe, expect, it } from 'vitest';
import { InstallLock } from '../../../native/lab/adb/device/packages/install-lock.ts';

/** Lets every pending callback run (the lock hands over through promise reactions). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('install lock', () => {
  it('starts an install only once the one asked for before it has finished', async () => {
    const lock = new InstallLock();
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = lock.hold(async () => {
      order.push('first starts');
      await new Promise<void>((resolve) => (finishFirst = resolve));
      order.push('first ends');
    });
    const second = lock.hold(() => {
      order.push('second starts');
      return Promise.resolve('second');
    });
    await settle();
    expect(order).toEqual(['first starts']);
    finishFirst();
    await first;
    expect(await second).toBe('second');
    expect(order).toEqual(['first starts', 'first ends', 'second starts']);
  });

  it('lets the next install go after one that failed', async () => {
    const lock = new InstallLock();
    const failed = lock.hold(async () => {
      await settle();
      throw new Error('Failure [INSTALL_FAILED_INTERNAL_ERROR]');
    });
    const next = lock.hold(() => Promise.resolve('installed'));
    await expect(failed).rejects.toThrow(/INSTALL_FAILED_INTERNAL_ERROR/);
    expect(await next).toBe('installed');
  });
});
