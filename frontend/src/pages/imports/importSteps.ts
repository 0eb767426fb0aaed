// Where an import stands, read from the server's state, and target field names in plain words.
import type { TFunction } from 'i18next';
import type { Import } from '../../api/types';

export type WizardStep = 'upload' | 'mapping' | 'preview' | 'commit';

/** The server is working on it (reading the file, dry run or commit): poll it. */
export function isRunning(imp: Import | undefined): boolean {
  return imp?.status === 'reading' || imp?.status === 'validating' || imp?.status === 'importing';
}

/** The file was refused when it was read (beyond a limit, or unreadable): it cannot be mapped. */
export function isRefused(imp: Import | undefined): boolean {
  return imp?.status === 'failed' && (imp.detected.headers ?? []).length === 0;
}

export function isFinished(imp: Import | undefined): boolean {
  return imp?.status === 'done' || imp?.status === 'failed';
}

export function isFailed(imp: Import | undefined): boolean {
  return imp?.status === 'failed';
}

/** The step an import is at, from its status. */
export function stepOf(imp: Import | undefined): WizardStep {
  switch (imp?.status) {
    case undefined:
      return 'upload';
    case 'reading':
    case 'uploaded':
      return 'mapping';
    case 'validating':
    case 'validated':
      return 'preview';
    default:
      return 'commit';
  }
}

/** The values of one column in the first rows of the file. */
export function columnSamples(imp: Import, header: string, max = 3): string[] {
  const i = imp.detected.headers.indexOf(header);
  if (i < 0) return [];
  return (imp.detected.sample ?? []).map((row) => row[i] ?? '').slice(0, max);
}

/** Required fields and one-of groups that have no column yet. */
export function missingFields(imp: Import, mapping: Record<string, string>): { required: string[]; groups: string[][] } {
  const required = imp.fields.filter((f) => f.required && !mapping[f.name]).map((f) => f.name);
  const groups = new Map<string, string[]>();
  for (const f of imp.fields) if (f.one_of) groups.set(f.one_of, [...(groups.get(f.one_of) ?? []), f.name]);
  const unmet = [...groups.values()].filter((names) => !names.some((n) => mapping[n]));
  return { required, groups: unmet };
}

export const STEP_INDEX: Record<WizardStep, number> = { upload: 0, mapping: 1, preview: 2, commit: 3 };

const KNOWN_FIELDS = [
  'external_id',
  'name',
  'siren',
  'siret',
  'vat_number',
  'email',
  'phone',
  'contact_name',
  'contact_email',
  'contact_phone',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
  'country',
  'language',
  'currency',
  'payment_terms_days',
  'segment',
  'tags',
  'credit_limit',
  'notes',
  'number',
  'customer_external_id',
  'customer_name',
  'customer',
  'issue_date',
  'due_date',
  'total',
  'tax',
  'amount',
  'balance',
  'paid',
  'received_on',
  'method',
  'reference',
  'invoice_number',
] as const;
type KnownField = (typeof KNOWN_FIELDS)[number];

/** A target field in plain words, in the user's language when known; else the server's label. */
export function fieldLabel(name: string, t: TFunction, serverLabel?: string): string {
  const base = name.replace(/_cents$/, '');
  if ((KNOWN_FIELDS as readonly string[]).includes(base)) return t(`imports.targets.${base as KnownField}`);
  if (serverLabel) return serverLabel;
  const words = base.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Line 12" for a row number (the line in the file: the header is line 1). */
export function rowLabel(row: number, t: TFunction): string {
  return t('imports.row', { row });
}
