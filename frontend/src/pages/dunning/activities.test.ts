import { act } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import i18n, { changeLanguage } from '../../i18n';
import { describeActivity } from '../ledger/activities';
import type { Activity } from '../../api/types';

const fmt = { money: (c: number) => `${c / 100} €`, date: (v: string) => v.split('-').reverse().join('/') };
const activity = (kind: string, data: Record<string, unknown>): Activity => ({
  id: 'a',
  kind,
  data,
  occurred_at: '2026-05-15T10:00:00Z',
  actor: null,
  customer_id: 'c-1',
  invoice_id: 'i-1',
  invoice_number: 'F-1',
});

describe('dunning activities on the timeline', () => {
  beforeEach(async () => {
    await act(() => changeLanguage('fr', false));
  });

  it('reads as French sentences with their facts', () => {
    const t = i18n.t.bind(i18n);
    expect(describeActivity(activity('reminder_sent', { stage: 'formal_notice', channel: 'email', to: ['compta@dubois.fr'], subject: 'Mise en demeure' }), t, fmt)).toEqual({
      sentence: 'Relance envoyée : Mise en demeure',
      detail: 'E-mail · compta@dubois.fr · « Mise en demeure »',
      tone: 'indigo',
    });
    expect(describeActivity(activity('reminder_skipped', { stage: 'reminder', reason: 'promised' }), t, fmt).sentence).toBe('Relance ignorée : Promesse de paiement');
    expect(describeActivity(activity('reminder_step_skipped', { stage: 'reminder', channel: 'call', offset_days: 25 }), t, fmt)).toMatchObject({
      sentence: 'Étape J+25 sautée',
      detail: 'Relance · Appel',
    });
    expect(describeActivity(activity('dunning_rules_changed', { paused_until: '2026-06-01', disabled: false }), t, fmt).detail).toBe('En pause jusqu\'au 01/06/2026');
    expect(describeActivity(activity('promise_recorded', { promised_on: '2026-06-10', method: 'transfer' }), t, fmt)).toMatchObject({
      sentence: 'Promesse de paiement pour le 10/06/2026',
      detail: 'Virement',
    });
  });
});

describe('inertEmailHtml', () => {
  it('adds a policy that loads nothing from the network, right after <head>', async () => {
    const { inertEmailHtml } = await import('./components');
    const html = inertEmailHtml('<!DOCTYPE html><html><head><title>x</title></head><body><img src="http://x/t/o/abc"></body></html>');
    expect(html).toMatch(/^<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:;/);
    expect(inertEmailHtml('<p>hi</p>')).toMatch(/^<meta http-equiv="Content-Security-Policy".*<p>hi<\/p>$/);
  });
});
