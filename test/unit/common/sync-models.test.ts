import { describe, expect, it } from 'vitest';
import { ConnectorConfigSchema, WebhookConfigSchema } from '../../../electron/common/models/sync.ts';

describe('sync connector settings', () => {
  it('reports text that is no address as a field issue instead of throwing', () => {
    const result = WebhookConfigSchema.safeParse({ url: 'not a url', signingSecret: 'webhook.a' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['url', 'an http:// or https:// address'],
    ]);
  });

  it('refuses credentials inside the address (they belong in the secret store)', () => {
    const result = WebhookConfigSchema.safeParse({
      url: 'https://user:pw@hooks.example/x',
      signingSecret: 'webhook.a',
    });
    expect(result.error?.issues[0]?.message).toBe('no user name or password in the address');
  });

  it('fills Snipe-IT defaults and refuses unknown fields', () => {
    const parsed = ConnectorConfigSchema.parse({
      kind: 'snipeit',
      config: { baseUrl: 'https://snipe.example', tokenSecret: 'snipeit.token' },
    });
    expect(parsed.kind === 'snipeit' && parsed.config.ratePerMinute).toBe(120);
    expect(
      ConnectorConfigSchema.safeParse({
        kind: 'snipeit',
        config: { baseUrl: 'https://snipe.example', tokenSecret: 'snipeit.token', token: 'plain' },
      }).success,
    ).toBe(false);
  });
});
