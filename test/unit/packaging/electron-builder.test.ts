// The packaging configuration, checked offline. electron-builder cannot package for real here
// (it downloads Electron from GitHub), but with a stand-in Electron binary its `dir` target
// runs and shows exactly what lands in app.asar; the stand-in carries a fuse wire, so the
// fuses the config asks for are checked too.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractFile, listPackage } from '@electron/asar';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { buildElectron } from '../../../scripts/build-electron.ts';
import { buildRenderer, RENDERER_INDEX } from '../../../scripts/build.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

/** The fuse wire of Electron 45 as shipped: sentinel, version 1, 8 fuses (RunAsNode … GrantFileProtocolExtraPrivileges). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const SHIPPED_FUSES = '10110001';

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation (which rejects unknown keys)', async () => {
    const config = await getConfig(ROOT, null, null);
    await validateConfiguration(config, new DebugLogger(false));
    await expect(
      validateConfiguration({ ...config, appIdentifier: 'x' } as Configuration, new DebugLogger(false)),
    ).rejects.toThrow();
  });

  it('names the app and builds an installer per platform', async () => {
    const config = await getConfig(ROOT, null, null);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Depotline');
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux?.maintainer).toMatch(/<.+@.+>/);
    // The deb's homepage comes from package.json.
    expect(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage?: string }).homepage,
    ).toMatch(/^https:\/\//);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('has icons of the sizes each platform needs', async () => {
    const config = await getConfig(ROOT, null, null);
    expect(pngSize(join(ROOT, config.mac?.icon ?? ''))).toEqual({ width: 512, height: 512 });
    expect(pngSize(join(ROOT, config.win?.icon ?? ''))).toEqual({ width: 256, height: 256 });
    expect(pngSize(join(ROOT, config.linux?.icon ?? '', '512x512.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(join(ROOT, config.linux?.icon ?? '', '256x256.png'))).toEqual({ width: 256, height: 256 });
  });
});

describe('the packaged app (dir target, stand-in Electron)', () => {
  const work = mkdtempSync(join(tmpdir(), 'depotline-package-'));
  const out = join(work, 'out');
  const appDir = join(out, 'linux-unpacked');
  const asarPath = join(appDir, 'resources', 'app.asar');
  let packed: string[] = [];
  let unpacked: string[] = [];

  beforeAll(async () => {
    await buildElectron();
    // The renderer build is the renderer's own (vite); build it once if nothing did yet.
    if (!existsSync(RENDERER_INDEX)) buildRenderer();

    const electronDist = join(work, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(
      join(electronDist, 'electron'),
      `stand-in for the Electron binary\n${FUSE_SENTINEL}\x01\x08${SHIPPED_FUSES}\n`,
      { mode: 0o755 },
    );
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'electron-builder', 'cli.js'),
        '--linux',
        'dir',
        '--x64',
        '--projectDir',
        ROOT,
        '-c.npmRebuild=false',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${out}`,
      ],
      { cwd: ROOT, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const entries = listPackage(asarPath, { isPack: true }).map((line) => {
      const [state = '', path = ''] = line.split(/\s*:\s+/);
      return { state: state.trim(), path };
    });
    packed = entries.filter((entry) => entry.state === 'pack').map((entry) => entry.path);
    unpacked = entries.filter((entry) => entry.state === 'unpack').map((entry) => entry.path);
  }, 240_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the built main, preload, core host and renderer', () => {
    for (const file of [
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/electron/core-host.cjs',
      '/dist/renderer/index.html',
      '/package.json',
    ]) {
      expect(packed, file).toContain(file);
    }
    expect(
      packed.some((path) => /^\/dist\/renderer\/assets\/.+\.js$/.test(path)),
      'renderer scripts',
    ).toBe(true);
    const pkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('holds nothing but the build output and production modules: no sources, tests, tools or source maps', () => {
    const topLevel = new Set([...packed, ...unpacked].map((path) => path.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
    const dist = new Set(
      packed.filter((path) => path.startsWith('/dist/')).map((path) => path.split('/')[2]),
    );
    expect([...dist].sort()).toEqual(['electron', 'renderer']);
    expect(packed.filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('keeps better-sqlite3 outside the archive, with the native binary of the platform only', () => {
    const inArchive = packed.filter((path) => path.startsWith('/node_modules/better-sqlite3'));
    expect(inArchive, 'better-sqlite3 files packed inside app.asar').toEqual([]);
    expect(unpacked).toContain('/node_modules/better-sqlite3/lib/index.js');
    const binaries = unpacked.filter((path) => path.endsWith('.node'));
    expect(binaries).toContain('/node_modules/better-sqlite3/prebuilds/linux-x64.node');
    // Besides SQLite's, only the optional OS keyring binding's binary for this platform.
    expect(
      binaries.filter(
        (path) =>
          !/\/prebuilds\/linux-[a-z0-9]+\.node$/.test(path) &&
          !/^\/node_modules\/@napi-rs\/keyring-linux-x64-(gnu|musl)\/keyring\.linux-x64-(gnu|musl)\.node$/.test(
            path,
          ),
      ),
    ).toEqual([]);
    expect(
      existsSync(
        join(
          appDir,
          'resources',
          'app.asar.unpacked',
          'node_modules',
          'better-sqlite3',
          'prebuilds',
          'linux-x64.node',
        ),
      ),
    ).toBe(true);
    expect(
      unpacked.some((path) => path.includes('/better-sqlite3/deps/')),
      'SQLite sources',
    ).toBe(false);
  });

  it('contains no devDependency (React and Fluent are bundled by Vite; Electron is the runtime)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const names = Object.keys(pkg.devDependencies);
    expect(names).toEqual(
      expect.arrayContaining([
        'react',
        '@fluentui/react-components',
        'vite',
        'vitest',
        'typescript',
        'electron',
      ]),
    );
    const all = [...packed, ...unpacked];
    const present = names.filter((name) =>
      all.some((path) => path === `/node_modules/${name}` || path.startsWith(`/node_modules/${name}/`)),
    );
    expect(present).toEqual([]);
  });

  it('flips the hardening fuses in the packaged binary', () => {
    const binary = readFileSync(join(appDir, 'depotline'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + 8).toString('latin1');
    // RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, asar integrity, only-asar, V8 snapshot, file: privileges
    expect(wire).toBe('01001100');
  });

  it('ships a core host that runs on its own, loading better-sqlite3 and package.json from its place in the app', async () => {
    const dataDir = join(work, 'data');
    // Electron's utilityProcess gives the host process.parentPort; play that part with a
    // Node MessageChannel, then ask the bundled core for app.info.
    const harness = `
      const { MessageChannel } = require('node:worker_threads');
      let onMessage;
      process.parentPort = { on: (_e, l) => (onMessage = l), postMessage: (m) => m.type !== 'ready' && console.log(JSON.stringify(m)) };
      require(${JSON.stringify(join(ROOT, 'dist', 'electron', 'core-host.cjs'))});
      onMessage({ data: { type: 'start', dataDir: ${JSON.stringify(dataDir)} }, ports: [] });
      const { port1, port2 } = new MessageChannel();
      const hostPort = { on: (e, l) => port1.on(e, e === 'message' ? (data) => l({ data }) : l), postMessage: (m) => port1.postMessage(m), start: () => port1.start(), close: () => port1.close() };
      onMessage({ data: { type: 'connect' }, ports: [hostPort] });
      port2.on('message', (m) => { console.log(JSON.stringify(m)); onMessage({ data: { type: 'stop' }, ports: [] }); });
      port2.postMessage({ kind: 'request', id: 1, name: 'app.info', input: {} });
    `;
    const { stdout } = await run(process.execPath, ['-e', harness], { cwd: work, timeout: 30_000 });
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(JSON.parse(stdout.trim())).toMatchObject({
      kind: 'response',
      id: 1,
      result: { ok: true, value: { name: 'Depotline', version, frontDoor: 'electron', dataDir } },
    });
    expect(existsSync(join(dataDir, 'depotline.sqlite'))).toBe(true);
  });
});
