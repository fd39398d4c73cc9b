// The rate limit with a clock the test moves: Snipe-IT counts requests per minute, so the
// bucket must never let more than ratePerMinute through in any 60 s, and spread them evenly.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../../electron/core/sync/http/token-bucket.ts';

function clock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** Sends `count` requests as fast as the bucket allows; the times they went out. */
function drive(bucket: TokenBucket, time: ReturnType<typeof clock>, count: number): number[] {
  const sent: number[] = [];
  while (sent.length < count) {
    const wait = bucket.waitMs();
    if (wait > 0) {
      time.advance(wait);
      continue;
    }
    bucket.take();
    sent.push(time.now());
  }
  return sent;
}

function busiestMinute(sent: number[]): number {
  let most = 0;
  for (const start of sent)
    most = Math.max(most, sent.filter((t) => t >= start && t < start + 60_000).length);
  return most;
}

describe('TokenBucket', () => {
  it('spaces requests evenly at 60 000 / ratePerMinute ms', () => {
    const time = clock();
    const sent = drive(new TokenBucket(120, { now: time.now }), time, 10);
    const gaps = sent.slice(1).map((t, i) => t - sent[i]!);
    expect(gaps).toEqual(Array(9).fill(500));
  });

  for (const rate of [1, 7, 60, 120, 1000]) {
    it(`never lets more than ${rate} requests through in any rolling minute`, () => {
      const time = clock();
      const sent = drive(new TokenBucket(rate, { now: time.now }), time, Math.min(rate * 3 + 1, 400));
      expect(busiestMinute(sent)).toBeLessThanOrEqual(rate);
      // …and uses the allowance: each gap is the interval, rounded up to the next millisecond.
      const gaps = sent.slice(1).map((t, i) => t - sent[i]!);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil(60_000 / rate) + 1);
    });
  }

  it('a burst lets that many go at once, then spaces the rest', () => {
    const time = clock();
    const sent = drive(new TokenBucket(60, { burst: 3, now: time.now }), time, 5);
    expect(sent.map((t) => t - sent[0]!)).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('an idle bucket saves up no more than its burst', () => {
    const time = clock();
    const bucket = new TokenBucket(60, { burst: 2, now: time.now });
    drive(bucket, time, 2);
    time.advance(10 * 60_000);
    const start = time.now();
    expect(drive(bucket, time, 4).map((t) => t - start)).toEqual([0, 0, 1000, 2000]);
  });

  it('pauseFor: nothing before the pause ends, then it starts from empty', () => {
    const time = clock();
    const bucket = new TokenBucket(60, { burst: 5, now: time.now });
    bucket.pauseFor(3_000);
    expect(bucket.waitMs()).toBe(4_000); // 3 s pause + 1 s to earn the first token
    time.advance(2_999);
    expect(bucket.waitMs()).toBe(1_001);
    const start = time.now();
    expect(drive(bucket, time, 2).map((t) => t - start)).toEqual([1_001, 2_001]);
  });

  it('a shorter pause does not cut a longer one short', () => {
    const time = clock();
    const bucket = new TokenBucket(60_000, { now: time.now });
    bucket.pauseFor(5_000);
    bucket.pauseFor(1_000);
    expect(bucket.waitMs()).toBe(5_001);
  });

  it('acquire waits for the token and rejects when aborted', async () => {
    const bucket = new TokenBucket(600); // one every 100 ms, on the real clock
    const controller = new AbortController();
    await bucket.acquire(controller.signal);
    const started = performance.now();
    await bucket.acquire(controller.signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    setTimeout(() => controller.abort(new Error('stopped')), 20);
    await expect(bucket.acquire(controller.signal)).rejects.toThrow('stopped');
  });

  it('refuses a rate that is not positive (it would spin instead of wait)', () => {
    for (const rate of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => new TokenBucket(rate)).toThrow(RangeError);
  });
});
