import { describe, expect, it } from 'vitest';
import { createRestartPolicy } from '../../../electron/main/restart-policy.ts';

describe('restarting a crashed core', () => {
  it('backs off exponentially while the core keeps crashing, up to a ceiling', () => {
    const policy = createRestartPolicy({ baseMs: 500, maxMs: 4000, stableMs: 60_000 });
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 6; i++) {
      policy.started(now);
      now += 100; // dies right away
      const delay = policy.nextDelay(now);
      delays.push(delay);
      now += delay;
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('starts over after a core that ran long enough', () => {
    const policy = createRestartPolicy({ baseMs: 500, maxMs: 30_000, stableMs: 60_000 });
    policy.started(0);
    expect(policy.nextDelay(10)).toBe(500);
    policy.started(510);
    expect(policy.nextDelay(520)).toBe(1000);
    policy.started(2000);
    expect(policy.nextDelay(2000 + 60_000)).toBe(500);
  });
});
