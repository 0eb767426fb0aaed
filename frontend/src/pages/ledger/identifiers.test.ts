import { describe, expect, it } from 'vitest';
import { frenchVat, sirenValid, siretValid } from './identifiers';

describe('French identifiers', () => {
  it('checks SIREN and SIRET with Luhn', () => {
    expect(sirenValid('732 829 320')).toBe(true);
    expect(sirenValid('732829321')).toBe(false);
    expect(siretValid('73282932000074')).toBe(true);
    expect(siretValid('7328293200007')).toBe(false);
  });

  it('computes the French VAT number from the SIREN', () => {
    expect(frenchVat('732829320')).toBe('FR44732829320');
    expect(frenchVat('123')).toBeNull();
  });
});
