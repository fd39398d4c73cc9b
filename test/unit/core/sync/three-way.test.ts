import { describe, expect, it } from 'vitest';
import { mergeThreeWay, type MergeInput } from '../../../../electron/core/sync/three-way.ts';

const base: MergeInput = {
  fields: ['serial', 'osVersion', 'notes', 'status', 'assignee'],
  remoteOnly: ['assignee'],
  local: { serial: 'S1', osVersion: '15', notes: 'ok', status: 'staged', assignee: null },
  remote: { serial: 'S1', osVersion: '15', notes: 'ok', status: 'staged', assignee: null },
  base: { serial: 'S1', osVersion: '15', notes: 'ok', status: 'staged', assignee: null },
  policies: {},
};

describe('three-way merge of local, remote and the last agreed base', () => {
  it('creates from the local values when the remote has no record (remote-only fields start empty)', () => {
    const result = mergeThreeWay({ ...base, remote: null, base: null });
    expect(result.push).toEqual({ serial: 'S1', osVersion: '15', notes: 'ok', status: 'staged' });
    expect(result.pull).toEqual({});
    expect(result.conflicts).toEqual([]);
  });

  it('writes nothing when both sides agree', () => {
    const result = mergeThreeWay(base);
    expect(result).toEqual({ push: {}, pull: {}, base: base.base, conflicts: [] });
  });

  it('pushes only the fields changed locally', () => {
    const result = mergeThreeWay({ ...base, local: { ...base.local, osVersion: '16' } });
    expect(result.push).toEqual({ osVersion: '16' });
    expect(result.base.osVersion).toBe('16');
  });

  it('pulls remote-only fields (the assigned user set in Snipe-IT) and never pushes them', () => {
    const result = mergeThreeWay({ ...base, remote: { ...base.remote, assignee: 'kari@example.org' } });
    expect(result.pull).toEqual({ assignee: 'kari@example.org' });
    expect(result.push).toEqual({});
    const cleared = mergeThreeWay({ ...base, local: { ...base.local, assignee: 'kari@example.org' } });
    expect(cleared.push).toEqual({});
    expect(cleared.pull).toEqual({ assignee: null });
  });

  it('records a conflict and asks when a person-typed field changed on both sides (default policy)', () => {
    const result = mergeThreeWay({
      ...base,
      local: { ...base.local, notes: 'cracked screen' },
      remote: { ...base.remote, notes: 'given to Kari' },
    });
    expect(result.conflicts).toEqual([
      { field: 'notes', base: 'ok', local: 'cracked screen', remote: 'given to Kari', resolution: null },
    ]);
    expect(result.push).toEqual({});
    expect(result.pull).toEqual({});
    expect(result.base.notes).toBe('ok'); // unchanged, so the next sync sees the conflict again
  });

  it('applies a per-field policy: local wins pushes, remote wins pulls, both recorded', () => {
    const changed = {
      ...base,
      local: { ...base.local, notes: 'local note' },
      remote: { ...base.remote, notes: 'remote note' },
    };
    const local = mergeThreeWay({ ...changed, policies: { notes: 'local' } });
    expect(local.push).toEqual({ notes: 'local note' });
    expect(local.conflicts[0]?.resolution).toBe('local');
    const remote = mergeThreeWay({ ...changed, policies: { notes: 'remote' } });
    expect(remote.pull).toEqual({ notes: 'remote note' });
    expect(remote.conflicts[0]?.resolution).toBe('remote');
  });

  it('keeps device-measured fields local by default, and never pulls them even if told to', () => {
    const changed = { ...base, remote: { ...base.remote, osVersion: '14' } };
    expect(mergeThreeWay(changed).push).toEqual({ osVersion: '15' });
    const told = mergeThreeWay({ ...changed, policies: { osVersion: 'remote' } });
    expect(told.pull).toEqual({});
    expect(told.conflicts[0]).toMatchObject({ field: 'osVersion', resolution: null });
  });

  it('treats the remote as the base on a first sync of an existing remote record', () => {
    const result = mergeThreeWay({ ...base, base: null, local: { ...base.local, notes: 'new' } });
    expect(result.push).toEqual({ notes: 'new' });
    expect(result.conflicts).toEqual([]);
  });
});
