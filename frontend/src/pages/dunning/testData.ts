// Shapes the dunning API answers with, for the page tests.
import { me } from '../../test/api';

const template = (subject: string, body: string) => ({ subject, body });

export const ME_ADMIN = me('admin');

const step = (id: string, offset_days: number, stage: string, channel = 'email', fr = '', en = '') => ({
  id,
  offset_days,
  stage,
  channel,
  recipients: 'accounting',
  copy_owner: false,
  min_overdue_cents: 0,
  skip_when_promised: true,
  segments: [] as string[],
  templates: {
    fr: template(`Échéance {{oldest_due_date}}`, fr || `Bonjour {{contact_name}},\n\nétape ${id}.`),
    en: template(`Due {{oldest_due_date}}`, en || `Hello {{contact_name}},\n\nstep ${id}.`),
  },
});

export const SCENARIO = {
  id: 'sc-1',
  key: 'standard_b2b',
  name: 'Standard B2B',
  description: 'For most business customers',
  is_default: true,
  segments: ['PME'],
  // Not in date order, as a scenario may come back after edits.
  steps: [
    step('st-3', 7, 'reminder', 'email', 'Bonjour {{contact_name}},\n\nsauf erreur de notre part, {{invoice_numbers}} reste impayée.'),
    step('st-1', -15, 'preventive'),
    step('st-4', 30, 'formal_notice', 'letter'),
    step('st-2', 0, 'reminder'),
  ],
  customers_using: 2,
  invoices_using: 1,
  created_at: '2026-01-05T10:00:00Z',
  updated_at: '2026-01-05T10:00:00Z',
};

export const SETTINGS = {
  default_scenario_id: 'sc-1',
  min_days_between_messages: 3,
  promise_grace_days: 3,
  send_window_start: '09:00',
  send_window_end: '17:00',
  timezone: 'Europe/Paris',
  sender_name: '',
  reply_to: '',
  read_receipt: false,
  transparency_line: true,
  signature: 'Camille',
  show_penalties: true,
  ecb_rate: '2.15',
  legal_rate: '6.67',
  contract_rate: '',
  indemnity_cents: 4000,
  effective_rate: '20.01',
};

const action = (over: Record<string, unknown>) => ({
  id: 'a-1',
  customer_id: 'c-1',
  customer_name: 'Fromagerie Dubois',
  stage: 'reminder',
  channel: 'email',
  status: 'sent',
  skip_reason: '',
  planned_on: '2026-05-15',
  send_at: '2026-05-15T07:00:00Z',
  sent_at: '2026-05-15T07:00:05Z',
  opened_at: null,
  clicked_at: null,
  error: '',
  attempts: 1,
  open_count: 0,
  click_count: 0,
  origin: 'planner',
  subject: 'Facture F-1 impayée',
  language: 'fr',
  to: ['compta@dubois.fr'],
  cc: [],
  message_id: '<abc@relance>',
  invoice_count: 2,
  total_cents: 171456,
  currency: 'EUR',
  items: [
    { invoice_id: 'i-1', invoice_number: 'F-1', step_id: 'st-3', offset_days: 7, status: 'sent', skip_reason: '', balance_cents: 123456 },
    { invoice_id: 'i-2', invoice_number: 'F-2', step_id: 'st-3', offset_days: 7, status: 'skipped', skip_reason: 'paid', balance_cents: 0 },
  ],
  ...over,
});

export const ACTIONS = {
  items: [
    action({ opened_at: '2026-05-15T09:00:00Z' }),
    action({ id: 'a-2', customer_id: 'c-2', customer_name: 'Garage des Alpes', status: 'failed', sent_at: null, error: '550 mailbox unavailable', invoice_count: 1, total_cents: 98000 }),
    action({ id: 'a-3', customer_id: 'c-3', customer_name: 'Pâtisserie Lemoine', status: 'skipped', skip_reason: 'disputed', sent_at: null, channel: 'letter', stage: 'formal_notice' }),
  ],
  total: 3,
};
