// French company identifiers, checked as the server does (to warn while typing; the server decides).

/** Luhn checksum over digits. */
export function luhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const compact = (v: string) => v.replace(/[\s.-]/g, '').toUpperCase();

export function sirenValid(v: string): boolean {
  const s = compact(v);
  return /^\d{9}$/.test(s) && luhn(s);
}

export function siretValid(v: string): boolean {
  const s = compact(v);
  return /^\d{14}$/.test(s) && luhn(s);
}

/** The French VAT number of a SIREN: FR + key (12 + 3 × (SIREN mod 97)) mod 97 + SIREN. */
export function frenchVat(siren: string): string | null {
  const s = compact(siren);
  if (!sirenValid(s)) return null;
  const key = (12 + 3 * (Number(s) % 97)) % 97;
  return `FR${String(key).padStart(2, '0')}${s}`;
}
