// Builds a connector and its HTTP client from validated settings: the one place that knows
// which module serves which kind.
import type { ConnectorConfig, FieldPolicy, SyncField } from '../../common/models/sync.ts';
import type { Connector } from './connector.ts';
import { SyncHttp } from './http/sync-http.ts';
import { createSnipeItConnector, createSnipeItHttp } from './connectors/snipeit/snipeit-connector.ts';
import { WebhookConnector } from './connectors/webhook/webhook-connector.ts';
import { IntuneConnector } from './connectors/intune/intune-connector.ts';

export interface ConnectorKit {
  connector: Connector;
  http: SyncHttp;
  policies: Partial<Record<SyncField, FieldPolicy>>;
}

export interface ConnectorContext {
  /** This station's name, for events. */
  station: () => string;
  /** How long a request may take before it counts as a timeout (default 30 s). */
  requestTimeoutMs?: number;
}

export type ConnectorFactory = (config: ConnectorConfig, context: ConnectorContext) => ConnectorKit;

export const createConnectorKit: ConnectorFactory = (connector, context) => {
  switch (connector.kind) {
    case 'snipeit':
      return {
        connector: createSnipeItConnector(connector.config),
        http: createSnipeItHttp(connector.config, timeout(context)),
        policies: connector.config.fieldPolicies,
      };
    case 'webhook':
      return {
        connector: new WebhookConnector({ config: connector.config, station: context.station }),
        http: new SyncHttp({
          baseUrl: connector.config.url,
          ratePerMinute: connector.config.ratePerMinute,
          userAgent: 'Depotline-sync (webhook)',
          ...timeout(context),
        }),
        policies: {},
      };
    case 'intune':
      return {
        connector: new IntuneConnector({ config: connector.config }),
        // Graph only; the token client keeps its own client for the login host.
        http: new SyncHttp({
          baseUrl: connector.config.graphUrl,
          ratePerMinute: connector.config.ratePerMinute,
          userAgent: 'Depotline-sync (Intune)',
          ...timeout(context),
        }),
        policies: {},
      };
  }
};

const timeout = (context: ConnectorContext) =>
  context.requestTimeoutMs === undefined ? {} : { timeoutMs: context.requestTimeoutMs };
