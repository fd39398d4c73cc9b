// What grading needs of an Android phone's battery beyond `dumpsys battery` (level, and a
// health that is only good/dead/overheat…): the kernel's power-supply class, where the build
// lets the shell read it. /sys/class/power_supply/battery/cycle_count is a plain number;
// charge_full and charge_full_design are µAh, and their ratio is the capacity left. Many
// builds keep these from the shell (permission denied) or name the supply otherwise: then
// the value is unknown, not zero.
const SUPPLY = '/sys/class/power_supply/battery';

export const BATTERY_SYSFS = {
  cycles: `cat ${SUPPLY}/cycle_count`,
  chargeFull: `cat ${SUPPLY}/charge_full`,
  chargeFullDesign: `cat ${SUPPLY}/charge_full_design`,
} as const;

/** A sysfs number, or null when the read failed or printed something else. */
export function sysfsNumber(text: string | undefined, exitCode: number | undefined): number | null {
  if (text === undefined || exitCode !== 0) return null;
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Percent of design capacity, or null when either value is missing or implausible. */
export function capacityPercent(full: number | null, design: number | null): number | null {
  if (full === null || design === null || design <= 0 || full <= 0) return null;
  return Math.min(100, Math.round((full * 100) / design));
}
