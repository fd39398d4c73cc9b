import { describe, expect, it } from 'vitest';
import {
  REPLAY_WINDOW_SECONDS,
  SeenIds,
  signatureHeader,
  verifyWebhookRequest,
  verifyWebhookSignature,
} from '../../../../../../electron/core/sync/connectors/webhook/verify-signature.ts';

const SECRET = 'whsec-test-0123456789';
const NOW = 1_740_823_200;
const body = '{"schema":"depotline.event/v1","id":"evt-1","type":"asset.changed"}';

function check(overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) {
  return verifyWebhookSignature({
    secret: SECRET,
    body,
    timestamp: String(NOW),
    signature: signatureHeader(SECRET, NOW, body),
    nowSeconds: NOW,
    ...overrides,
  });
}

describe('verifyWebhookSignature (the receiver side)', () => {
  it('accepts an untouched delivery, as a string or as raw bytes', () => {
    expect(check()).toEqual({ ok: true, timestamp: NOW });
    expect(check({ body: Buffer.from(body) })).toMatchObject({ ok: true });
  });

  it('refuses a tampered body, a wrong secret and a signature moved to another timestamp', () => {
    expect(check({ body: body.replace('changed', 'removed') })).toMatchObject({
      ok: false,
      reason: 'mismatch',
    });
    expect(check({ secret: 'another-secret' })).toMatchObject({ ok: false, reason: 'mismatch' });
    // Re-stamping a captured request breaks the signature, so the window cannot be dodged.
    expect(check({ timestamp: String(NOW + 1) })).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses a correctly signed request outside the 5-minute replay window, either way', () => {
    expect(REPLAY_WINDOW_SECONDS).toBe(300);
    const old = NOW - 301;
    expect(check({ timestamp: String(old), signature: signatureHeader(SECRET, old, body) })).toMatchObject({
      ok: false,
      reason: 'too_old',
    });
    const edge = NOW - 300;
    expect(check({ timestamp: String(edge), signature: signatureHeader(SECRET, edge, body) }).ok).toBe(true);
    const future = NOW + 301;
    expect(
      check({ timestamp: String(future), signature: signatureHeader(SECRET, future, body) }),
    ).toMatchObject({ ok: false, reason: 'too_new' });
  });

  it('refuses missing and malformed headers without throwing', () => {
    expect(check({ signature: undefined })).toMatchObject({ ok: false, reason: 'missing' });
    expect(check({ timestamp: '' })).toMatchObject({ ok: false, reason: 'missing' });
    expect(check({ timestamp: '2025-03-01T10:00:00Z' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(check({ signature: 'v1=abc' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(check({ signature: 'sha256=' + 'a'.repeat(64) })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });

  it('accepts when any of several comma-separated v1 signatures matches', () => {
    const wrong = signatureHeader('old-secret', NOW, body);
    expect(check({ signature: `${wrong}, ${signatureHeader(SECRET, NOW, body)}` }).ok).toBe(true);
    expect(check({ signature: `${wrong}, ${wrong}` })).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('reads node:http headers (lower-cased names)', () => {
    const headers = {
      'depotline-timestamp': String(NOW),
      'depotline-signature': signatureHeader(SECRET, NOW, body),
    };
    expect(verifyWebhookRequest(headers, Buffer.from(body), SECRET, NOW).ok).toBe(true);
    expect(verifyWebhookRequest({}, body, SECRET, NOW)).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('SeenIds', () => {
  it('answers false the first time and true for a redelivery, forgetting the oldest past its size', () => {
    const seen = new SeenIds(2);
    expect([seen.seen('a'), seen.seen('a'), seen.seen('b'), seen.seen('c')]).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(seen.seen('a')).toBe(false); // evicted when c arrived
    expect(seen.seen('c')).toBe(true);
  });
});
