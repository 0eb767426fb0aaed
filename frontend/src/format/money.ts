// Money typed by a person, in their locale, to and from integer minor units (never floats).
import { intlLocale } from '../i18n';
import { currencyDigits } from './format';

const SPACES = /[\s\u00a0\u202f\u2009']/g;

/**
 * Reads an amount typed in the user's language into minor units: "1 234,56" (fr) or
 * "1,234.56" (en) → 123456. Accepts either decimal mark when the other is used for thousands
 * ("1.234,56", "1234.56" in French), spaces and the currency symbol. Returns null when the text
 * is not an amount, or has more decimals than the currency has (1,234 € is not an amount in cents).
 */
export function parseMoney(input: string, language: string, currency = 'EUR'): number | null {
  const digits = currencyDigits(currency);
  let s = input.replace(SPACES, '').replace(/[^\d.,+-]/g, (c) => (/[\p{L}\p{Sc}]/u.test(c) ? '' : c));
  if (s === '') return null;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return null;

  const french = language.startsWith('fr');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let decimalMark: ',' | '.' | null = null;
  if (lastComma >= 0 && lastDot >= 0) {
    decimalMark = lastComma > lastDot ? ',' : '.';
  } else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const count = s.split(mark).length - 1;
    // The user's own thousands separator, in well-formed groups of three, is a thousands separator
    // ("1,234" in English, "1.234.567" anywhere); otherwise it is the decimal mark.
    const grouped = new RegExp(`^\\d{1,3}(\\${mark}\\d{3})+$`).test(s);
    const thousandsMark = french ? '.' : ',';
    decimalMark = grouped && (count > 1 || mark === thousandsMark) ? null : mark;
  }

  let intPart = s;
  let fracPart = '';
  if (decimalMark) {
    const at = s.lastIndexOf(decimalMark);
    intPart = s.slice(0, at);
    fracPart = s.slice(at + 1);
    if (fracPart.includes(',') || fracPart.includes('.')) return null;
  }
  const thousands = decimalMark === ',' ? '.' : decimalMark === '.' ? ',' : /[.,]/;
  intPart = intPart.split(thousands).join('');
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fracPart)) return null;
  if (intPart === '' && fracPart === '') return null;
  if (fracPart.length > digits) return null;

  const cents = Number(intPart || '0') * 10 ** digits + Number(fracPart.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(cents)) return null;
  return sign * cents;
}

/** Minor units as the user would type them, without the currency: 123456 → "1 234,56" (fr) / "1,234.56" (en). */
export function formatMoneyInput(cents: number, language: string, currency = 'EUR'): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(intlLocale(language), { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(cents / 10 ** digits)
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** The currency's symbol in the user's language: "€", "£", "CHF". */
export function currencySymbol(currency: string, language: string): string {
  try {
    const parts = new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency }).formatToParts(0);
    return parts.find((p) => p.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}
