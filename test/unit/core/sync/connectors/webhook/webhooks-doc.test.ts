// docs/webhooks.md is the contract receivers code against: its examples must be events the
// connector can send, and the receiver it shows must be the file the example test runs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_PING_TYPE,
  WebhookEventSchema,
} from '../../../../../../electron/common/models/webhook-event.ts';
import {
  REPLAY_WINDOW_SECONDS,
  WEBHOOK_HEADERS,
} from '../../../../../../electron/core/sync/connectors/webhook/verify-signature.ts';

const doc = readFileSync('docs/webhooks.md', 'utf8');

function blocks(language: string): string[] {
  return [...doc.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

describe('docs/webhooks.md', () => {
  it('shows one valid example of every event type', () => {
    const examples = blocks('json').map((text) => WebhookEventSchema.parse(JSON.parse(text)));
    expect(examples.map((event) => event.type).sort()).toEqual(
      [...WEBHOOK_EVENT_TYPES, WEBHOOK_PING_TYPE].sort(),
    );
  });

  it('shows the receiver example exactly as the file the tests run', () => {
    expect(blocks('js')).toEqual([readFileSync('docs/examples/webhook-receiver.mjs', 'utf8')]);
  });

  it('names the headers and the replay window the code uses', () => {
    for (const header of Object.values(WEBHOOK_HEADERS)) expect(doc).toContain(`\`${header}\``);
    expect(REPLAY_WINDOW_SECONDS).toBe(5 * 60);
    expect(doc).toContain('more than **5 minutes**');
  });
});
