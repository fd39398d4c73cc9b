import { describe, expect, it } from 'vitest';
import { phone, sh } from './helpers.ts';

describe('settings', () => {
  it('gets, puts and deletes in each namespace, printing "null" for missing keys', async () => {
    const d = phone();
    for (const ns of ['global', 'secure', 'system']) {
      expect(await sh(d, `settings get ${ns} depot_marker`)).toEqual({ stdout: 'null\n', stderr: '', rc: 0 });
      expect(await sh(d, `settings put ${ns} depot_marker "bench 4"`)).toEqual({
        stdout: '',
        stderr: '',
        rc: 0,
      });
      expect((await sh(d, `settings get ${ns} depot_marker`)).stdout).toBe('bench 4\n');
      expect((await sh(d, `settings delete ${ns} depot_marker`)).stdout).toBe('Deleted 1 rows\n');
      expect((await sh(d, `settings delete ${ns} depot_marker`)).stdout).toBe('Deleted 0 rows\n');
    }
    d.dispose();
  });

  it('lists a namespace as sorted key=value lines', async () => {
    const d = phone();
    await sh(d, 'settings put global aaa_first 1');
    const lines = (await sh(d, 'settings list global')).stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('aaa_first=1');
    expect(lines).toContain('adb_enabled=1');
    expect(lines).toContain('device_provisioned=1');
    for (const l of lines) expect(l).toMatch(/^[^=]+=.*$/);
    expect(lines).toEqual([...lines].sort());
    expect((await sh(d, 'settings list secure')).stdout).toMatch(/^user_setup_complete=1$/m);
    d.dispose();
  });

  it('rejects a bad namespace or verb the way SettingsService does', async () => {
    const d = phone();
    expect(await sh(d, 'settings get nowhere x')).toEqual({
      stdout: '',
      stderr: "Invalid namespace 'nowhere'\n",
      rc: 255,
    });
    expect(await sh(d, 'settings fetch global x')).toEqual({
      stdout: '',
      stderr: 'Invalid command: fetch\n',
      rc: 255,
    });
    expect((await sh(d, 'settings get global')).stderr).toBe('Bad arguments\n');
    expect((await sh(d, 'cmd settings get global adb_enabled')).stdout).toBe('1\n');
    d.dispose();
  });
});
