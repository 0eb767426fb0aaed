// Timeline entries (activities) as human sentences, one per kind, in the user's language.
import type { TFunction } from 'i18next';
import type { Activity } from '../../api/types';
import { describeDunningActivity } from '../dunning/activities';
import { describePortalActivity, refineDunningActivity } from '../portal/activities';
import { isPaymentMethod } from './allocation';

export const ACTIVITY_KINDS = [
  'customer.created',
  'customer.updated',
  'customer.archived',
  'customer.imported',
  'contact.added',
  'contact.updated',
  'contact.removed',
  'invoice.created',
  'invoice.updated',
  'invoice.imported',
  'invoice.pdf_uploaded',
  'invoice.pdf_attached',
  'invoice.cancelled',
  'invoice.written_off',
  'invoice.paid',
  'payment.recorded',
  'payment.allocated',
  'payment.reversed',
  'payment.imported',
  'credit_note.created',
  'credit_note.allocated',
  'import.completed',
] as const;
type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export type ActivityTone = 'gray' | 'indigo' | 'green' | 'red' | 'orange' | 'teal' | 'grape';

const TONES: Record<ActivityKind, ActivityTone> = {
  'customer.created': 'indigo',
  'customer.updated': 'gray',
  'customer.archived': 'gray',
  'customer.imported': 'indigo',
  'contact.added': 'teal',
  'contact.updated': 'gray',
  'contact.removed': 'gray',
  'invoice.created': 'indigo',
  'invoice.updated': 'gray',
  'invoice.imported': 'indigo',
  'invoice.pdf_uploaded': 'gray',
  'invoice.pdf_attached': 'gray',
  'invoice.cancelled': 'orange',
  'invoice.written_off': 'red',
  'invoice.paid': 'green',
  'payment.recorded': 'green',
  'payment.allocated': 'green',
  'payment.reversed': 'red',
  'payment.imported': 'green',
  'credit_note.created': 'grape',
  'credit_note.allocated': 'grape',
  'import.completed': 'indigo',
};

function isKind(kind: string): kind is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(kind);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim() !== '') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export interface ActivityView {
  sentence: string;
  /** A second line of facts (amount, reference, fields…), or null. */
  detail: string | null;
  tone: ActivityTone;
}

interface Formatters {
  money: (cents: number, currency: string) => string;
  date: (v: string) => string;
}

/**
 * The sentence for one activity. Invoice numbers come from the activity (invoice_number) or its
 * data (number); amounts from data.amount_cents (or total_cents) with data.currency.
 */
export function describeActivity(a: Activity, t: TFunction, fmt: Formatters, fallbackCurrency = 'EUR'): ActivityView {
  const data = (a.data ?? {}) as Record<string, unknown>;
  const currency = str(data.currency) ?? fallbackCurrency;
  const cents = num(data.amount_cents) ?? num(data.total_cents);
  const amount = cents !== undefined ? fmt.money(cents, currency) : undefined;
  const number = str(a.invoice_number) ?? str(data.invoice_number) ?? str(data.number);
  const name = str(data.name) ?? str(data.email);
  const details: string[] = [];

  const dunning = describeDunningActivity(a, t, fmt);
  if (dunning) return refineDunningActivity(dunning, a, t);
  const portal = describePortalActivity(a, t, fmt);
  if (portal) return portal;
  if (!isKind(a.kind)) {
    const label = a.kind.replace(/[._]/g, ' ');
    return { sentence: t('timeline.generic', { kind: label }), detail: amount ?? null, tone: 'gray' };
  }

  let sentence: string;
  switch (a.kind) {
    case 'customer.created':
    case 'customer.archived':
      sentence = t(`timeline.kinds.${a.kind}`);
      break;
    case 'customer.imported':
      sentence = data.created === false ? t('timeline.kinds.customer.importUpdated') : t('timeline.kinds.customer.imported');
      break;
    case 'payment.imported':
      sentence = t('timeline.kinds.payment.imported');
      if (number) details.push(number);
      break;
    case 'customer.updated':
    case 'invoice.updated': {
      sentence = number && a.kind === 'invoice.updated' ? t('timeline.kinds.invoice.updated', { number }) : t(`timeline.kinds.${a.kind}`, { number: number ?? '' });
      const fields = Array.isArray(data.fields) ? data.fields.filter((f): f is string => typeof f === 'string') : [];
      if (fields.length > 0) details.push(t('timeline.changed', { fields: fields.map((f) => f.replace(/_/g, ' ')).join(', ') }));
      break;
    }
    case 'contact.added':
    case 'contact.updated':
    case 'contact.removed':
      sentence = name ? t(`timeline.kinds.${a.kind}`, { name }) : t(`timeline.kindsPlain.${a.kind}`);
      break;
    case 'invoice.imported':
      sentence = number
        ? t(data.created === false ? 'timeline.kinds.invoice.importUpdated' : 'timeline.kinds.invoice.imported', { number })
        : t('timeline.kindsPlain.invoice.imported');
      break;
    case 'invoice.pdf_attached':
      sentence = number ? t('timeline.kinds.invoice.pdf_uploaded', { number }) : t('timeline.kindsPlain.invoice.pdf_uploaded');
      break;
    case 'invoice.created':
    case 'invoice.pdf_uploaded':
    case 'invoice.cancelled':
    case 'invoice.written_off':
    case 'invoice.paid':
      sentence = number ? t(`timeline.kinds.${a.kind}`, { number }) : t(`timeline.kindsPlain.${a.kind}`);
      if (amount && a.kind !== 'invoice.pdf_uploaded') details.push(amount);
      if (str(data.due_date)) details.push(t('timeline.due', { date: fmt.date(str(data.due_date)!) }));
      if (str(data.reason)) details.push(str(data.reason)!);
      break;
    case 'payment.recorded':
    case 'payment.reversed':
      sentence = amount ? t(`timeline.kinds.${a.kind}`, { amount }) : t(`timeline.kindsPlain.${a.kind}`);
      if (isPaymentMethod(data.method)) details.push(t(`payments.methods.${data.method}`));
      if (str(data.reference)) details.push(t('timeline.reference', { reference: str(data.reference) }));
      if (str(data.reason)) details.push(str(data.reason)!);
      break;
    case 'payment.allocated':
    case 'credit_note.allocated':
      sentence =
        amount && number ? t(`timeline.kinds.${a.kind}`, { amount, number }) : t(`timeline.kindsPlain.${a.kind}`);
      break;
    case 'credit_note.created':
      sentence = amount ? t('timeline.kinds.credit_note.created', { amount, number: number ?? '' }) : t('timeline.kindsPlain.credit_note.created');
      if (str(data.reason)) details.push(str(data.reason)!);
      break;
    case 'import.completed': {
      sentence = t('timeline.kinds.import.completed');
      const counts = (['created', 'updated', 'unchanged', 'skipped'] as const)
        .filter((k) => num(data[k]) !== undefined)
        .map((k) => t(`imports.counts.${k}`, { count: num(data[k])! }));
      details.push(...counts);
      break;
    }
  }
  return { sentence, detail: details.length > 0 ? details.join(' · ') : null, tone: TONES[a.kind] };
}
