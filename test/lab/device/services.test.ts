import { describe, expect, it } from 'vitest';
import { phone, sh } from './helpers.ts';

describe('dumpsys battery', () => {
  it('prints BatteryService state and follows the lab controls', async () => {
    const d = phone(3);
    d.control.setBattery({ level: 57, health: 'overheat', charging: false, temperatureTenthsC: 452 });
    const out = (await sh(d, 'dumpsys battery')).stdout;
    expect(out).toMatch(
      /^Current Battery Service state:\n {2}AC powered: false\n {2}USB powered: false\n {2}Wireless powered: false\n {2}Dock powered: false\n/,
    );
    expect(out).toContain('\n  status: 3\n  health: 3\n  present: true\n  level: 57\n  scale: 100\n');
    expect(out).toContain('\n  temperature: 452\n  technology: Li-ion\n');
    d.control.setBattery({ level: 100, charging: true, health: 'good' });
    expect((await sh(d, 'dumpsys battery | grep -e status -e health -e "USB powered"')).stdout).toBe(
      '  USB powered: true\n  status: 5\n  health: 2\n',
    );
    d.dispose();
  });

  it('has no Dock line before Android 14', async () => {
    const d = phone(0);
    expect((await sh(d, 'dumpsys battery')).stdout).not.toContain('Dock powered');
    d.dispose();
  });
});

describe('other services and tools', () => {
  it('answers wm size/density and accepts input events silently', async () => {
    const d = phone();
    expect((await sh(d, 'wm size')).stdout).toBe('Physical size: 1080x2400\n');
    await sh(d, 'wm density 320');
    expect((await sh(d, 'wm density')).stdout).toBe('Physical density: 420\nOverride density: 320\n');
    expect(await sh(d, 'input keyevent KEYCODE_WAKEUP && input tap 10 20 && input text hello')).toEqual({
      stdout: '',
      stderr: '',
      rc: 0,
    });
    expect((await sh(d, 'input')).rc).toBe(1);
    d.dispose();
  });

  it('fails unknown cmd services and dumpsys services like the real tools', async () => {
    const d = phone();
    expect(await sh(d, 'cmd nosuch thing')).toEqual({
      stdout: '',
      stderr: "cmd: Can't find service: nosuch\n",
      rc: 20,
    });
    expect(await sh(d, 'dumpsys nosuch')).toEqual({
      stdout: '',
      stderr: "Can't find service: nosuch\n",
      rc: 0,
    });
    expect((await sh(d, 'pm frobnicate')).stdout).toBe('Unknown command: frobnicate\n');
    d.dispose();
  });

  it('dumps an unknown package without a Packages section', async () => {
    const d = phone();
    const out = (await sh(d, 'dumpsys package org.nope')).stdout;
    expect(out).not.toContain('Packages:');
    expect((await sh(d, 'dumpsys package com.android.settings')).stdout).toContain(
      '  Package [com.android.settings] (',
    );
    d.dispose();
  });
});
