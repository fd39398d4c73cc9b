// dumpsys battery, in BatteryService.dumpInternal's layout. "Dock powered" appeared with
// Android 14's health HAL, "Charging state/policy" with Android 15.
import type { BatteryHealth, DeviceState } from '../state.ts';

const HEALTH: Record<BatteryHealth, number> = { good: 2, overheat: 3, dead: 4, cold: 7 };

// BatteryManager.BATTERY_STATUS_*: 2 charging, 3 discharging, 5 full.
function status(state: DeviceState): number {
  const b = state.battery;
  if (b.charging && b.level >= 100) return 5;
  return b.charging ? 2 : 3;
}

export function dumpBattery(state: DeviceState): string {
  const b = state.battery;
  const sdk = state.identity.sdk;
  const lines = [
    'Current Battery Service state:',
    '  AC powered: false',
    `  USB powered: ${b.charging}`,
    '  Wireless powered: false',
  ];
  if (sdk >= 34) lines.push('  Dock powered: false');
  lines.push(
    `  Max charging current: ${b.charging ? 500000 : 0}`,
    `  Max charging voltage: ${b.charging ? 5000000 : 0}`,
    `  Charge counter: ${Math.round(b.level * 41000)}`,
    `  status: ${status(state)}`,
    `  health: ${HEALTH[b.health]}`,
    '  present: true',
    `  level: ${b.level}`,
    '  scale: 100',
    `  voltage: ${b.voltageMv}`,
    `  temperature: ${b.temperatureTenthsC}`,
    '  technology: Li-ion',
  );
  if (sdk >= 35) lines.push(`  Charging state: ${b.charging ? 1 : 0}`, '  Charging policy: 1');
  return lines.join('\n') + '\n';
}
