import { describe, expect, it } from 'vitest';
import { segmentOptions } from './segments';

describe('segmentOptions', () => {
  it('offers the segments in use, without blanks or duplicates', () => {
    expect(segmentOptions(['Grands comptes', 'PME', ' PME ', ''])).toEqual(['Grands comptes', 'PME']);
    expect(segmentOptions(undefined)).toEqual([]);
  });

  it('keeps the chosen segment even when no customer uses it any more', () => {
    expect(segmentOptions(['PME'], 'Export')).toEqual(['Export', 'PME']);
    expect(segmentOptions(['Grands comptes', 'PME'], 'PME')).toEqual(['Grands comptes', 'PME']);
    expect(segmentOptions(['PME'], '  ')).toEqual(['PME']);
    expect(segmentOptions(undefined, 'Export')).toEqual(['Export']);
  });
});
