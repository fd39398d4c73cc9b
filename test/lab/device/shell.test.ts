import { describe, expect, it } from 'vitest';
import { splitCommandList, parseSimpleCommand } from '../../../native/lab/adb/device/shell/tokenizer.ts';
import { phone, sh } from './helpers.ts';

const d = phone();

describe('command-line tokenizer', () => {
  it('splits on ; && || and pipes but not inside quotes', () => {
    const items = splitCommandList(`echo 'a;b' && echo "c || d" | grep c; false || echo e`);
    expect(items.map((i) => [i.joinedBy, i.pipeline])).toEqual([
      [';', [`echo 'a;b'`]],
      ['&&', [`echo "c || d"`, 'grep c']],
      [';', ['false']],
      ['||', ['echo e']],
    ]);
  });

  it('expands $? at run time, keeps single quotes literal and reads redirections', () => {
    const cmd = parseSimpleCommand(`echo "rc=$?" '$?' \\$HOME x\\ y 2>/dev/null >out.txt`, (n) =>
      n === '?' ? '3' : '',
    );
    expect(cmd.words).toEqual(['echo', 'rc=3', '$?', '$HOME', 'x y']);
    expect(cmd.redirections).toEqual([
      { fd: 2, op: '>', target: '/dev/null' },
      { fd: 1, op: '>', target: 'out.txt' },
    ]);
  });
});

describe('shell', () => {
  it("answers adbkit's `; echo rc=$?` suffix with the previous exit code", async () => {
    expect((await sh(d, 'false; echo rc=$?')).stdout).toBe('rc=1\n');
    expect((await sh(d, 'getprop ro.build.version.sdk; echo rc=$?')).stdout).toBe(
      `${d.identity.sdk}\nrc=0\n`,
    );
  });

  it('fails unknown commands as mksh does, with exit code 127', async () => {
    const r = await sh(d, 'frobnicate --now');
    expect(r).toEqual({
      stdout: '',
      stderr: '/system/bin/sh: frobnicate: inaccessible or not found\n',
      rc: 127,
    });
    expect((await sh(d, 'frobnicate; echo $?')).stdout).toBe('127\n');
  });

  it('runs && and || by exit status', async () => {
    expect((await sh(d, 'true && echo yes || echo no')).stdout).toBe('yes\n');
    expect((await sh(d, 'false && echo yes || echo no')).stdout).toBe('no\n');
  });

  it('stops at exit and returns its code', async () => {
    const r = await sh(d, 'echo one; exit 3; echo two');
    expect(r.stdout).toBe('one\n');
    expect(r.rc).toBe(3);
  });

  it('pipes into grep, including -c, -v and no match (exit 1)', async () => {
    expect((await sh(d, 'getprop | grep ro.build.version.sdk')).stdout).toBe(
      `[ro.build.version.sdk]: [${d.identity.sdk}]\n`,
    );
    expect((await sh(d, 'echo a; echo b')).stdout).toBe('a\nb\n');
    expect((await sh(d, 'getprop | grep -c "^\\[ro.product.model\\]"')).stdout).toBe('1\n');
    expect((await sh(d, 'getprop | grep no.such.property')).rc).toBe(1);
  });

  it('redirects output to files and discards stderr to /dev/null', async () => {
    expect(
      (await sh(d, 'echo hello > /sdcard/Download/greeting.txt && cat /sdcard/Download/greeting.txt')).stdout,
    ).toBe('hello\n');
    expect(
      (await sh(d, 'echo more >> /sdcard/Download/greeting.txt; cat /sdcard/Download/greeting.txt')).stdout,
    ).toBe('hello\nmore\n');
    expect(await sh(d, 'nosuchcmd 2>/dev/null')).toEqual({ stdout: '', stderr: '', rc: 127 });
    expect((await sh(d, 'nosuchcmd 2>&1')).stdout).toContain('inaccessible or not found');
  });

  it('reports an unterminated quote as a syntax error', async () => {
    const r = await sh(d, 'echo "oops');
    expect(r.rc).toBe(1);
    expect(r.stderr).toMatch(/^\/system\/bin\/sh: syntax error/);
  });

  it('accepts full paths to system binaries and sh -c', async () => {
    expect((await sh(d, '/system/bin/getprop ro.product.brand')).stdout).toBe(`${d.details.brand}\n`);
    expect((await sh(d, `sh -c 'echo inner; false'; echo $?`)).stdout).toBe('inner\n1\n');
  });
});

describe('getprop', () => {
  it('lists every property as "[name]: [value]", sorted by name', async () => {
    const lines = (await sh(d, 'getprop')).stdout.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^\[[^\]]+\]: \[.*\]$/);
    const names = lines.map((l) => l.slice(1, l.indexOf(']')));
    expect(names).toEqual([...names].sort());
    for (const key of [
      'ro.serialno',
      'ro.product.model',
      'ro.product.manufacturer',
      'ro.product.brand',
      'ro.product.device',
      'ro.build.version.release',
      'ro.build.version.sdk',
      'ro.build.fingerprint',
      'ro.build.version.security_patch',
      'sys.boot_completed',
    ]) {
      expect(names).toContain(key);
    }
  });

  it('prints one value, the default for a missing one, or an empty line', async () => {
    expect((await sh(d, 'getprop sys.boot_completed')).stdout).toBe('1\n');
    expect((await sh(d, 'getprop ro.build.version.security_patch')).stdout).toMatch(/^\d{4}-\d{2}-\d{2}\n$/);
    expect((await sh(d, 'getprop no.such.prop fallback')).stdout).toBe('fallback\n');
    expect(await sh(d, 'getprop no.such.prop')).toEqual({ stdout: '\n', stderr: '', rc: 0 });
  });
});
