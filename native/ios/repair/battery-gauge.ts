// The battery as diagnostics_relay's IORegistry answer reports it (the IOPMPowerSource entry;
// on iPhones AppleSmartBattery / AppleARMPMUCharger), the figures grading needs:
//   CycleCount                        charge cycles
//   DesignCapacity                    mAh the cell was built for
//   NominalChargeCapacity, or         mAh it holds now when full (iOS 13+ report both;
//   AppleRawMaxCapacity               older ones only the raw value)
//   CurrentCapacity / MaxCapacity     charge now: percent when MaxCapacity is 100 (iOS 14+),
//                                     otherwise mAh of mAh
import type { PlistDict, PlistValue } from '../wire/plist-codec.ts';

export interface BatteryGauge {
  levelPercent: number | null;
  /** Full-charge capacity as a percent of design capacity. */
  healthPercent: number | null;
  cycles: number | null;
}

const count = (value: PlistValue | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

export function parseBatteryGauge(entry: PlistDict): BatteryGauge {
  const design = count(entry.DesignCapacity);
  const full = count(entry.NominalChargeCapacity) ?? count(entry.AppleRawMaxCapacity);
  const current = count(entry.CurrentCapacity);
  const max = count(entry.MaxCapacity);
  const level =
    current === null ? null : max === null || max === 100 ? current : max > 0 ? (current * 100) / max : null;
  return {
    levelPercent: level === null ? null : Math.round(Math.min(100, level)),
    healthPercent: design && full ? Math.min(100, Math.round((full * 100) / design)) : null,
    cycles: count(entry.CycleCount),
  };
}
