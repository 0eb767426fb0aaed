import { describe, expect, it } from 'vitest';
import type { Activity } from '../../api/types';
import i18n, { changeLanguage } from '../../i18n';
import { describeActivity } from '../ledger/activities';
import { PORTAL_ACTIVITY_KINDS } from './activities';
import { attachmentFileName } from './queries';

const fmt = { money: (c: number, cur: string) => `${(c / 100).toFixed(2)} ${cur}`, date: (d: string) => d.slice(0, 10) };
const act = (kind: string, data: Record<string, unknown> = {}, invoice_number: string | null = null): Activity => ({
  id: kind,
  kind,
  data,
  actor: null,
  customer_id: 'c-1',
  invoice_id: invoice_number ? 'i-1' : null,
  invoice_number,
  occurred_at: '2026-05-15T10:00:00Z',
});

describe('portal activities on the timeline', () => {
  it('read as French sentences, with their facts', async () => {
    await changeLanguage('fr', false);
    const t = i18n.t.bind(i18n);
    const say = (a: Activity) => describeActivity(a, t, fmt);
    expect(say(act('portal_visited', { contact: 'compta@dubois.fr', visit: 3 }))).toEqual({ sentence: 'Page débiteur consultée', detail: 'compta@dubois.fr · 3e visite', tone: 'teal' });
    expect(say(act('portal_question', { message: 'Pouvez-vous\nme renvoyer la facture ?', contact: 'compta@dubois.fr', attachment_name: 'bl.pdf' }))).toMatchObject({
      sentence: 'Question posée sur la page débiteur',
      detail: '« Pouvez-vous me renvoyer la facture ? » · compta@dubois.fr · pièce jointe : bl.pdf',
    });
    expect(say(act('portal_bank_details', { holder: 'Dubois SARL', iban: 'DE89 •••• 3000', country: 'DE' })).detail).toBe('Dubois SARL · DE89 •••• 3000 · Allemagne');
    expect(say(act('bank_details_confirmed', { iban_end: '3000', country: 'DE' })).sentence).toBe('Nouvelles coordonnées bancaires confirmées');
    expect(say(act('portal_document_downloaded', { document: 'invoice', format: 'pdf' }, 'F-1')).sentence).toBe('Facture F-1 téléchargée depuis la page débiteur');
    expect(say(act('portal_document_downloaded', { document: 'statement', format: 'csv' })).sentence).toBe('Relevé de compte téléchargé (CSV)');
    expect(say(act('payment_received_online', { amount_cents: 124000, currency: 'EUR', method: 'card', invoices: ['F-1', 'F-2'] }))).toMatchObject({
      sentence: 'Paiement en ligne de 1240.00 EUR reçu',
      detail: 'Carte · F-1, F-2',
    });
    // Disputes and promises keep dunning's sentences, and say when the debtor made them on the page.
    expect(say(act('promise_recorded', { promised_on: '2026-06-30', method: 'transfer', source: 'portal' })).detail).toBe('depuis la page débiteur · Virement');
    expect(say(act('dispute_opened', { reason: 'wrong_amount', comment: 'Le montant diffère', source: 'portal' })).detail).toBe('depuis la page débiteur · Montant erroné · Le montant diffère');
    expect(say(act('dispute_opened', { reason: 'other', source: 'staff' })).detail).toBe('Autre motif');
  });

  it('have a sentence for every kind, in both languages', async () => {
    for (const lng of ['fr', 'en'] as const) {
      await changeLanguage(lng, false);
      const t = i18n.t.bind(i18n);
      for (const kind of PORTAL_ACTIVITY_KINDS) {
        const { sentence } = describeActivity(act(kind), t, fmt);
        expect(sentence, `${lng} ${kind}`).not.toMatch(/timeline\.|Event|Événement|\{\{/);
      }
    }
  });
});

describe('attachment file names', () => {
  it('come from Content-Disposition', () => {
    expect(attachmentFileName('attachment; filename="bon de livraison.pdf"')).toBe('bon de livraison.pdf');
    expect(attachmentFileName("attachment; filename*=utf-8''r%C3%A9clamation.pdf")).toBe('réclamation.pdf');
    expect(attachmentFileName('attachment; filename=photo.jpg')).toBe('photo.jpg');
    expect(attachmentFileName(null)).toBeNull();
  });
});
