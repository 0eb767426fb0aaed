// Bank details and countries as people read them.
import { currentLanguage, intlLocale } from '../../i18n';

/** "FR7630006000011234567890189" → "FR76 3000 6000 0112 3456 7890 189". */
export function formatIBAN(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

/** An IBAN's country: its first two letters. */
export function ibanCountry(iban: string | null | undefined): string {
  return (iban ?? '').replace(/\s+/g, '').slice(0, 2).toUpperCase();
}

/** "DE" → "Allemagne" / "Germany", in the UI language (the code itself when unknown). */
export function countryName(code: string, lng: string = currentLanguage()): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([intlLocale(lng.startsWith('en') ? 'en' : 'fr')], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
