import { describe, expect, it } from 'vitest';
import { currencyDigits, formatDate, formatMoney, formatRelative } from './format';

// Intl uses narrow/no-break spaces in French; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats minor units in French and in English', () => {
    expect(plain(formatMoney(124000, 'EUR', 'fr'))).toBe('1 240,00 €');
    expect(formatMoney(124000, 'EUR', 'en')).toBe('€1,240.00');
    expect(plain(formatMoney(-5, 'EUR', 'fr'))).toBe('-0,05 €');
  });

  it('knows currencies without or with three decimals', () => {
    expect(currencyDigits('JPY')).toBe(0);
    expect(formatMoney(1500, 'JPY', 'en')).toBe('JP¥1,500');
    expect(plain(formatMoney(1234, 'KWD', 'fr'))).toBe('1,234 KWD');
  });
});

describe('formatDate', () => {
  it('shows a plain date as that calendar day', () => {
    expect(formatDate('2026-03-15', 'fr')).toBe('15 mars 2026');
    expect(formatDate('2026-03-15', 'en')).toBe('15 Mar 2026');
    expect(formatDate(null, 'en')).toBe('');
  });
});

describe('formatRelative', () => {
  it('says how long ago, in the user language', () => {
    const now = Date.parse('2026-03-15T12:00:00Z');
    expect(formatRelative('2026-03-12T12:00:00Z', 'en', now)).toBe('3 days ago');
    expect(formatRelative('2026-03-12T12:00:00Z', 'fr', now)).toBe('il y a 3 jours');
    expect(formatRelative('2026-03-14T12:00:00Z', 'fr', now)).toBe('hier');
  });
});
