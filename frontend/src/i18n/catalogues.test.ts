import { describe, expect, it } from 'vitest';
import { detectLanguage, intlLocale } from '.';
import en from './en.json';
import fr from './fr.json';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('catalogues', () => {
  it('have the same keys in French and English, none empty', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
    const empty = [...keys(fr), ...keys(en)].filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], fr) === '');
    expect(empty).toEqual([]);
  });
});

describe('detectLanguage', () => {
  it('follows the browser when nothing was chosen, and a stored choice otherwise', () => {
    expect(detectLanguage(['de-DE', 'en-US'])).toBe('en');
    expect(detectLanguage(['fr-CA'])).toBe('fr');
    expect(detectLanguage(['es'])).toBe('fr');
    window.localStorage.setItem('relance.lang', 'en');
    expect(detectLanguage(['fr-FR'])).toBe('en');
  });

  it('formats with fr-FR or en-GB', () => {
    expect(intlLocale('fr')).toBe('fr-FR');
    expect(intlLocale('en')).toBe('en-GB');
  });
});
