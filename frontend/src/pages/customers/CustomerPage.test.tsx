import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../api/types';
import { me, NO_ITEMS, useApi } from '../../test/api';
import { findRow, json, renderPage } from '../../test/render';
import { CustomerPage } from './CustomerPage';

const CUSTOMER = {
  id: 'c-1',
  name: 'Fromagerie Dubois',
  external_id: null,
  siren: null,
  siret: null,
  vat_number: null,
  vat_number_suggested: null,
  language: 'fr',
  currency: 'EUR',
  payment_terms_days: 30,
  segment: 'PME',
  tags: [],
  credit_limit_cents: null,
  notes: '',
  accounting_owner: { user_id: 'u-2', name: 'Sam Recouvre' },
  sales_owner: null,
  billing_address: null,
  postal_address: null,
  contacts: [],
  data_problems: [],
  balance_cents: 60000,
  overdue_cents: 0,
  open_invoices: 2,
  oldest_due_date: null,
  unallocated_credit_cents: 5000,
  archived_at: null,
  created_at: '2026-01-05T10:00:00Z',
};

const invoice = (id: string, number: string, due: string, balance: number) => ({
  id,
  number,
  customer_id: 'c-1',
  customer_name: 'Fromagerie Dubois',
  external_id: null,
  issue_date: '2026-01-01',
  due_date: due,
  currency: 'EUR',
  total_cents: 50000,
  tax_cents: 0,
  balance_cents: balance,
  status: balance < 50000 ? 'partially_paid' : 'open',
  days_overdue: 0,
  has_pdf: false,
  notes: '',
  paid_on: null,
  created_at: '2026-01-01T10:00:00Z',
});
const INVOICES = { items: [invoice('i-1', 'F-1', '2026-02-01', 40000), invoice('i-2', 'F-2', '2026-03-01', 20000)], total: 2 };

const payment = (over: Record<string, unknown>) => ({
  id: 'p-1',
  customer_id: 'c-1',
  customer_name: 'Fromagerie Dubois',
  external_id: null,
  received_on: '2026-04-02',
  currency: 'EUR',
  amount_cents: 15000,
  unallocated_cents: 5000,
  method: 'transfer',
  reference: 'VIR F-1',
  reversed_at: null,
  reversal_reason: '',
  allocations: [{ invoice_id: 'i-1', invoice_number: 'F-1', amount_cents: 10000 }],
  created_at: '2026-04-02T10:00:00Z',
  ...over,
});
const BOUNCED = payment({
  id: 'p-2',
  received_on: '2026-03-10',
  amount_cents: 30000,
  unallocated_cents: 0,
  method: 'check',
  reference: 'CHQ 881',
  reversed_at: '2026-03-20T10:00:00Z',
  reversal_reason: 'Cheque returned unpaid',
  allocations: [],
});

