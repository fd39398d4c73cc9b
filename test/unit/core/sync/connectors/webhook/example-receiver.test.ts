// Runs the receiver example shipped in the docs, unchanged, and delivers real signed events to
// it: if the docs' example stops verifying or deduping Depotline's webhooks, this fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../../../../../electron/core/sync/connector.ts';
import { WebhookConnector } from '../../../../../../electron/core/sync/connectors/webhook/webhook-connector.ts';
import { SyncError } from '../../../../../../electron/core/sync/sync-error.ts';
import { testIo } from '../../../../../support/connector-io.ts';
import { sampleAsset } from '../../../../../support/sample-asset.ts';

const EXAMPLE = 'docs/examples/webhook-receiver.mjs';
const SECRET = 'whsec-example-receiver';

let child: ChildProcess;
let lines: string[];
let url: string;

beforeEach(async () => {
  child = spawn(process.execPath, [EXAMPLE], {
    env: { ...process.env, DEPOTLINE_WEBHOOK_SECRET: SECRET, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  lines = [];
  const reader = createInterface({ input: child.stdout! });
  url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the example exited with ${code}`)));
    reader.on('line', (line) => {
      const listening = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (listening) resolve(listening[1]!);
      else lines.push(line);
    });
  });
});

afterEach(() => {
  child.kill();
});

function connector() {
  return new WebhookConnector({
    config: {
      url: `${url}/depotline`,
      signingSecret: 'hook',
      ratePerMinute: 600,
      attemptsBeforeDeadLetter: 8,
    },
    station: () => 'bench-1',
  });
}

function event(id: string, kind: OutboxEvent['kind'] = 'changed'): OutboxEvent {
  return { id, kind, assetId: 42, asset: sampleAsset(), details: {}, occurredAt: new Date().toISOString() };
}

/** The example prints asynchronously; wait until it printed `count` lines (or give up). */
async function printed(count: number): Promise<string[]> {
  for (let i = 0; i < 100 && lines.length < count; i += 1) await new Promise((r) => setTimeout(r, 20));
  return lines;
}

describe('docs/examples/webhook-receiver.mjs', () => {
  it('verifies real deliveries and prints a redelivered event id once', async () => {
    const io = testIo(url, { hook: SECRET });
    await connector().deliver(event('evt-1', 'created'), io);
    await connector().deliver(event('evt-1', 'created'), io); // the answer was "lost": sent again
    await connector().deliver(event('evt-2'), io);
    await connector().check(io);
    expect(await printed(3)).toEqual([
      'asset.created evt-1 R58N12345AB at bench-1',
      'asset.changed evt-2 R58N12345AB at bench-1',
      expect.stringMatching(/^depotline\.ping ping-[0-9a-f-]+ - at bench-1$/),
    ]);
  });

  it('refuses a wrong secret and a delivery signed more than 5 minutes ago', async () => {
    const wrong = await connector()
      .deliver(event('evt-3'), testIo(url, { hook: 'not-the-secret' }))
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SyncError);
    expect((wrong as SyncError).status).toBe(401);
    const stale = testIo(url, { hook: SECRET }, { start: new Date(Date.now() - 6 * 60_000) });
    const replay = await connector()
      .deliver(event('evt-4'), stale)
      .catch((e: unknown) => e);
    expect((replay as SyncError).status).toBe(401);
    await connector().deliver(event('evt-5'), testIo(url, { hook: SECRET }));
    expect(await printed(1)).toEqual(['asset.changed evt-5 R58N12345AB at bench-1']);
  });
});
