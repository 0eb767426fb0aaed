// Money and date formatting with Intl, in the user's locale (fr-FR or en-GB).
import { intlLocale } from '../i18n';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Number of minor units per major unit for a currency (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Formats an integer amount of minor units: 124000 EUR → "1 240,00 €" (fr) / "€1,240.00" (en). */
export function formatMoney(amountCents: number, currency: string, language: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amountCents / 10 ** digits);
}

/**
 * Formats a date. A plain date ("2026-03-15", a due date) is shown as that calendar day
 * whatever the browser's time zone; a timestamp is shown in the browser's time zone.
 */
export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const plain = ISO_DATE.test(value);
  const date = new Date(plain ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(language), {
    dateStyle: 'medium',
    ...(plain ? { timeZone: 'UTC' } : {}),
  }).format(date);
}

/** Formats a timestamp with its time, in the browser's time zone. */
export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "il y a 3 jours" / "3 days ago". */
export function formatRelative(value: string | null | undefined, language: string, now: number = Date.now()): string {
  if (!value) return '';
  const then = new Date(value).getTime();
  if (Number.isNaN(then)) return value;
  const seconds = Math.round((then - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}
