// An invoice as the API answers it, for the invoice tests.
import type { InvoiceDetail } from '../../api/types';

/** Open, nothing paid yet. */
export const OPEN_INVOICE: InvoiceDetail = {
  id: 'inv-1',
  customer_id: 'c-1',
  customer_name: 'Fromagerie Dubois',
  number: 'F-2026-0118',
  external_id: null,
  issue_date: '2026-01-15',
  due_date: '2026-02-14',
  currency: 'EUR',
  total_cents: 123456,
  tax_cents: 20576,
  balance_cents: 123456,
  status: 'open',
  days_overdue: 0,
  has_pdf: false,
  notes: '',
  paid_on: null,
  created_at: '2026-01-15T10:00:00Z',
  settlements: [],
};

/** What the invoice form sends back for OPEN_INVOICE, unchanged. */
export const OPEN_INVOICE_BODY = {
  customer_id: 'c-1',
  number: 'F-2026-0118',
  external_id: '',
  issue_date: '2026-01-15',
  due_date: '2026-02-14',
  currency: 'EUR',
  total_cents: 123456,
  tax_cents: 20576,
  notes: '',
};
