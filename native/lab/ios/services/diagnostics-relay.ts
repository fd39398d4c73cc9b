// com.apple.mobile.diagnostics_relay: restart, shut down or sleep the device, and read
// its IORegistry (the battery: IOPMPowerSource), MobileGestalt and gas gauge.
// Replies: { Status: Success | Failure | UnknownRequest, Diagnostics? }.
// Restart and Shutdown answer first; with WaitForDisconnect (what idevicediagnostics sends)
// the device acts once the client has closed the connection, otherwise at once.
import type { PlistDict, PlistValue } from '../../../ios/wire/plist-codec.ts';
import type { PlistConversation } from './plist-service.ts';
import { PlistService } from './plist-service.ts';
import type { LabIosDeviceApi } from './service-api.ts';

/** Wire format: { Request, … }. */
const REQUEST = {
  goodbye: 'Goodbye',
  restart: 'Restart', // WaitForDisconnect, DisplayPass, DisplayFail
  shutdown: 'Shutdown', // same flags
  sleep: 'Sleep',
  ioRegistry: 'IORegistry', // EntryName | EntryClass | CurrentPlane
  mobileGestalt: 'MobileGestalt', // MobileGestaltKeys: string[]
  all: 'All',
  gasGauge: 'GasGauge',
  wifi: 'WiFi',
  nand: 'NAND',
} as const;
const SUCCESS = { Status: 'Success' } as const;
const FAILURE = { Status: 'Failure' } as const;
const UNKNOWN_REQUEST = { Status: 'UnknownRequest' } as const;

/** Names the battery's IORegistry entry answers to (its class, and its name on iPhones). */
const BATTERY_ENTRIES = new Set(['IOPMPowerSource', 'AppleARMPMUCharger', 'AppleSmartBattery']);
/** A typical iPhone cell; the device reports capacities against it. */
const DESIGN_CAPACITY_MAH = 3349;

/** IOPMPowerSource as an iPhone reports it (capacities in mAh, temperature in centi-°C). */
export function batteryEntry(device: LabIosDeviceApi): PlistDict {
  const { level, charging, health, cycleCount, temperature } = device.battery();
  const percent = Math.max(0, Math.min(100, Math.round(level)));
  const maxRaw = Math.round((DESIGN_CAPACITY_MAH * Math.max(0, Math.min(100, health))) / 100);
  const currentRaw = Math.round((maxRaw * percent) / 100);
  return {
    AppleRawCurrentCapacity: currentRaw,
    AppleRawMaxCapacity: maxRaw,
    AtCriticalLevel: percent <= 5,
    BatteryInstalled: true,
    CurrentCapacity: percent,
    CycleCount: cycleCount,
    DesignCapacity: DESIGN_CAPACITY_MAH,
    ExternalChargeCapable: charging,
    ExternalConnected: charging,
    FullyCharged: percent >= 100,
    IOObjectClass: 'AppleARMPMUCharger',
    IORegistryEntryName: 'AppleARMPMUCharger',
    InstantAmperage: charging ? 1500 : -250,
    IsCharging: charging && percent < 100,
    MaxCapacity: 100,
    NominalChargeCapacity: maxRaw,
    Temperature: Math.round(temperature * 100),
    UpdateTime: Math.floor(Date.now() / 1000),
    Voltage: 3700 + Math.round(percent * 6),
  };
}

function gasGauge(device: LabIosDeviceApi): PlistDict {
  const battery = batteryEntry(device);
  return {
    CycleCount: battery.CycleCount!,
    DesignCapacity: battery.DesignCapacity!,
    FullChargeCapacity: battery.AppleRawMaxCapacity!,
    Status: 'Success',
  };
}

function ioRegistry(device: LabIosDeviceApi, request: PlistDict): PlistDict | undefined {
  const name = typeof request.EntryName === 'string' ? request.EntryName : '';
  const entryClass = typeof request.EntryClass === 'string' ? request.EntryClass : '';
  if (BATTERY_ENTRIES.has(name) || BATTERY_ENTRIES.has(entryClass)) return batteryEntry(device);
  if (typeof request.CurrentPlane === 'string' || (name === '' && entryClass === ''))
    return {
      IOObjectClass: 'IORegistryEntry',
      IORegistryEntryName: 'Root',
      IORegistryEntryChildren: [batteryEntry(device)],
    };
  return undefined;
}

function mobileGestalt(device: LabIosDeviceApi, keys: PlistValue | undefined): PlistDict {
  const answers: PlistDict = { UniqueDeviceID: device.udid, ...device.gestalt };
  const result: PlistDict = {};
  for (const key of Array.isArray(keys) ? keys : [])
    if (typeof key === 'string' && answers[key] !== undefined) result[key] = answers[key];
  return { ...result, Status: 'MobileGestaltSuccess' };
}

type PowerAction = 'restart' | 'shutdown';

export class DiagnosticsRelayService extends PlistService {
  readonly name = 'com.apple.mobile.diagnostics_relay';
  readonly ssl = true;
  protected readonly requestKey = 'Request';
  /** Power actions waiting for their client to disconnect. */
  readonly #pending = new WeakMap<PlistConversation, PowerAction>();

  protected async handle(request: PlistDict, conversation: PlistConversation): Promise<'close' | void> {
    const device = conversation.device;
    switch (this.requestName(request)) {
      case REQUEST.goodbye:
        await conversation.send(SUCCESS);
        return 'close';
      case REQUEST.restart:
      case REQUEST.shutdown: {
        const action: PowerAction = request.Request === REQUEST.restart ? 'restart' : 'shutdown';
        await conversation.send(SUCCESS);
        if (request.WaitForDisconnect === true) {
          this.#pending.set(conversation, action);
          return;
        }
        this.#act(device, action);
        return 'close';
      }
      case REQUEST.sleep:
        // The screen goes dark; the device stays on USB (there is nothing more to simulate).
        return conversation.send(SUCCESS);
      case REQUEST.ioRegistry: {
        await device.delay('command');
        const entry = ioRegistry(device, request);
        return conversation.send(entry ? { ...SUCCESS, Diagnostics: { IORegistry: entry } } : FAILURE);
      }
      case REQUEST.mobileGestalt:
        await device.delay('command');
        return conversation.send({
          ...SUCCESS,
          Diagnostics: { MobileGestalt: mobileGestalt(device, request.MobileGestaltKeys) },
        });
      case REQUEST.gasGauge:
        return conversation.send({ ...SUCCESS, Diagnostics: { GasGauge: gasGauge(device) } });
      case REQUEST.all:
        await device.delay('command');
        return conversation.send({
          ...SUCCESS,
          Diagnostics: {
            GasGauge: gasGauge(device),
            NAND: { Status: 'Success' },
            WiFi: { Active: true, Status: 'Success' },
          },
        });
      case REQUEST.wifi:
        return conversation.send({ ...SUCCESS, Diagnostics: { WiFi: { Active: true, Status: 'Success' } } });
      case REQUEST.nand:
        return conversation.send({ ...SUCCESS, Diagnostics: { NAND: { Status: 'Success' } } });
      default:
        return conversation.send(UNKNOWN_REQUEST);
    }
  }

  protected override finish(conversation: PlistConversation): void {
    const action = this.#pending.get(conversation);
    if (action) this.#act(conversation.device, action);
  }

  #act(device: LabIosDeviceApi, action: PowerAction): void {
    device.record(this.name, action === 'restart' ? 'Restarting' : 'Shutting down');
    if (action === 'restart') device.restart();
    else device.shutdown();
  }
}
