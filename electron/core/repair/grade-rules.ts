// The grade the repair bench proposes (A like new … D for parts), from the device's diagnostics
// and what intake recorded. The technician confirms or changes it; these rules only propose.
// Pure, so the rules can be read and tested in one place.
import type { GradeProposal, IntakeReason } from '../../common/models/repair.ts';

export interface GradeInput {
  platform: 'android' | 'ios';
  intakeReason: IntakeReason;
  conditionNotes: string;
  /** Percent of design capacity; null where the device does not expose it. */
  batteryHealth: number | null;
  osVersion: string;
  /** The fleet's minimum for this platform ('' for none). */
  minimumOsVersion: string;
}

// Words in the condition notes that make a device unfit to hand out (D) or mark it as worn (C).
// Matched as word starts, so "cracked" and "cracks" match "crack", "scratches" matches "scratch".
// A negation ("no scratches") still matches: the proposal errs towards the lower grade and the
// technician, who reads the notes, corrects it.
const SEVERE = [
  'crack',
  'shatter',
  'broken',
  'water',
  'liquid',
  'swollen',
  'bent',
  'dead pixel',
  'no power',
  'not charging',
];
const COSMETIC = ['scratch', 'scuff', 'dent', 'chip', 'worn', 'cosmetic', 'discolo'];

function mentions(notes: string, words: readonly string[]): string[] {
  const text = notes.toLowerCase();
  return words.filter((word) => new RegExp(`(^|[^a-z])${word}`).test(text));
}

/** Compares dotted version numbers ("13" < "13.1" < "14"); non-digits are ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/**
 * D: intake said broken, the OS is below the fleet minimum, battery below 70 %, or the notes
 * mention damage that stops re-issue (cracked, water, swollen …).
 * C: battery 70–79 %, or the notes mention cosmetic wear (scratches, dents …).
 * B: battery 80–89 %, or battery health unknown (a person checks it).
 * A: battery at least 90 % and nothing noted.
 * The worst rule wins; every rule that applied is named.
 */
export function proposeGrade(input: GradeInput): GradeProposal {
  const d: string[] = [];
  const c: string[] = [];
  const b: string[] = [];
  if (input.intakeReason === 'broken') d.push('returned as broken');
  if (input.minimumOsVersion !== '' && compareVersions(input.osVersion, input.minimumOsVersion) < 0)
    d.push(
      `${input.platform === 'ios' ? 'iOS' : 'Android'} ${input.osVersion || '(unknown)'} is below the fleet minimum ${input.minimumOsVersion}`,
    );
  const severe = mentions(input.conditionNotes, SEVERE);
  if (severe.length > 0) d.push(`condition notes mention damage (${severe.join(', ')})`);
  const cosmetic = mentions(input.conditionNotes, COSMETIC);
  if (cosmetic.length > 0) c.push(`condition notes mention cosmetic wear (${cosmetic.join(', ')})`);

  const health = input.batteryHealth;
  if (health === null) b.push('battery health is not exposed by this device: check it by hand');
  else if (health < 70) d.push(`battery health ${health} % is below 70 %`);
  else if (health < 80) c.push(`battery health ${health} % is below 80 %`);
  else if (health < 90) b.push(`battery health ${health} % is below 90 %`);

  if (d.length > 0) return { grade: 'D', reasons: d };
  if (c.length > 0) return { grade: 'C', reasons: c };
  if (b.length > 0) return { grade: 'B', reasons: b };
  return { grade: 'A', reasons: [`battery health ${health} % and no damage noted`] };
}
