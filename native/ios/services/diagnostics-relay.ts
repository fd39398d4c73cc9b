// diagnostics_relay (com.apple.mobile.diagnostics_relay): restart, shut down, and the
// IORegistry (the battery's gauge). Requests are { Request, … }; replies say Status
// 'Success', or 'Failure' / 'UnknownRequest'.
//   Restart { WaitForDisconnect, DisplayPass, DisplayFail } · Shutdown { … }
//   IORegistry { EntryClass: 'IOPMPowerSource' } ← { Diagnostics: { IORegistry: {…} } }
//   Goodbye (before closing, as libimobiledevice does)
import type { Duplex } from 'node:stream';
import { DeviceCommandError, DeviceGoneError, DeviceUnreadableError } from '../../device-errors.ts';
import { PlistChannel, plistText } from '../transport/plist-channel.ts';
import { isPlistDict, type PlistDict, type PlistValue } from '../wire/plist-codec.ts';

export const DIAGNOSTICS_RELAY_SERVICE = 'com.apple.mobile.diagnostics_relay';
export const BATTERY_ENTRY_CLASS = 'IOPMPowerSource';

export class DiagnosticsRelayError extends DeviceCommandError {
  constructor(request: string, status: PlistValue | undefined) {
    super(`diagnostics_relay refused ${request} (${status === undefined ? 'no status' : plistText(status)})`);
    this.name = 'DiagnosticsRelayError';
  }
}

export class DiagnosticsRelayClient {
  readonly #channel: PlistChannel;

  constructor(stream: Duplex, device: string) {
    this.#channel = new PlistChannel(stream, { device, peer: DIAGNOSTICS_RELAY_SERVICE });
  }

  /** Asks for a restart once this connection closes (WaitForDisconnect), so the reply always arrives. */
  async restart(): Promise<void> {
    await this.#powerRequest('Restart');
  }

  async shutdown(): Promise<void> {
    await this.#powerRequest('Shutdown');
  }

  /** The IORegistry entry of a class (IOPMPowerSource: CurrentCapacity, IsCharging, CycleCount…). */
  async ioRegistry(entryClass = BATTERY_ENTRY_CLASS): Promise<PlistDict> {
    const reply = await this.#request({ Request: 'IORegistry', EntryClass: entryClass });
    const diagnostics = reply.Diagnostics;
    const registry = isPlistDict(diagnostics) ? diagnostics.IORegistry : undefined;
    if (!isPlistDict(registry)) throw new DeviceUnreadableError('diagnostics_relay sent no IORegistry');
    return registry;
  }

  /** Says Goodbye (best effort) and closes; a Restart takes effect now. */
  async goodbye(): Promise<void> {
    await this.#request({ Request: 'Goodbye' }).catch(() => undefined);
    this.#channel.close();
  }

  close(): void {
    this.#channel.close();
  }

  async #powerRequest(request: 'Restart' | 'Shutdown'): Promise<void> {
    try {
      await this.#request({
        Request: request,
        WaitForDisconnect: true,
        DisplayPass: false,
        DisplayFail: false,
      });
    } catch (error) {
      // A device that goes down before answering did what was asked.
      if (!(error instanceof DeviceGoneError)) throw error;
    }
  }

  async #request(body: PlistDict): Promise<PlistDict> {
    const reply = await this.#channel.request(body);
    if (reply.Status !== 'Success') throw new DiagnosticsRelayError(plistText(body.Request), reply.Status);
    return reply;
  }
}
