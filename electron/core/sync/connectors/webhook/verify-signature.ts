// The Depotline-Signature scheme, both sides: the connector signs with `signatureHeader`, and
// a receiver (or a test) checks with `verifyWebhookSignature`. Keeping signer and verifier in
// one file means they cannot drift apart. docs/webhooks.md describes the same scheme in words
// and docs/examples/webhook-receiver.mjs re-implements it with node:crypto only.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = {
  id: 'Depotline-Event-Id',
  timestamp: 'Depotline-Timestamp',
  signature: 'Depotline-Signature',
} as const;

/** A signed request older or newer than this is refused, so a captured one cannot be replayed later. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

/** Hex HMAC-SHA256 over "<timestamp>.<exact body bytes>". */
export function computeSignature(secret: string, timestamp: number | string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The Depotline-Signature header value: "v1=<hex>". */
export function signatureHeader(secret: string, timestamp: number, body: string | Buffer): string {
  return `v1=${computeSignature(secret, timestamp, body)}`;
}

export type VerifyFailure = 'missing' | 'malformed' | 'mismatch' | 'too_old' | 'too_new';
export type VerifyResult =
  { ok: true; timestamp: number } | { ok: false; reason: VerifyFailure; message: string };

export interface VerifyInput {
  secret: string;
  /** The raw request body exactly as received, before any JSON parsing. */
  body: string | Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  /** Unix seconds now (tests pass a fixed clock). */
  nowSeconds?: number;
  toleranceSeconds?: number;
}

function fail(reason: VerifyFailure, message: string): VerifyResult {
  return { ok: false, reason, message };
}

/**
 * Checks a delivery: the signature must match (compared in constant time) and the timestamp
 * must be within the replay window. Several "v1=" values separated by commas are accepted so
 * a sender can sign with an old and a new secret while it is rotated.
 */
export function verifyWebhookSignature(input: VerifyInput): VerifyResult {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return fail('missing', 'the timestamp or signature header is missing');
  if (!/^\d{1,12}$/.test(timestamp)) return fail('malformed', 'the timestamp is not unix seconds');
  const candidates = signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3));
  if (candidates.length === 0 || candidates.some((hex) => !/^[0-9a-f]{64}$/i.test(hex)))
    return fail('malformed', 'the signature is not "v1=" and 64 hex digits');
  const expected = Buffer.from(computeSignature(input.secret, timestamp, input.body), 'hex');
  // Every candidate is compared (no early exit) so timing does not reveal which one was close.
  let matched = false;
  for (const hex of candidates) matched = timingSafeEqual(expected, Buffer.from(hex, 'hex')) || matched;
  if (!matched)
    return fail('mismatch', 'the signature does not match the body (wrong secret or altered body)');
  const sent = Number(timestamp);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = input.toleranceSeconds ?? REPLAY_WINDOW_SECONDS;
  if (now - sent > tolerance) return fail('too_old', `signed ${now - sent} s ago; older than ${tolerance} s`);
  if (sent - now > tolerance)
    return fail('too_new', `signed ${sent - now} s in the future (check the clocks)`);
  return { ok: true, timestamp: sent };
}

/** The same check on node:http request headers (lower-cased names, as IncomingMessage has them). */
export function verifyWebhookRequest(
  headers: Record<string, string | string[] | undefined>,
  body: string | Buffer,
  secret: string,
  nowSeconds?: number,
): VerifyResult {
  const header = (name: string) => {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(',') : value;
  };
  return verifyWebhookSignature({
    secret,
    body,
    timestamp: header(WEBHOOK_HEADERS.timestamp),
    signature: header(WEBHOOK_HEADERS.signature),
    ...(nowSeconds === undefined ? {} : { nowSeconds }),
  });
}

/**
 * Remembers recent event ids so a redelivery (Depotline retries until it sees a 2xx, so a
 * receiver whose answer was lost gets the event again) is acknowledged but not acted on twice.
 * In memory and bounded: a receiver that must survive restarts keeps ids in its database.
 */
export class SeenIds {
  readonly #max: number;
  readonly #ids = new Set<string>();

  constructor(max = 10_000) {
    this.#max = max;
  }

  /** True when the id was seen before; otherwise records it and answers false. */
  seen(id: string): boolean {
    if (this.#ids.has(id)) return true;
    this.#ids.add(id);
    // A Set iterates in insertion order: the first entry is the oldest.
    if (this.#ids.size > this.#max) this.#ids.delete(this.#ids.values().next().value as string);
    return false;
  }
}
