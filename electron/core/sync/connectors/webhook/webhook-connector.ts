// Delivers each outbox event as one signed POST to the configured URL (docs/webhooks.md).
// The worker owns order, retries and dead letters; this file decides what an answer means:
// 2xx delivered, 408/429/5xx/network try again, any other 4xx is the receiver refusing the event.
import { randomUUID } from 'node:crypto';
import type { WebhookConfig } from '../../../../common/models/sync.ts';
import { WEBHOOK_PING_TYPE, type WebhookEvent } from '../../../../common/models/webhook-event.ts';
import type { EventsConnector, OutboxEvent, SyncIo } from '../../connector.ts';
import { SyncError } from '../../sync-error.ts';
import { signatureHeader, WEBHOOK_HEADERS } from './verify-signature.ts';
import { pingEvent, toWebhookEvent } from './webhook-payload.ts';

export interface WebhookConnectorOptions {
  config: WebhookConfig;
  /** This station's name (Settings), for events whose outbox entry did not record where they happened. */
  station: () => string;
}

/** How much of a refusing receiver's body goes into the error a technician reads. */
const BODY_EXCERPT = 200;

export class WebhookConnector implements EventsConnector {
  readonly mode = 'events' as const;
  readonly #config: WebhookConfig;
  readonly #station: () => string;

  constructor(options: WebhookConnectorOptions) {
    this.#config = options.config;
    this.#station = options.station;
  }

  async deliver(event: OutboxEvent, io: SyncIo): Promise<void> {
    await this.#post(toWebhookEvent(event, this.#station()), io);
  }

  /** Sends a signed depotline.ping: proves the URL, the secret and the receiver's check end to end. */
  async check(io: SyncIo): Promise<string> {
    const status = await this.#post(pingEvent(`ping-${randomUUID()}`, io.now(), this.#station()), io);
    return `${new URL(this.#config.url).host} accepted a signed ${WEBHOOK_PING_TYPE} event (HTTP ${status})`;
  }

  async #post(event: WebhookEvent, io: SyncIo): Promise<number> {
    const secret = io.secret(this.#config.signingSecret);
    if (!secret) {
      throw new SyncError(
        'credentials',
        `the webhook signing secret "${this.#config.signingSecret}" is not set on this station`,
      );
    }
    // The signature covers these exact bytes; SyncHttp sends `body` unchanged.
    const body = JSON.stringify(event);
    // Signed at each attempt, not when the change happened: a retry an hour later must still
    // fall inside the receiver's replay window. The event id stays the same across attempts.
    const timestamp = Math.floor(io.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      [WEBHOOK_HEADERS.id]: event.id,
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [WEBHOOK_HEADERS.signature]: signatureHeader(secret, timestamp, body),
    };
    // The full URL as the path: SyncHttp resolves it against its base, keeps it on the
    // configured origin, and the configured path and query are used exactly as written.
    // A receiver may answer in any format ("OK", an HTML error page): its status decides.
    const response = await io.http.request('POST', this.#config.url, {
      body,
      headers,
      signal: io.signal,
      accept: 'any',
    });
    return this.#judge(event, response.status, response.text);
  }

  #judge(event: WebhookEvent, status: number, text: string): number {
    if (status >= 200 && status < 300) return status;
    const host = new URL(this.#config.url).host;
    if (status === 408) {
      throw new SyncError(
        'timeout',
        `${host} gave up reading event ${event.id} (HTTP 408); sending it again`,
        {
          status,
        },
      );
    }
    const excerpt = text.trim().slice(0, BODY_EXCERPT);
    throw new SyncError(
      'rejected',
      `${host} refused event ${event.id} (${event.type}) with HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`,
      { status },
    );
  }
}
