// Timeline entries of the portal (links, visits, downloads, questions, bank details, online
// payments) as sentences, for the customer and invoice timelines. The kinds are those
// internal/portal and internal/payments record.
import type { TFunction } from 'i18next';
import type { Activity } from '../../api/types';
import { isPaymentMethod } from '../ledger/allocation';
import { countryName } from './format';

export const PORTAL_ACTIVITY_KINDS = [
  'portal_link_created',
  'portal_link_revoked',
  'portal_link_resent',
  'portal_visited',
  'portal_document_downloaded',
  'portal_question',
  'portal_question_answered',
  'portal_bank_details',
  'bank_details_confirmed',
  'bank_details_rejected',
  'payment_received_online',
  'payment_failed',
] as const;
type Kind = (typeof PORTAL_ACTIVITY_KINDS)[number];

type Tone = 'gray' | 'indigo' | 'green' | 'red' | 'orange' | 'teal' | 'grape';
const TONES: Record<Kind, Tone> = {
  portal_link_created: 'indigo',
  portal_link_revoked: 'gray',
  portal_link_resent: 'indigo',
  portal_visited: 'teal',
  portal_document_downloaded: 'teal',
  portal_question: 'orange',
  portal_question_answered: 'green',
  portal_bank_details: 'orange',
  bank_details_confirmed: 'green',
  bank_details_rejected: 'red',
  payment_received_online: 'green',
  payment_failed: 'red',
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** At most `max` characters of a debtor's message, on one line. */
function excerpt(s: string, max = 140): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

interface Formatters {
  money: (cents: number, currency: string) => string;
  date: (v: string) => string;
}

/** The sentence of a portal activity, or null when the kind is not one of them. */
export function describePortalActivity(
  a: Activity,
  t: TFunction,
  fmt: Formatters,
  lng?: string,
): { sentence: string; detail: string | null; tone: Tone } | null {
  if (!(PORTAL_ACTIVITY_KINDS as readonly string[]).includes(a.kind)) return null;
  const kind = a.kind as Kind;
  const data = (a.data ?? {}) as Record<string, unknown>;
  const contact = text(data.contact);
  const number = text(a.invoice_number);
  const details: string[] = [];
  let sentence: string;
  switch (kind) {
    case 'portal_link_created':
    case 'portal_link_revoked':
      sentence = t(`timeline.portal.${kind}`);
      if (kind === 'portal_link_created' && text(data.expires_at)) details.push(t('portal.links.expiresOn', { date: fmt.date(text(data.expires_at)!) }));
      break;
    case 'portal_link_resent':
      sentence = contact ? t('timeline.portal.portal_link_resent', { email: contact }) : t('timeline.portal.portal_link_resentPlain');
      break;
    case 'portal_visited': {
      sentence = t('timeline.portal.portal_visited');
      const visit = num(data.visit);
      if (contact) details.push(contact);
      if (visit && visit > 1) details.push(t('timeline.portal.visitNumber', { count: visit }));
      break;
    }
    case 'portal_document_downloaded': {
      const format = text(data.format)?.toUpperCase();
      sentence =
        text(data.document) === 'invoice'
          ? number
            ? t('timeline.portal.invoiceDownloaded', { number })
            : t('timeline.portal.invoiceDownloadedPlain')
          : t('timeline.portal.statementDownloaded', { format: format ?? 'PDF' });
      if (contact) details.push(contact);
      break;
    }
    case 'portal_question':
      sentence = t('timeline.portal.portal_question');
      if (text(data.message)) details.push(`« ${excerpt(text(data.message)!)} »`);
      if (contact) details.push(contact);
      if (text(data.attachment_name)) details.push(t('timeline.portal.attachment', { name: text(data.attachment_name) }));
      break;
    case 'portal_question_answered':
      sentence = t('timeline.portal.portal_question_answered');
      if (text(data.emailed_to)) details.push(t('portal.questions.emailedTo', { email: text(data.emailed_to) }));
      break;
    case 'portal_bank_details':
      sentence = t('timeline.portal.portal_bank_details');
      details.push(...[text(data.holder), text(data.iban), text(data.country) && countryName(text(data.country)!, lng), contact].filter((x): x is string => Boolean(x)));
      break;
    case 'bank_details_confirmed':
    case 'bank_details_rejected':
      sentence = t(`timeline.portal.${kind}`);
      if (text(data.iban_end)) details.push(t('timeline.portal.ibanEnd', { end: text(data.iban_end) }));
      if (text(data.country)) details.push(countryName(text(data.country)!, lng));
      break;
    case 'payment_received_online':
    case 'payment_failed': {
      const cents = num(data.amount_cents);
      const amount = cents !== undefined ? fmt.money(cents, text(data.currency) ?? 'EUR') : undefined;
      sentence = amount ? t(`timeline.portal.${kind}`, { amount }) : t(`timeline.portal.${kind}Plain`);
      if (isPaymentMethod(data.method)) details.push(t(`payments.methods.${data.method}`));
      if (Array.isArray(data.invoices)) details.push(data.invoices.filter((x): x is string => typeof x === 'string').join(', '));
      break;
    }
  }
  return { sentence, detail: details.filter(Boolean).length ? details.filter(Boolean).join(' · ') : null, tone: TONES[kind] };
}

/**
 * Dunning's sentences for disputes and promises, finished here: a dispute's reason code in words,
 * and "from the debtor page" (the portal) when the debtor made it there.
 */
export function refineDunningActivity<V extends { detail: string | null }>(view: V, a: Activity, t: TFunction): V {
  const data = (a.data ?? {}) as Record<string, unknown>;
  let detail = view.detail;
  const reason = text(data.reason);
  if (a.kind === 'dispute_opened' && reason && detail) {
    const parts = detail.split(' · ');
    if (parts[0] === reason) detail = [t(`portal.reasons.${reason}`, { defaultValue: reason.replace(/_/g, ' ') }), ...parts.slice(1)].join(' · ');
  }
  if (data.source === 'portal') {
    const note = t('timeline.portal.onThePage');
    detail = detail ? `${note} · ${detail}` : note;
  }
  return detail === view.detail ? view : { ...view, detail };
}
