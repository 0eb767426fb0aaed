import { describe, expect, it } from 'vitest';
import { formatMoneyInput, parseMoney } from './money';

describe('parseMoney', () => {
  it('reads French amounts: spaces (also non-breaking) for thousands, a comma for decimals', () => {
    expect(parseMoney('1 234,56', 'fr')).toBe(123456);
    expect(parseMoney('1\u202f234,56 €', 'fr')).toBe(123456);
    expect(parseMoney('1\u00a0234,5', 'fr')).toBe(123450);
    expect(parseMoney('1234', 'fr')).toBe(123400);
    expect(parseMoney(',5', 'fr')).toBe(50);
    expect(parseMoney('1.234,56', 'fr')).toBe(123456);
  });

  it('accepts a decimal point from a French user who types one', () => {
    expect(parseMoney('1234.56', 'fr')).toBe(123456);
    expect(parseMoney('12.5', 'fr')).toBe(1250);
  });

  it('reads English amounts', () => {
    expect(parseMoney('1,234.56', 'en')).toBe(123456);
    expect(parseMoney('£1,234', 'en')).toBe(123400);
    expect(parseMoney('1,234,567.8', 'en')).toBe(123456780);
    expect(parseMoney('12,50', 'en')).toBe(1250);
  });

  it('refuses what is not an amount in cents', () => {
    expect(parseMoney('', 'fr')).toBeNull();
    expect(parseMoney('abc', 'fr')).toBeNull();
    expect(parseMoney('1,234', 'fr')).toBeNull(); // three decimals: not an amount of euros
    expect(parseMoney('1,2,3', 'fr')).toBeNull();
    expect(parseMoney('12.345,6.7', 'fr')).toBeNull();
  });

  it('keeps the sign for the caller to judge, and follows the currency digits', () => {
    expect(parseMoney('-10', 'fr')).toBe(-1000);
    expect(parseMoney('1 234', 'fr', 'JPY')).toBe(1234);
    expect(parseMoney('12,5', 'fr', 'JPY')).toBeNull();
  });

  it('round-trips with formatMoneyInput', () => {
    expect(formatMoneyInput(123456, 'fr')).toBe('1 234,56');
    expect(formatMoneyInput(123456, 'en')).toBe('1,234.56');
    for (const cents of [0, 1, 99, 100000, 987654321]) {
      expect(parseMoney(formatMoneyInput(cents, 'fr'), 'fr')).toBe(cents);
      expect(parseMoney(formatMoneyInput(cents, 'en'), 'en')).toBe(cents);
    }
  });
});
