import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n';
import { formatDate, formatDateTime, formatMoney, formatRelative } from './format';

/** The formatting helpers bound to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  return useMemo(
    () => ({
      money: (cents: number, currency: string) => formatMoney(cents, currency, lng),
      date: (v: string | null | undefined) => formatDate(v, lng),
      dateTime: (v: string | null | undefined) => formatDateTime(v, lng),
      relative: (v: string | null | undefined) => formatRelative(v, lng),
      /** A figure with at most `digits` decimals: 42.55 → "42,6" (fr); "—" when there is none. */
      decimal: (v: number | null | undefined, digits = 1) => (v == null || !Number.isFinite(v) ? '—' : v.toLocaleString(intlLocale(lng), { maximumFractionDigits: digits })),
      /** A percentage given as 0–100: 87.25 → "87,3 %" (fr) / "87.3%" (en); "—" when there is none. */
      percent: (v: number | null | undefined) =>
        v == null || !Number.isFinite(v) ? '—' : new Intl.NumberFormat(intlLocale(lng), { style: 'percent', maximumFractionDigits: 1 }).format(v / 100),
      /** A decimal the API sends as text ("12.15" → "12,15" in French); other text as it is. */
      number: (v: string | number) => (Number.isFinite(Number(v)) && String(v).trim() !== '' ? Number(v).toLocaleString(intlLocale(lng), { maximumFractionDigits: 4 }) : String(v)),
    }),
    [lng],
  );
}
