import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/migrations/index.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

function coreForTest() {
  const logs: string[] = [];
  const core = createCore({ dataDir: tempDir(), frontDoor: 'cli', log: (m) => logs.push(m) });
  return { core, logs };
}

describe('contract dispatch', () => {
  it('rejects an unknown field and names it', async () => {
    const { core } = coreForTest();
    const result = await core.dispatch('settings.set', { stationName: 'Hub A', colour: 'red' });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { issues: [{ path: 'colour' }] } },
    });
    expect(
      (await core.dispatch('settings.get', {})).ok && (await core.dispatch('settings.get', {})),
    ).toMatchObject({
      value: { stationName: 'Bench 1' },
    });
    core.close();
  });

  it('rejects a value of the wrong type and names the nested field', async () => {
    const { core } = coreForTest();
    const result = await core.dispatch('assets.list', { sort: { field: 'price', direction: 'asc' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.details?.issues?.map((issue) => issue.path)).toEqual(['sort.field']);
      expect(result.error.message).toContain('sort.field');
    }
    core.close();
  });

  it('rejects an out-of-range page size and a bad locale', async () => {
    const { core } = coreForTest();
    expect(await core.dispatch('assets.list', { pageSize: 100_000 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await core.dispatch('settings.set', { locale: 'xx' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { issues: [{ path: 'locale' }] } },
    });
    expect(await core.dispatch('settings.set', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    core.close();
  });

  it('answers an unknown request name with unknown_request', async () => {
    const { core } = coreForTest();
    expect(await core.dispatch('db.exec', { sql: 'DROP TABLE assets' })).toMatchObject({
      ok: false,
      error: { code: 'unknown_request' },
    });
    expect(await core.dispatch('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_request' },
    });
    core.close();
  });

  it('reports app info with the schema version and data folder', async () => {
    const { core } = coreForTest();
    const result = await core.dispatch('app.info', undefined);
    expect(result).toMatchObject({
      ok: true,
      value: {
        name: 'Depotline',
        schemaVersion: LATEST_SCHEMA_VERSION,
        dataDir: core.context.dataDir,
        frontDoor: 'cli',
      },
    });
    core.close();
  });

  it('pages and sorts assets, and reports a missing one as not_found', async () => {
    const { core } = coreForTest();
    const who = { actor: 'Kari', station: 'Bench 1' };
    for (const [serial, model] of [
      ['R58N1', 'Galaxy A54'],
      ['R58N2', 'Galaxy XCover7'],
      ['R58N3', 'Galaxy A15'],
    ] as const) {
      core.context.assets.create(
        {
          fields: { serial, model, platform: 'android', manufacturer: 'Samsung', osVersion: '14' },
          state: 'in_stock',
        },
        who,
      );
    }
    const page1 = await core.dispatch('assets.list', {
      offset: 0,
      limit: 2,
      sort: { field: 'model', direction: 'asc' },
    });
    const page2 = await core.dispatch('assets.list', {
      offset: 2,
      limit: 2,
      sort: { field: 'model', direction: 'asc' },
    });
    expect(page1).toMatchObject({
      ok: true,
      value: { total: 3, items: [{ model: 'Galaxy A15' }, { model: 'Galaxy A54' }] },
    });
    expect(page2).toMatchObject({ ok: true, value: { total: 3, items: [{ model: 'Galaxy XCover7' }] } });
    expect(await core.dispatch('assets.get', { id: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    core.close();
  });

  it('refuses a second record of the same device, whatever the manufacturer case', () => {
    const { core } = coreForTest();
    const who = { actor: 'Kari', station: 'Bench 1' };
    const fields = {
      serial: 'R58N1',
      model: 'Galaxy A54',
      platform: 'android',
      manufacturer: 'Samsung',
      osVersion: '14',
    } as const;
    core.context.assets.create({ fields }, who);
    expect(() => core.context.assets.create({ fields: { ...fields, manufacturer: 'samsung' } }, who)).toThrow(
      /already registered/,
    );
    // The same serial from another maker is another device.
    expect(core.context.assets.create({ fields: { ...fields, manufacturer: 'Google' } }, who).id).toBe(2);
    core.close();
  });
});
