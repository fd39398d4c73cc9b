import { describe, expect, it } from 'vitest';
import { gate, REVIEWED, type Finding } from '../../../scripts/electronegativity.ts';

const finding = (id: string, severity: string, file: string): Finding => ({
  id,
  severity,
  confidence: 'FIRM',
  file,
  location: '1:0',
  description: id,
});

describe('the electronegativity gate', () => {
  it('fails on HIGH and MEDIUM findings, not on LOW or INFORMATIONAL', () => {
    const { failures } = gate([
      finding('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'electron/main/window.ts'),
      finding('SANDBOX_JS_CHECK', 'MEDIUM', 'electron/main/window.ts'),
      finding('CSP_GLOBAL_CHECK', 'LOW', 'content-security-policy.html'),
      finding('ELECTRON_VERSION_JSON_CHECK', 'INFORMATIONAL', 'package.json'),
    ]);
    expect(failures.map((f) => f.id)).toEqual(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']);
  });

  it('accepts a reviewed finding only for its check in its file', () => {
    const reviewed = finding('PRELOAD_JS_CHECK', 'MEDIUM', 'electron/main/window.ts');
    const elsewhere = finding('PRELOAD_JS_CHECK', 'MEDIUM', 'electron/main/other-window.ts');
    const { failures, accepted } = gate([reviewed, elsewhere]);
    expect(accepted).toEqual([reviewed]);
    expect(failures).toEqual([elsewhere]);
  });

  it('documents why each reviewed finding is accepted', () => {
    for (const entry of REVIEWED) expect(entry.reason.length).toBeGreaterThan(40);
  });
});
