import { DeviceOutputError } from './getprop.ts';

// `dumpsys battery` (BatteryService.dumpInternal): "  level: 87", "  health: 2",
// "  temperature: 281" (tenths of °C), "  status: 2". Health and status are the
// BatteryManager constants.
const HEALTH: Record<number, BatteryHealth> = {
  1: 'unknown',
  2: 'good',
  3: 'overheat',
  4: 'dead',
  5: 'over_voltage',
  6: 'failure',
  7: 'cold',
};
const STATUS: Record<number, BatteryStatus> = {
  1: 'unknown',
  2: 'charging',
  3: 'discharging',
  4: 'not_charging',
  5: 'full',
};

export type BatteryHealth = 'unknown' | 'good' | 'overheat' | 'dead' | 'over_voltage' | 'failure' | 'cold';
export type BatteryStatus = 'unknown' | 'charging' | 'discharging' | 'not_charging' | 'full';

export interface Battery {
  levelPercent: number;
  health: BatteryHealth;
  status: BatteryStatus;
  temperatureC: number | undefined;
  pluggedIn: boolean;
}

export function parseDumpsysBattery(output: string): Battery {
  const fields = new Map<string, string>();
  for (const line of output.split('\n')) {
    const match = /^\s+([A-Za-z][\w ]*):\s*(.*?)\s*$/.exec(line);
    if (match) fields.set(match[1]!.toLowerCase(), match[2]!);
  }
  const level = Number(fields.get('level'));
  const scale = Number(fields.get('scale') ?? 100);
  if (!Number.isFinite(level) || !Number.isFinite(scale) || scale <= 0 || fields.get('level') === undefined) {
    throw new DeviceOutputError('dumpsys battery', 'no battery level in the reply');
  }
  const temperature = Number(fields.get('temperature'));
  const powered = ['ac powered', 'usb powered', 'wireless powered', 'dock powered'].some(
    (key) => fields.get(key) === 'true',
  );
  return {
    levelPercent: Math.round((level * 100) / scale),
    health: HEALTH[Number(fields.get('health'))] ?? 'unknown',
    status: STATUS[Number(fields.get('status'))] ?? 'unknown',
    temperatureC: Number.isFinite(temperature) && fields.has('temperature') ? temperature / 10 : undefined,
    pluggedIn: powered,
  };
}
