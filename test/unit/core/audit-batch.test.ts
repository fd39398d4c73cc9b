import { describe, expect, it } from 'vitest';
import { createCore } from '../../../electron/core/core.ts';
import { batchHasher, GENESIS_HASH, hashEntry } from '../../../electron/core/audit/audit-log.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const tempDir = useTempDirs();

// Texts JSON escapes in every way it can: quotes, backslashes, control characters, line and
// paragraph separators, non-ASCII, an astral character and a lone surrogate.
const AWKWARD = [
  'plain',
  'quote " and \\ back',
  'tab\there\nnew\u0000nul',
  '\u2028\u2029',
  'Bjørn Ærø 🚀',
  '\ud800 lone',
];

describe('audit batches', () => {
  it('hash every entry to the same bytes hashEntry gives, whatever the texts', () => {
    for (const text of AWKWARD) {
      const batch = { actor: `Kari ${text}`, station: `Bench ${text}`, action: `asset.${text}`, at: text };
      const entry = { subject: `asset:${text}`, details: JSON.stringify({ note: text }) };
      for (const seq of [1, 42, 1_000_001])
        expect(batchHasher(batch)(GENESIS_HASH, seq, entry)).toBe(
          hashEntry({ seq, ...batch, ...entry, prev_hash: GENESIS_HASH }),
        );
    }
  });

  it('append in chain order after single entries, the head once, and the chain verifies', () => {
    const core = createCore({ dataDir: tempDir(), frontDoor: 'cli', log: () => {} });
    const { audit, db } = core.context;
    audit.append({ actor: 'Kari', station: 'Bench 1', action: 'test.one', subject: 'x:1', details: {} });
    const last = db
      .transaction(() =>
        audit.appendMany(
          { actor: 'Ola', station: 'Bench 2', action: 'test.many', at: '2026-11-20T10:00:00.000Z' },
          AWKWARD.map((text, index) => ({ subject: `x:${index + 2}`, details: JSON.stringify({ text }) })),
        ),
      )
      .immediate();
    audit.append({ actor: 'Kari', station: 'Bench 1', action: 'test.after', subject: 'x:99', details: {} });
    expect(last).toBe(1 + AWKWARD.length);
    expect(audit.verify()).toMatchObject({ ok: true, entries: AWKWARD.length + 2 });
    const { entries } = audit.list({ limit: 3 });
    expect(entries.map((entry) => [entry.seq, entry.action, entry.actor])).toEqual([
      [AWKWARD.length + 2, 'test.after', 'Kari'],
      [AWKWARD.length + 1, 'test.many', 'Ola'],
      [AWKWARD.length, 'test.many', 'Ola'],
    ]);
    expect(entries[1]!.details).toEqual({ text: AWKWARD.at(-1) });
    core.close();
  });

  it('refuse to append outside the transaction of the change they record', () => {
    const core = createCore({ dataDir: tempDir(), frontDoor: 'cli', log: () => {} });
    expect(() =>
      core.context.audit.appendMany({ actor: 'a', station: 's', action: 'x', at: 't' }, [
        { subject: 'x:1', details: '{}' },
      ]),
    ).toThrow(/transaction/);
    core.close();
  });
});
