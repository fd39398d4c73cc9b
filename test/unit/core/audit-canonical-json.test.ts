// The bytes audit entries (and signed certificates) are hashed over: keys sorted at every depth,
// every key kept, including one named "__proto__" (JSON.parse makes it an ordinary own key).
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/core/audit/canonical-json.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined values', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('keeps a "__proto__" key, so a change under it changes the hash input', () => {
    const stored = JSON.parse('{"b":1,"__proto__":{"x":1}}') as unknown;
    const edited = JSON.parse('{"b":1,"__proto__":{"x":2}}') as unknown;
    expect(canonicalJson(stored)).toBe('{"__proto__":{"x":1},"b":1}');
    expect(canonicalJson(edited)).not.toBe(canonicalJson(stored));
  });
});
