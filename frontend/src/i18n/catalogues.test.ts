import { describe, expect, it } from 'vitest';
import { detectLanguage, intlLocale } from '.';
import en from './en.json';
import fr from './fr.json';

/** Every leaf of a catalogue as [dotted key, value]. */
function leaves(obj: object, prefix = ''): [string, unknown][] {
  return Object.entries(obj).flatMap(([k, v]): [string, unknown][] =>
    typeof v === 'object' && v !== null ? leaves(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}

const keys = (obj: object) => leaves(obj).map(([k]) => k);
/** The {{variables}} a text interpolates; a singular may leave out {{count}} ("la ligne"). */
const variables = (key: string, text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)/g)]
    .map((m) => m[1])
    .filter((v) => !(key.endsWith('_one') && v === 'count'))
    .sort();

describe('catalogues', () => {
  it('have the same keys in French and English', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
  });

  it.each([
    ['French', fr],
    ['English', en],
  ])('%s has a non-empty text for every key', (_, catalogue) => {
    const empty = leaves(catalogue)
      .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
      .map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('interpolate the same variables in both languages', () => {
    const english = new Map(leaves(en));
    const differing = leaves(fr)
      .filter(([k, v]) => typeof v === 'string' && typeof english.get(k) === 'string')
      .filter(([k, v]) => variables(k, v as string).join() !== variables(k, english.get(k) as string).join())
      .map(([k]) => k);
    expect(differing).toEqual([]);
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
