import { describe, expect, it } from 'vitest';
import i18n, { changeLanguage } from '../../i18n';
import { describeActivity } from './activities';
import { describeProblem, PROBLEM_CODES, problemSentences } from './problems';
import fr from '../../i18n/fr.json';
import en from '../../i18n/en.json';

const fmt = { money: (c: number, cur: string) => `${(c / 100).toFixed(2)} ${cur}`, date: (d: string) => d };

describe('data problems in plain words', () => {
  it('has a sentence and a fix, in both languages, for every code the server sends', async () => {
    for (const lang of ['fr', 'en'] as const) {
      await changeLanguage(lang, false);
      for (const code of PROBLEM_CODES) {
        const p = describeProblem(code, i18n.t);
        expect(p.text).not.toContain('problems.');
        expect(p.fixLabel).toBeTruthy();
        expect(p.fix).not.toBeNull();
      }
    }
    expect(Object.keys(fr.problems.text).sort()).toEqual([...PROBLEM_CODES].sort());
    expect(Object.keys(en.problems.text).sort()).toEqual([...PROBLEM_CODES].sort());
  });

  it('words codes for the tooltip and points each to its fix', async () => {
    await changeLanguage('fr', false);
    expect(problemSentences(['missing_reminder_email', 'invalid_siren'], i18n.t)).toEqual([
      'Aucune adresse e-mail pour envoyer les relances',
      "Le SIREN n'est pas valide (longueur ou clé de contrôle)",
    ]);
    expect(describeProblem('missing_reminder_email', i18n.t)).toMatchObject({ fix: { kind: 'addContact' }, fixLabel: 'Ajouter un contact' });
    expect(describeProblem('invalid_siren', i18n.t).fix).toEqual({ kind: 'editCustomer', field: 'siren' });
  });

  it('still says something readable for a code it does not know', async () => {
    await changeLanguage('en', false);
    expect(describeProblem('missing_iban', i18n.t)).toEqual({ code: 'missing_iban', text: 'Data problem: missing iban', fix: null, fixLabel: null });
  });
});

describe('timeline sentences', () => {
  const base = { id: 'a', occurred_at: '2026-03-01T10:00:00Z', actor: 'Camille', customer_id: 'c', invoice_id: null, invoice_number: null };

  it('reads each kind as a sentence, with amounts and numbers', async () => {
    await changeLanguage('en', false);
    const t = i18n.t;
    expect(describeActivity({ ...base, kind: 'payment.recorded', data: { amount_cents: 124000, currency: 'EUR', method: 'transfer', reference: 'VIR 118' } }, t, fmt)).toEqual({
      sentence: 'Payment of 1240.00 EUR received',
      detail: 'Bank transfer · ref. VIR 118',
      tone: 'green',
    });
    expect(describeActivity({ ...base, kind: 'payment.allocated', invoice_number: 'F-118', data: { number: 'F-118', amount_cents: 5000 } }, t, fmt).sentence).toBe(
      '50.00 EUR applied to invoice F-118',
    );
    expect(describeActivity({ ...base, kind: 'invoice.imported', data: { created: false, number: 'F-9' } }, t, fmt).sentence).toBe('Invoice F-9 updated by an import');
    await changeLanguage('fr', false);
    expect(describeActivity({ ...base, kind: 'contact.added', data: { name: 'Claire Dubois' } }, i18n.t, fmt).sentence).toBe('Contact Claire Dubois ajouté');
  });

  it('shows an unknown kind generically', async () => {
    await changeLanguage('en', false);
    expect(describeActivity({ ...base, kind: 'dispute.opened', data: {} }, i18n.t, fmt)).toMatchObject({ sentence: 'Event: dispute opened', tone: 'gray' });
  });
});
