// What every service module receives when the router hands it a freshly OPENed stream.
import type { AdbFeature } from '../protocol/features.ts';
import type { AdbStream } from '../transport/stream.ts';
import type { VirtualAndroidDevice } from '../virtual-device-api.ts';

export interface ServiceContext {
  readonly device: VirtualAndroidDevice;
  /** What this connection advertised; services refuse requests of features not offered. */
  readonly features: ReadonlySet<AdbFeature>;
}

/** Starts serving a stream; it owns the stream until it ends or closes it. */
export type ServiceHandler = (stream: AdbStream, context: ServiceContext) => void;
