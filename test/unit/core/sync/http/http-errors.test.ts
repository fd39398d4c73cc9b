import { describe, expect, it } from 'vitest';
import { describeNetworkError, retryAfterMs } from '../../../../../electron/core/sync/http/http-errors.ts';

const NOW = Date.parse('2025-03-01T10:00:00.000Z');

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3', NOW)).toBe(3000);
    expect(retryAfterMs(' 120 ', NOW)).toBe(120_000);
    expect(retryAfterMs('Sat, 01 Mar 2025 10:00:30 GMT', NOW)).toBe(30_000);
    expect(retryAfterMs(['7', '9'], NOW)).toBe(7000);
  });

  it('a date already past means now; a missing or malformed header means "use your default"', () => {
    expect(retryAfterMs('Sat, 01 Mar 2025 09:00:00 GMT', NOW)).toBe(0);
    for (const bad of [undefined, '', 'soon', '1.5', '-5', '3 s'])
      expect(retryAfterMs(bad, NOW), bad).toBeUndefined();
  });
});

describe('describeNetworkError', () => {
  const url = new URL('https://snipe.depot.example/api/v1/hardware');
  const error = (code: string, message = code) => Object.assign(new Error(message), { code });

  it('names TLS faults as tls, everything else as network', () => {
    expect(describeNetworkError(error('CERT_HAS_EXPIRED'), url)).toMatchObject({
      code: 'tls',
      message: 'snipe.depot.example: its TLS certificate has expired; nothing was sent',
    });
    expect(describeNetworkError(error('ENOTFOUND'), url)).toMatchObject({
      code: 'network',
      message: 'snipe.depot.example could not be found (DNS)',
    });
    expect(describeNetworkError(error('EWHATEVER', 'odd failure'), url).message).toBe(
      'snipe.depot.example failed: odd failure',
    );
  });
});
