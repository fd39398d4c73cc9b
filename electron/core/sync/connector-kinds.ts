// Builds a connector and its HTTP client from validated settings: the one place that knows
// which module serves which kind.
import type { ConnectorConfig, FieldPolicy, SyncField } from '../../common/models/sync.ts';
import type { Connector } from './connector.ts';
import { SyncHttp } from './http/sync-http.ts';

export interface ConnectorKit {
  connector: Connector;
  http: SyncHttp;
  policies: Partial<Record<SyncField, FieldPolicy>>;
}

export type ConnectorFactory = (config: ConnectorConfig) => ConnectorKit;

export const createConnectorKit: ConnectorFactory = (connector) => {
  switch (connector.kind) {
    case 'snipeit':
    case 'webhook':
    case 'intune':
      throw new Error(`${connector.kind} connectors are not available yet`);
  }
};

export { SyncHttp };
