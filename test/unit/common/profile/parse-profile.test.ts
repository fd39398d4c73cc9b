import { describe, expect, it } from 'vitest';
import { parseProfileText } from '../../../../electron/common/profile/parse-profile.ts';
import { renderTemplate } from '../../../../electron/common/profile/template.ts';
import { partFor } from '../../../../electron/common/profile/profile-schema.ts';

const SIGNER = 'AB:'.repeat(31) + 'AB';
const valid = `schema: depotline.profile/v1
id: frontline-shared
name: Frontline shared device
version: 3
platform: android
steps:
  - type: install
    apk: apks/notes.apk
    package: org.depotline.sample.notes
    signerSha256: "${SIGNER}"
  - type: setting
    namespace: global
    key: stay_on_while_plugged_in
    value: 7
  - type: deviceName
    name: "DL-\${assetTag}"
`;

describe('staging profile parsing', () => {
  it('accepts a valid YAML profile and fills defaults', () => {
    const result = parseProfileText(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const android = partFor(result.profile, 'android')!;
    expect(android.preflight).toMatchObject({ minBatteryPercent: 20, requireNoAccounts: true });
    expect(android.steps[0]).toMatchObject({
      type: 'install',
      signerSha256: 'ab'.repeat(32),
      grantRuntimePermissions: false,
    });
    expect(android.steps[1]).toMatchObject({ type: 'setting', value: '7' });
  });

  it('accepts the same profile written as JSON', () => {
    const fromYaml = parseProfileText(valid);
    if (!fromYaml.ok) throw new Error('fixture invalid');
    const json = JSON.stringify({ ...fromYaml.profile, preflight: undefined }, null, 2);
    expect(parseProfileText(json)).toMatchObject({ ok: true, profile: { id: 'frontline-shared' } });
  });

  it('points an unknown key at its own line', () => {
    const result = parseProfileText(valid.replace('platform: android\n', 'platform: android\ncolour: red\n'));
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'colour', line: 6, column: 1, message: 'unknown field: colour' }],
    });
  });

  it('points a wrong type inside a step at that field', () => {
    const result = parseProfileText(valid.replace('key: stay_on_while_plugged_in', 'key: [1, 2]'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ path: 'steps.1.key', line: 13, column: 5 });
  });

  it('refuses a path outside the profile folder, an unknown template variable and an undeclared shell step', () => {
    const hostile = valid
      .replace('apk: apks/notes.apk', 'apk: ../../etc/passwd')
      .replace('DL-${assetTag}', 'DL-${password}')
      .concat('  - type: shell\n    command: reboot\n');
    const result = parseProfileText(hostile);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.problems.map((p) => [p.path, p]));
    expect(byPath['steps.0.apk']).toMatchObject({
      line: 8,
      message: expect.stringMatching(/inside the profile/),
    });
    expect(byPath['steps.2.name']).toMatchObject({
      line: 16,
      message: expect.stringMatching(/\$\{password\}/),
    });
    expect(byPath['steps.3']).toMatchObject({ line: 17, message: expect.stringMatching(/allowShell/) });
  });

  it('reports YAML syntax errors with their line, and refuses aliases (billion laughs)', () => {
    expect(parseProfileText('id: [1,\n')).toMatchObject({ ok: false, problems: [{ line: 2 }] });
    const bomb = 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n';
    expect(parseProfileText(bomb)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/aliases/) }],
    });
  });

  it('refuses an empty document and a non-object', () => {
    expect(parseProfileText('').ok).toBe(false);
    expect(parseProfileText('- 1\n- 2\n').ok).toBe(false);
  });
});

describe('profile templates', () => {
  it('fills per-device values and refuses a missing one', () => {
    expect(renderTemplate('DL-${assetTag}-${serial}', { assetTag: 'A100', serial: 'R58N' })).toBe(
      'DL-A100-R58N',
    );
    expect(() => renderTemplate('DL-${assetTag}', { serial: 'R58N' })).toThrow(/no value for \$\{assetTag\}/);
  });
});
