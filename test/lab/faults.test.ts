import { describe, expect, it } from 'vitest';
import { featuresWithFault, parseFaults } from '../../native/lab/adb/lab/faults.ts';
import { validatePorts } from '../../native/lab/adb/lab/lab-controller.ts';
import { IMPLEMENTED_FEATURES, parseFeatureList } from '../../native/lab/adb/protocol/features.ts';

describe('--faults', () => {
  it('assigns faults to devices in order, one per device', () => {
    expect([...parseFaults('unauthorized=2, slow=1:20,fail-install=1', 6)]).toEqual([
      [0, { kind: 'unauthorized' }],
      [1, { kind: 'unauthorized' }],
      [2, { kind: 'slow', arg: '20' }],
      [3, { kind: 'fail-install' }],
    ]);
    expect(parseFaults('', 3).size).toBe(0);
  });

  it.each([
    ['unauthorized', /expected KIND=COUNT/],
    ['sleepy=1', /unknown fault "sleepy"/],
    ['slow=1:-2', /positive number/],
    ['unauthorized=1:yes', /takes no argument/],
    ['fail-install=1:nope', /code like/],
    ['unauthorized=2,slow=2', /need 4 devices but the lab has 3/],
  ])('rejects %s', (spec, message) => {
    expect(() => parseFaults(spec, 3)).toThrow(message);
  });

  it('changes what a device advertises for the install-path faults', () => {
    expect(featuresWithFault(IMPLEMENTED_FEATURES, { kind: 'no-abb' })).not.toContain('abb_exec');
    expect(featuresWithFault(IMPLEMENTED_FEATURES, { kind: 'old-adbd' })).toEqual([
      'shell_v2',
      'stat_v2',
      'ls_v2',
      'fixed_push_mkdir',
    ]);
    expect(featuresWithFault(['cmd'], undefined)).toEqual(['cmd']);
  });
});

describe('feature lists and ports', () => {
  it('refuses a feature the lab does not implement', () => {
    expect(parseFeatureList('cmd, shell_v2,cmd')).toEqual(['cmd', 'shell_v2']);
    expect(() => parseFeatureList('cmd,sendrecv_v2')).toThrow(/unknown adb feature\(s\): sendrecv_v2/);
  });

  it('keeps device ports clear of the range adb scans by itself', () => {
    expect(() => validatePorts(5500, 60)).toThrow(/overlap 5555–5585/);
    expect(() => validatePorts(5586, 10)).not.toThrow();
    expect(() => validatePorts(65530, 10)).toThrow(/outside/);
  });
});
