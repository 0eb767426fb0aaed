import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { me, NO_ITEMS, useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import type { InvoiceDetail } from '../../api/types';
import { InvoicePage } from './InvoicePage';
import { OPEN_INVOICE, OPEN_INVOICE_BODY } from './testData';

const OPEN = OPEN_INVOICE;
const SETTLED: InvoiceDetail = {
  ...OPEN,
  balance_cents: 23456,
  status: 'partially_paid',
  settlements: [{ kind: 'payment', id: 'p-1', date: '2026-03-01', reference: 'VIR F-2026-0118', amount_cents: 100000 }],
};
const PAYMENT = {
  id: 'p-1',
  customer_id: 'c-1',
  customer_name: 'Fromagerie Dubois',
  external_id: null,
  received_on: '2026-03-01',
  currency: 'EUR',
  amount_cents: 120000,
  unallocated_cents: 20000,
  method: 'transfer',
  reference: 'VIR F-2026-0118',
  reversed_at: null,
  reversal_reason: '',
  allocations: [{ invoice_id: 'inv-1', invoice_number: 'F-2026-0118', amount_cents: 100000 }],
  created_at: '2026-03-01T10:00:00Z',
};

describe('Invoice page', () => {
  let invoice: typeof OPEN;
  let put: (body: unknown) => Response;
  let meAnswered: Promise<void>; // /me answers once this resolves
  const requests = useApi(async ({ path: p, method, body }) => {
    if (p === '/api/v1/me') {
      await meAnswered;
      return json(200, me('collector'));
    }
    if (p === '/api/v1/invoices/inv-1' && method === 'GET') return json(200, invoice);
    if (p === '/api/v1/invoices/inv-1' && method === 'PUT') return put(body);
    if (p === '/api/v1/invoices/inv-1/activities') return json(200, NO_ITEMS);
    if (p === '/api/v1/payments/p-1') return json(200, PAYMENT);
    if (p === '/api/v1/customers') return json(200, NO_ITEMS);
  });

  beforeEach(() => {
    invoice = OPEN;
    meAnswered = Promise.resolve();
    put = (body) => json(200, { ...invoice, ...(body as object) });
  });

  const openEdit = async () => {
    const user = userEvent.setup();
    renderPage(<InvoicePage />, { path: '/invoices/:id', route: '/invoices/inv-1' });
    await user.click(await screen.findByRole('button', { name: 'More' }));
    // Editing needs the role, which /me tells: until it answers the item is there but disabled.
    const edit = await screen.findByRole('menuitem', { name: 'Edit the invoice' });
    await waitFor(() => expect(edit).toBeEnabled());
    await user.click(edit);
    return { user, dialog: await screen.findByRole('dialog', { name: 'Edit invoice F-2026-0118' }) };
  };

  it('enables editing once /me says the role, however late it answers', async () => {
    let answerMe = () => {};
    meAnswered = new Promise((resolve) => (answerMe = resolve));
    const user = userEvent.setup();
    renderPage(<InvoicePage />, { path: '/invoices/:id', route: '/invoices/inv-1' });
    await user.click(await screen.findByRole('button', { name: 'More' }));
    const edit = await screen.findByRole('menuitem', { name: 'Edit the invoice' });
    expect(edit).toBeDisabled();
    await user.click(edit);
    expect(screen.queryByRole('dialog')).toBeNull();

    answerMe();
    await waitFor(() => expect(edit).toBeEnabled());
    await user.click(edit);
    expect(await screen.findByRole('dialog', { name: 'Edit invoice F-2026-0118' })).toBeInTheDocument();
  });

  it('edits a settled invoice: customer and total read-only, the whole invoice sent', async () => {
    invoice = SETTLED;
    const { user, dialog } = await openEdit();
    expect(within(dialog).getByTestId('invoice-locked')).toHaveTextContent('its customer, currency and total can no longer change');
    expect(within(dialog).getByText('Fromagerie Dubois')).toBeInTheDocument();
    expect(within(dialog).queryByRole('textbox', { name: /^Customer/ })).toBeNull();
    const total = within(dialog).getByRole('textbox', { name: /Total \(tax incl\.\)/ });
    expect(total).toHaveValue('1,234.56');
    expect(total).toHaveAttribute('readonly');
    // No PDF field: the page has its own.
    expect(within(dialog).queryByText('PDF of the invoice (optional)')).toBeNull();

    await user.type(within(dialog).getByRole('textbox', { name: 'Notes' }), 'Delivered on 14 Jan');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Invoice F-2026-0118 was saved.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({ ...OPEN_INVOICE_BODY, notes: 'Delivered on 14 Jan' });
  });

  it("explains the server's 409 when the invoice was settled meanwhile, and puts the total back", async () => {
    put = () => json(409, { status: 409, title: 'Conflict', detail: 'This invoice already has payments or credit notes: its amounts can no longer change.' });
    const { user, dialog } = await openEdit();
    expect(within(dialog).queryByTestId('invoice-locked')).toBeNull();
    const total = within(dialog).getByRole('textbox', { name: /Total \(tax incl\.\)/ });
    expect(total).not.toHaveAttribute('readonly');
    await user.clear(total);
    await user.type(total, '1,300');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByText(/This invoice already has payments or credit notes: its customer, currency and total can no longer change/)).toBeInTheDocument();
    await waitFor(() => expect(total).toHaveAttribute('readonly'));
    expect(total).toHaveValue('1,234.56');
    expect(requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ total_cents: 130000 });
  });

  it('offers to reverse a payment applied to the invoice, and to allocate what is left of it', async () => {
    invoice = SETTLED;
    const user = userEvent.setup();
    renderPage(<InvoicePage />, { path: '/invoices/:id', route: '/invoices/inv-1' });
    const settlements = await screen.findByTestId('settlements');
    await user.click(await within(settlements).findByRole('button', { name: /Actions on the €1,200.00 payment/ }));
    expect((await screen.findAllByRole('menuitem')).map((m) => m.textContent)).toEqual(['Allocate the rest', 'Reverse the payment']);
    await user.click(screen.getByRole('menuitem', { name: 'Reverse the payment' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reverse the €1,200.00 payment?' });
    expect(within(dialog).getByText('F-2026-0118: €1,000.00')).toBeInTheDocument();
  });
});