describe('Customer page: payments', () => {
  let role: Role;
  let paymentList: ReturnType<typeof payment>[];
  const requests = useApi(({ path: p, body }) => {
    if (p === '/api/v1/me') return json(200, me(role));
    if (p === '/api/v1/customers/c-1') return json(200, CUSTOMER);
    if (p === '/api/v1/customers/c-1/activities') return json(200, NO_ITEMS);
    if (p === '/api/v1/invoices') return json(200, INVOICES);
    if (p === '/api/v1/customer-segments') return json(200, { items: ['Grands comptes', 'PME'], total: 2 });
    if (p === '/api/v1/members') {
      if (role === 'viewer') return json(403, { status: 403, detail: 'Forbidden.' });
      return json(200, { items: [{ user_id: 'u-2', email: 'sam@example.test', name: 'Sam Recouvre', role: 'collector', created_at: '2026-01-01T00:00:00Z' }], total: 1 });
    }
    if (p === '/api/v1/payments') return json(200, { items: paymentList, total: paymentList.length });
    if (p === '/api/v1/payments/p-1/reverse') {
      paymentList = [payment({ reversed_at: '2026-04-10T10:00:00Z', reversal_reason: (body as { reason: string }).reason, allocations: [], unallocated_cents: 0 }), BOUNCED];
      return json(200, paymentList[0]);
    }
    if (p === '/api/v1/payments/p-1/allocations') {
      return json(200, payment({ unallocated_cents: 0, allocations: [...payment({}).allocations, { invoice_id: 'i-2', invoice_number: 'F-2', amount_cents: 5000 }] }));
    }
  });

  beforeEach(() => {
    role = 'collector';
    paymentList = [payment({}), BOUNCED];
  });

  const renderCustomer = () => renderPage(<CustomerPage />, { path: '/customers/:id', route: '/customers/c-1' });
  const paymentRow = (reference: string) => findRow('customer-payments', reference);
  /** Opens the €150.00 payment's menu, picks `item`, and returns the dialog it opens. */
  const paymentAction = async (item: string, dialogName: string) => {
    const user = userEvent.setup();
    renderCustomer();
    const row = await paymentRow('VIR F-1');
    await user.click(await within(row).findByRole('button', { name: /Actions on the €150.00 payment/ }));
    await user.click(await screen.findByRole('menuitem', { name: item }));
    return { user, dialog: await screen.findByRole('dialog', { name: dialogName }) };
  };

  it('shows where each payment went: invoice links with amounts, the unallocated rest, reversals and why', async () => {
    renderCustomer();
    const row = await paymentRow('VIR F-1');
    expect(within(row).getByRole('link', { name: 'F-1' })).toHaveAttribute('href', '/invoices/i-1');
    expect(within(row).getByText('€100.00')).toBeInTheDocument();
    expect(within(row).getByText('€50.00 unallocated')).toBeInTheDocument();

    const bounced = await paymentRow('CHQ 881');
    expect(within(bounced).getByText('Reversed')).toBeInTheDocument();
    expect(within(bounced).getByText('Reason: Cheque returned unpaid')).toBeInTheDocument();
    // Nothing left to do with a reversed payment.
    await within(row).findByRole('button', { name: /Actions on the €150.00 payment/ });
    expect(within(bounced).queryByRole('button', { name: /Actions on/ })).toBeNull();
  });

  it('reverses a payment after asking why, then shows it reversed', async () => {
    const { user, dialog } = await paymentAction('Reverse the payment', 'Reverse the €150.00 payment?');
    expect(within(within(dialog).getByTestId('reverse-due-again')).getByText('F-1: €100.00')).toBeInTheDocument();
    expect(within(dialog).getByText('and €50.00 of unallocated credit')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Reverse the payment' }));
    expect(await within(dialog).findByText('Say why the payment is reversed.')).toBeInTheDocument();
    expect(requests.some((r) => r.path.endsWith('/reverse'))).toBe(false);

    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Direct debit rejected');
    await user.click(within(dialog).getByRole('button', { name: 'Reverse the payment' }));

    expect(await screen.findByText('F-1 is due again.')).toBeInTheDocument();
    expect(requests.find((r) => r.path === '/api/v1/payments/p-1/reverse')).toMatchObject({ method: 'POST', body: { reason: 'Direct debit rejected' } });
    // The ledger is fetched again: the payment now shows as reversed.
    const reversed = await paymentRow('VIR F-1');
    await waitFor(() => expect(within(reversed).getByText('Reason: Direct debit rejected')).toBeInTheDocument());
    expect(requests.filter((r) => r.path === '/api/v1/customers/c-1').length).toBeGreaterThan(1);
  });

  it('allocates the rest of a payment to a chosen invoice with the allocation form', async () => {
    const { user, dialog } = await paymentAction('Allocate the rest', 'Allocate the rest of the payment');
    expect(within(dialog).getByText(/€50.00 of the €150.00 payment received on/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Allocate automatically' })).toBeInTheDocument();
    await user.click(within(dialog).getByText('To chosen invoices'));
    await user.type(await within(dialog).findByRole('textbox', { name: 'Amount applied to F-2' }), '80');
    expect(within(dialog).getByTestId('remaining-to-allocate')).toHaveTextContent('Over-allocated by €30.00');
    await user.clear(within(dialog).getByRole('textbox', { name: 'Amount applied to F-2' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Amount applied to F-2' }), '50');
    expect(within(dialog).getByTestId('remaining-to-allocate')).toHaveTextContent('Fully allocated');
    await user.click(within(dialog).getByRole('button', { name: 'Allocate €50.00' }));

    expect(await screen.findByText('€50.00 applied to the invoices.')).toBeInTheDocument();
    expect(requests.find((r) => r.path === '/api/v1/payments/p-1/allocations')?.body).toEqual({ allocations: [{ invoice_id: 'i-2', amount_cents: 5000 }] });
  });

  it('lets collectors pick owners and suggests segments in use', async () => {
    const user = userEvent.setup();
    renderCustomer();
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Fromagerie Dubois' });
    await waitFor(() => expect(requests.some((r) => r.path === '/api/v1/members')).toBe(true));
    expect(within(dialog).getByRole('textbox', { name: 'Accounting contact (internal)' })).toBeEnabled();
    expect(within(dialog).queryByTestId('owners-locked')).toBeNull();

    const segment = within(dialog).getByRole('textbox', { name: 'Segment' });
    await user.clear(segment);
    await user.type(segment, 'gra');
    // The suggestions are the segments in use, filtered by what is typed.
    const list = await screen.findByRole('listbox', { name: 'Segment' });
    await waitFor(() => expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual(['Grands comptes']));
  });

  it('shows viewers the owners read-only, without asking for the team list, and no payment actions', async () => {
    role = 'viewer';
    const user = userEvent.setup();
    renderCustomer();
    const row = await paymentRow('VIR F-1');
    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Fromagerie Dubois' });
    const owner = await within(dialog).findByRole('textbox', { name: 'Accounting contact (internal)' });
    await waitFor(() => expect(owner).toBeDisabled());
    expect(owner).toHaveValue('Sam Recouvre');
    expect(within(dialog).getByTestId('owners-locked')).toHaveTextContent('Viewers cannot see the team list');
    expect(requests.some((r) => r.path === '/api/v1/members')).toBe(false);
    expect(within(row).queryByRole('button', { name: /Actions on/ })).toBeNull();
  });
});
