import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  proposeGrade,
  type GradeInput,
} from '../../../../electron/core/repair/grade-rules.ts';

const base: GradeInput = {
  platform: 'android',
  intakeReason: 'leaver',
  conditionNotes: '',
  batteryHealth: 95,
  osVersion: '14',
  minimumOsVersion: '12',
};
const grade = (changes: Partial<GradeInput>) => proposeGrade({ ...base, ...changes });

describe('the proposed grade', () => {
  it('follows battery health: ≥ 90 A, ≥ 80 B, ≥ 70 C, below D', () => {
    expect(grade({ batteryHealth: 90 })).toEqual({
      grade: 'A',
      reasons: ['battery health 90 % and no damage noted'],
    });
    expect(grade({ batteryHealth: 89 })).toEqual({
      grade: 'B',
      reasons: ['battery health 89 % is below 90 %'],
    });
    expect(grade({ batteryHealth: 80 }).grade).toBe('B');
    expect(grade({ batteryHealth: 79 })).toEqual({
      grade: 'C',
      reasons: ['battery health 79 % is below 80 %'],
    });
    expect(grade({ batteryHealth: 70 }).grade).toBe('C');
    expect(grade({ batteryHealth: 69 })).toEqual({
      grade: 'D',
      reasons: ['battery health 69 % is below 70 %'],
    });
  });

  it('never proposes A when the battery’s health is not exposed', () => {
    expect(grade({ batteryHealth: null })).toEqual({
      grade: 'B',
      reasons: ['battery health is not exposed by this device: check it by hand'],
    });
  });

  it('caps at C for cosmetic wear and gives D for damage in the notes', () => {
    expect(grade({ conditionNotes: 'Light scratches on the back, small dent' })).toEqual({
      grade: 'C',
      reasons: ['condition notes mention cosmetic wear (scratch, dent)'],
    });
    expect(grade({ conditionNotes: 'Screen cracked in the corner' })).toEqual({
      grade: 'D',
      reasons: ['condition notes mention damage (crack)'],
    });
    // Word starts only: an "incident" is not a dent.
    expect(grade({ conditionNotes: 'no incident reported' }).grade).toBe('A');
  });

  it('gives D to a device returned as broken and to an OS below the fleet minimum', () => {
    expect(grade({ intakeReason: 'broken' })).toEqual({ grade: 'D', reasons: ['returned as broken'] });
    expect(grade({ osVersion: '11' })).toEqual({
      grade: 'D',
      reasons: ['Android 11 is below the fleet minimum 12'],
    });
    expect(grade({ platform: 'ios', osVersion: '16.7.2', minimumOsVersion: '17' }).reasons).toEqual([
      'iOS 16.7.2 is below the fleet minimum 17',
    ]);
    expect(grade({ osVersion: '11', minimumOsVersion: '' }).grade).toBe('A');
  });

  it('names every rule that applied when several did', () => {
    expect(
      grade({ intakeReason: 'broken', batteryHealth: 60, conditionNotes: 'water damage, scuffs' }),
    ).toEqual({
      grade: 'D',
      reasons: [
        'returned as broken',
        'condition notes mention damage (water)',
        'battery health 60 % is below 70 %',
      ],
    });
  });
});

describe('version comparison', () => {
  it('compares dotted numbers part by part', () => {
    expect(compareVersions('13', '13.0')).toBe(0);
    expect(compareVersions('13.1', '13')).toBe(1);
    expect(compareVersions('9', '10')).toBe(-1);
    expect(compareVersions('17.4.1', '17.10')).toBe(-1);
  });
});
