import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useApi } from '../../test/api';
import { findRow, json, renderPage } from '../../test/render';
import { OutboxPage } from './OutboxPage';
import { ACTIONS, ME_ADMIN } from './testData';

const UNCERTAIN = {
  ...ACTIONS.items[1],
  id: 'a-7',
  status: 'uncertain',
  error: '',
  items: [],
  text: '',
  html: '',
};

describe('Outbox', { timeout: 60_000 }, () => {
  const requests = useApi(({ path: p, params }) => {
    if (p === '/api/v1/me') return json(200, ME_ADMIN);
    if (p === '/api/v1/dunning/actions' && params.get('status') === 'uncertain') return json(200, { items: [UNCERTAIN], total: 1 });
    if (p === '/api/v1/dunning/actions') return json(200, ACTIONS);
    if (p === '/api/v1/dunning/actions/a-7') return json(200, UNCERTAIN);
    if (p === '/api/v1/dunning/actions/a-7/retry') return json(200, { ...UNCERTAIN, status: 'queued', error: '' });
    if (p === '/api/v1/dunning/actions/a-2') return json(200, { ...ACTIONS.items[1], text: '', html: '' });
    if (p === '/api/v1/dunning/actions/a-2/retry') return json(200, { ...ACTIONS.items[1], status: 'queued' });
    if (p === '/api/v1/dunning/tomorrow') return json(200, { as_of: '2026-05-16', cutoff: '2026-05-16', actions: [], planned: 0, items: 0 });
    if (p === '/api/v1/dunning/run') {
      return json(200, {
        as_of: '2026-05-15',
        cutoff: '2026-05-15',
        planned: 1,
        items: 2,
        actions: [{ id: 'a-9', customer_id: 'c-1', customer_name: 'Fromagerie Dubois', stage: 'reminder', channel: 'email', status: 'queued', planned_on: '2026-05-15', send_at: null, invoice_numbers: ['F-1', 'F-2'], total_cents: 171456, currency: 'EUR' }],
      });
    }
  });

  const lastList = () => requests.filter((r) => r.path === '/api/v1/dunning/actions').at(-1)!.params;

  it('lists actions with their status, with the filters of the URL', async () => {
    renderPage(<OutboxPage />, { path: '/dunning/outbox', route: '/dunning/outbox?status=failed,skipped' });
    const table = await screen.findByTestId('outbox-table');
    await within(table).findByText('Garage des Alpes');
    expect(Object.fromEntries(lastList())).toEqual({ status: 'failed,skipped', sort: '-planned_on', limit: '20', offset: '0' });

    // Statuses read as words: a sent email that was opened, a failure, a skip with its reason.
    const row = (name: string) => within(table).getByText(name).closest('tr')!;
    expect(within(row('Fromagerie Dubois')).getByText('Opened')).toBeInTheDocument();
    expect(within(row('Garage des Alpes')).getByText('Failed')).toBeInTheDocument();
    expect(within(row('Garage des Alpes')).getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(within(row('Pâtisserie Lemoine')).getByText('In dispute')).toBeInTheDocument();
    expect(within(row('Pâtisserie Lemoine')).getByText('Formal notice')).toBeInTheDocument();
    expect(within(row('Fromagerie Dubois')).getByText('€1,714.56')).toBeInTheDocument();
  });

  it('sends the filters from the fields, keeping those of the URL', async () => {
    const user = userEvent.setup();
    renderPage(<OutboxPage />, { path: '/dunning/outbox', route: '/dunning/outbox?status=failed,skipped' });
    await within(await screen.findByTestId('outbox-table')).findByText('Garage des Alpes');

    await user.click(screen.getByRole('textbox', { name: 'Channel' }));
    await user.click(await screen.findByRole('option', { name: 'Letter' }));
    await waitFor(() => expect(lastList().get('channel')).toBe('letter'));
    expect(lastList().get('status')).toBe('failed,skipped');

    await user.click(screen.getByRole('textbox', { name: 'Stage' }));
    await user.click(await screen.findByRole('option', { name: 'Formal notice' }));
    await waitFor(() => expect(lastList().get('stage')).toBe('formal_notice'));

    await user.click(screen.getByRole('textbox', { name: 'Search a customer or a subject' }));
    await user.paste('Lemoine');
    await waitFor(() => expect(lastList().get('q')).toBe('Lemoine'));
    expect(Object.fromEntries(lastList())).toEqual({ q: 'Lemoine', status: 'failed,skipped', channel: 'letter', stage: 'formal_notice', sort: '-planned_on', limit: '20', offset: '0' });

    // Sorting by status.
    await user.click(screen.getByRole('button', { name: 'Status' }));
    await waitFor(() => expect(lastList().get('sort')).toBe('status'));
  });

  it('opens an action in the drawer and retries a failure', async () => {
    const user = userEvent.setup();
    renderPage(<OutboxPage />, { path: '/dunning/outbox', route: '/dunning/outbox' });
    // A click on the row (not on the customer's link) opens it.
    await user.click(await screen.findByText('€980.00'));
    const drawer = await screen.findByTestId('action-detail');
    expect(within(drawer).getByText('550 mailbox unavailable')).toBeInTheDocument();
    expect(within(drawer).getByRole('link', { name: 'F-1' })).toHaveAttribute('href', '/invoices/i-1');
    expect(within(drawer).getByText('Invoice paid')).toBeInTheDocument();
    await user.click(within(drawer).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('The reminder is back in the sending queue.')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.path === '/api/v1/dunning/actions/a-2/retry')).toBe(true);
  });

  it('lets an admin run the planner now and shows what it planned', async () => {
    const user = userEvent.setup();
    renderPage(<OutboxPage />, { path: '/dunning/outbox', route: '/dunning/outbox' });
    await user.click(await screen.findByRole('button', { name: 'Run the planner' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run the planner now' });
    await user.click(within(dialog).getByRole('button', { name: 'Run' }));
    expect(await within(dialog).findByTestId('run-result')).toHaveTextContent('1 reminder planned (2 invoices)');
    expect(within(dialog).getByText('Fromagerie Dubois')).toBeInTheDocument();
    expect(within(dialog).getByText('Email · F-1, F-2')).toBeInTheDocument();
    expect(requests.find((r) => r.path === '/api/v1/dunning/run')?.body).toEqual({ ignore_window: true });
  });

  it('explains an uncertain reminder and sends it again only after asking', async () => {
    const user = userEvent.setup();
    renderPage(<OutboxPage />, { path: '/dunning/outbox', route: '/dunning/outbox?status=uncertain' });
    const row = await findRow('outbox-table', 'Uncertain');
    await user.click(within(row).getByRole('button', { name: 'Send again' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send this reminder again?' });
    expect(dialog).toHaveTextContent(`${UNCERTAIN.customer_name} will receive the same reminder twice`);
    expect(requests.some((r) => r.path.endsWith('/retry'))).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Send again' }));
    expect(await screen.findByText('The reminder is back in the sending queue.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/dunning/actions/a-7/retry')).toHaveLength(1);

    // The drawer says why it is uncertain.
    await user.click(within(row).getByText(UNCERTAIN.customer_name).closest('td')!.nextElementSibling as HTMLElement);
    const drawer = await screen.findByTestId('action-detail');
    expect(within(drawer).getByTestId('uncertain-help')).toHaveTextContent('may already have reached the customer');
  });
});
