// Shapes the portal's staff API answers with, for the page tests.
export { ME_ADMIN } from '../dunning/testData';

export const QUESTION = {
  id: 'q-1',
  customer_id: 'c-1',
  customer_name: 'Fromagerie Dubois',
  link_id: 'l-1',
  contact_email: 'compta@dubois.fr',
  invoice_id: 'i-1',
  invoice_number: 'F-2026-001',
  message: 'Bonjour, pouvez-vous me renvoyer la facture F-2026-001 ? Je ne la trouve pas.',
  has_attachment: true,
  attachment_name: 'bon-de-livraison.pdf',
  status: 'open',
  answer: '',
  answered_by_name: null,
  answered_at: null,
  created_at: '2026-05-14T09:30:00Z',
};

export const QUESTIONS = {
  items: [
    QUESTION,
    {
      ...QUESTION,
      id: 'q-2',
      customer_id: 'c-2',
      customer_name: 'Garage des Alpes',
      contact_email: '',
      invoice_id: null,
      invoice_number: null,
      has_attachment: false,
      attachment_name: null,
      message: 'Quel est le RIB pour le virement ?',
      status: 'answered',
      answer: 'Il figure en bas de la page.',
      answered_by_name: 'Camille Démo',
      answered_at: '2026-05-13T10:00:00Z',
      emailed_to: 'contact@garage-alpes.fr',
      created_at: '2026-05-12T16:00:00Z',
    },
  ],
  total: 2,
};

const held = (id: string, number: string, balance_cents: number) => ({ id, number, total_cents: balance_cents, balance_cents, currency: 'EUR' });

export const DISPUTES = {
  items: [
    {
      id: 'd-1',
      customer_id: 'c-3',
      customer_name: 'Pâtisserie Lemoine',
      invoice_ids: ['i-3', 'i-4'],
      invoices: [held('i-3', 'F-2026-003', 120000), held('i-4', 'F-2026-004', 30000)],
      reason: 'goods_missing_or_defective',
      comment: 'Deux cartons manquaient à la livraison du 2 mai.',
      source: 'portal',
      status: 'open',
      resolution: '',
      opened_at: '2026-05-10T08:00:00Z',
      resolved_at: '',
      link_id: 'l-3',
      has_attachment: true,
      attachment_name: 'photo.jpg',
    },
  ],
  total: 1,
};

export const PROMISES = {
  items: [
    {
      id: 'p-1',
      customer_id: 'c-1',
      customer_name: 'Fromagerie Dubois',
      invoice_ids: ['i-1'],
      invoices: [held('i-1', 'F-2026-001', 123456)],
      promised_on: '2099-06-30',
      method: 'transfer',
      source: 'portal',
      status: 'open',
      created_at: '2026-05-14T10:00:00Z',
      link_id: 'l-1',
      closed_at: null,
    },
    {
      id: 'p-2',
      customer_id: 'c-2',
      customer_name: 'Garage des Alpes',
      invoice_ids: ['i-2'],
      invoices: [held('i-2', 'F-2026-002', 98000)],
      promised_on: '2026-04-30',
      method: 'check',
      source: 'staff',
      status: 'broken',
      created_at: '2026-04-20T10:00:00Z',
      link_id: null,
      closed_at: '2026-05-04T02:00:00Z',
    },
  ],
  total: 2,
};

export const BANK_CHANGE = {
  id: 'b-1',
  customer_id: 'c-1',
  customer_name: 'Fromagerie Dubois',
  link_id: 'l-1',
  contact_email: 'compta@dubois.fr',
  holder: 'Fromagerie Dubois SARL',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  country: 'DE',
  status: 'pending',
  decided_by_name: null,
  decided_at: null,
  created_at: '2026-05-15T07:45:00Z',
  current_iban: 'FR7630006000011234567890189',
};

export const BANK_CHANGES = { items: [BANK_CHANGE], total: 1 };

export const PORTAL_SETTINGS = {
  link_lifetime_days: 90,
  promise_horizon_days: 30,
  brand_color: '#1c7ed6',
  creditor_iban: 'FR1420041010050500013M02606',
  creditor_bic: 'PSSTFRPPPAR',
  payment_methods: ['card'],
  contact_phone: '+33123456789',
  contact_email: 'compta@demo.fr',
  has_logo: false,
  updated_at: '2026-05-01T10:00:00Z',
};

export const CUSTOMER = {
  id: 'c-1',
  name: 'Fromagerie Dubois',
  currency: 'EUR',
  contacts: [
    { id: 'k-1', name: 'Marie Dubois', email: 'compta@dubois.fr', role: 'accounting' },
    { id: 'k-2', name: 'Paul Dubois', email: '', role: 'other' },
  ],
};

export const LINKS = {
  items: [
    {
      id: 'l-1',
      contact_email: 'compta@dubois.fr',
      source: 'reminder',
      status: 'active',
      action_id: 'a-1',
      created_by_name: null,
      created_at: '2026-05-10T07:00:00Z',
      expires_at: '2026-08-08T07:00:00Z',
      revoked_at: null,
      visit_count: 3,
      first_visited_at: '2026-05-10T09:00:00Z',
      last_visited_at: '2026-05-14T09:00:00Z',
    },
    {
      id: 'l-0',
      contact_email: '',
      source: 'staff',
      status: 'revoked',
      action_id: null,
      created_by_name: 'Camille Démo',
      created_at: '2026-03-01T07:00:00Z',
      expires_at: '2026-05-30T07:00:00Z',
      revoked_at: '2026-03-02T07:00:00Z',
      visit_count: 0,
      first_visited_at: null,
      last_visited_at: null,
    },
  ],
  total: 2,
};
