import { describe, expect, it } from 'vitest';
import { PHONE_MODELS } from '../../../native/lab/adb/device/catalog.ts';
import {
  createLabAndroidDevice,
  generateIdentity,
  isValidLuhn,
  luhnCheckDigit,
} from '../../../native/lab/adb/device/index.ts';
import { sh } from './helpers.ts';

describe('device identities', () => {
  it('computes the Luhn check digit of a known IMEI', () => {
    // 490154203237518 is the standard worked example of an IMEI check digit.
    expect(luhnCheckDigit('49015420323751')).toBe(8);
    expect(isValidLuhn('490154203237518')).toBe(true);
    expect(isValidLuhn('490154203237517')).toBe(false);
  });

  it('gives the same phone for the same seed and index, another for another seed', () => {
    expect(generateIdentity('lab-a', 7)).toEqual(generateIdentity('lab-a', 7));
    expect(generateIdentity('lab-b', 7).serial).not.toBe(generateIdentity('lab-a', 7).serial);
  });

  it('makes 60 distinct, plausible phones covering Android 11 to 16', () => {
    const ids = Array.from({ length: 60 }, (_, i) => generateIdentity('fleet', i));
    expect(new Set(ids.map((d) => d.serial)).size).toBe(60);
    expect(new Set(ids.map((d) => d.imei)).size).toBe(60);
    expect(new Set(ids.map((d) => d.androidRelease))).toEqual(new Set(['11', '12', '13', '14', '15', '16']));
    const sdkFor: Record<string, number> = { '11': 30, '12': 31, '13': 33, '14': 34, '15': 35, '16': 36 };
    for (const d of ids) {
      expect(d.imei).toMatch(/^\d{15}$/);
      expect(isValidLuhn(d.imei)).toBe(true);
      expect(d.sdk).toBe(sdkFor[d.androidRelease]);
      const model = PHONE_MODELS.find((m) => m.model === d.model && m.manufacturer === d.manufacturer);
      expect(model?.releases).toContain(Number(d.androidRelease));
      expect(d.imei.startsWith(model?.tac ?? 'x')).toBe(true);
      expect(d.batteryLevel).toBeGreaterThanOrEqual(0);
      expect(d.batteryLevel).toBeLessThanOrEqual(100);
      expect(d.fingerprint).toBe(
        `${d.brand}/${d.product}/${d.device}:${d.androidRelease}/${d.buildId}/${d.incremental}:user/release-keys`,
      );
    }
    expect(new Set(ids.map((d) => d.manufacturer)).size).toBeGreaterThan(3);
  });

  it('reports one identity everywhere: banner, getprop and the identity object', async () => {
    const d = createLabAndroidDevice({ seed: 'banner', index: 2, latency: 'fast' });
    const props = (await sh(d, 'getprop')).stdout;
    const prop = (k: string): string | undefined =>
      new RegExp(`^\\[${k.replace(/\./g, '\\.')}\\]: \\[(.*)\\]$`, 'm').exec(props)?.[1];
    expect(prop('ro.serialno')).toBe(d.serial);
    expect(prop('ro.product.model')).toBe(d.identity.model);
    expect(prop('ro.product.manufacturer')).toBe(d.identity.manufacturer);
    expect(prop('ro.build.version.release')).toBe(d.identity.androidRelease);
    expect(prop('ro.build.version.sdk')).toBe(String(d.identity.sdk));
    expect(d.bannerProperties()).toEqual({
      'ro.product.name': prop('ro.product.name'),
      'ro.product.model': prop('ro.product.model'),
      'ro.product.device': prop('ro.product.device'),
    });
    d.dispose();
  });
});
