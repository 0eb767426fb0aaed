// Data-quality problem codes (computed by the server for each customer) in plain words, and the
// fix the customer page offers for each.
import type { TFunction } from 'i18next';

export const PROBLEM_CODES = [
  'missing_reminder_email',
  'invalid_email',
  'missing_phone',
  'missing_postal_address',
  'missing_company_id',
  'invalid_siren',
  'invalid_siret',
  'invalid_vat',
  'missing_payment_terms',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/**
 * What the fix button does: add a contact, open the contact to correct, or open the customer
 * form on a given field.
 */
export type ProblemFix =
  | { kind: 'addContact' }
  | { kind: 'editContacts' }
  | { kind: 'editCustomer'; field: 'siren' | 'siret' | 'vat_number' | 'postal_address' | 'payment_terms_days' };

const FIXES: Record<ProblemCode, ProblemFix> = {
  missing_reminder_email: { kind: 'addContact' },
  invalid_email: { kind: 'editContacts' },
  missing_phone: { kind: 'editContacts' },
  missing_postal_address: { kind: 'editCustomer', field: 'postal_address' },
  missing_company_id: { kind: 'editCustomer', field: 'siren' },
  invalid_siren: { kind: 'editCustomer', field: 'siren' },
  invalid_siret: { kind: 'editCustomer', field: 'siret' },
  invalid_vat: { kind: 'editCustomer', field: 'vat_number' },
  missing_payment_terms: { kind: 'editCustomer', field: 'payment_terms_days' },
};

export function isProblemCode(code: string): code is ProblemCode {
  return (PROBLEM_CODES as readonly string[]).includes(code);
}

export interface DescribedProblem {
  code: string;
  /** The problem, as a sentence. */
  text: string;
  /** The button that fixes it, if the page can. */
  fix: ProblemFix | null;
  fixLabel: string | null;
}

/** A problem code in plain words, with its fix. An unknown code still reads as a sentence. */
export function describeProblem(code: string, t: TFunction): DescribedProblem {
  if (!isProblemCode(code)) {
    return { code, text: t('problems.unknown', { code: code.replace(/_/g, ' ') }), fix: null, fixLabel: null };
  }
  return { code, text: t(`problems.text.${code}`), fix: FIXES[code], fixLabel: t(`problems.fix.${code}`) };
}

/** Sentences for a tooltip or a list, in the server's order. */
export function problemSentences(codes: readonly string[], t: TFunction): string[] {
  return codes.map((c) => describeProblem(c, t).text);
}
