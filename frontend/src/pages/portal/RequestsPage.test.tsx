import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { NO_ITEMS, useApi } from '../../test/api';
import { findRow, json, renderPage } from '../../test/render';
import { RequestsPage } from './RequestsPage';
import { BANK_CHANGE, BANK_CHANGES, DISPUTES, ME_ADMIN, PROMISES, QUESTION, QUESTIONS } from './testData';

describe('Requests', { timeout: 30_000 }, () => {
  const requests = useApi(({ path: p, params, body }) => {
    const counting = params.get('limit') === '1';
    if (p === '/api/v1/me') return json(200, ME_ADMIN);
    if (p === '/api/v1/customers') return json(200, NO_ITEMS);
    if (p === '/api/v1/portal/questions') return json(200, counting ? { items: [], total: 1 } : QUESTIONS);
    if (p === '/api/v1/disputes') return json(200, counting ? { items: [], total: 1 } : DISPUTES);
    if (p === '/api/v1/bank-detail-changes') return json(200, counting ? { items: [], total: 1 } : BANK_CHANGES);
    if (p === '/api/v1/promises') return json(200, PROMISES);
    if (p === '/api/v1/portal/questions/q-1/answer') {
      const answer = (body as { answer: string }).answer;
      return json(200, { ...QUESTION, status: 'answered', answer, emailed_to: 'compta@dubois.fr' });
    }
    if (p === '/api/v1/disputes/d-1/resolve') return json(200, { ...DISPUTES.items[0], status: 'resolved' });
    if (p === '/api/v1/promises/p-1/cancel') return json(204, null);
    if (p === '/api/v1/bank-detail-changes/b-1/confirm') return json(200, { ...BANK_CHANGE, status: 'confirmed' });
    if (p === '/api/v1/bank-detail-changes/b-1/reject') return json(200, { ...BANK_CHANGE, status: 'rejected' });
  });

  const posts = (path: string) => requests.filter((r) => r.method === 'POST' && r.path === path);
  const lastList = (path: string) => requests.filter((r) => r.path === path && r.params.get('limit') !== '1').at(-1)!.params;

  /** Opens the requests page at `query` and finds the row of `text` in the table `table`. */
  const openRow = async (query: string, table: string, text: string) => {
    const user = userEvent.setup();
    renderPage(<RequestsPage />, { path: '/requests', route: `/requests${query}` });
    return { user, row: await findRow(table, text) };
  };

  it('lists the questions, open first, with the filters from the URL and the count on each tab', async () => {
    const user = userEvent.setup();
    renderPage(<RequestsPage />, { path: '/requests', route: '/requests?status=open&customer_id=c-1' });
    const table = await screen.findByTestId('questions-table');
    await within(table).findByText('Fromagerie Dubois');
    // No sort until a column is clicked: the server puts open questions first.
    expect(Object.fromEntries(lastList('/api/v1/portal/questions'))).toEqual({ status: 'open', customer_id: 'c-1', limit: '20', offset: '0' });

    const row = (name: string) => within(table).getByText(name).closest('tr')!;
    expect(within(row('Fromagerie Dubois')).getByText('To answer')).toBeInTheDocument();
    expect(within(row('Fromagerie Dubois')).getByRole('link', { name: 'F-2026-001' })).toHaveAttribute('href', '/invoices/i-1');
    expect(within(row('Fromagerie Dubois')).getByText('bon-de-livraison.pdf')).toBeInTheDocument();
    expect(within(row('Garage des Alpes')).getByText('Answered')).toBeInTheDocument();

    // Open questions, open disputes and bank details to check are counted on their tabs.
    const tabs = screen.getByRole('tablist');
    await waitFor(() => expect(within(tabs).getByRole('tab', { name: /Questions/ })).toHaveTextContent('1'));
    expect(within(tabs).getByRole('tab', { name: /Bank details/ })).toHaveTextContent('1');

    await user.type(screen.getByRole('textbox', { name: 'Search customer, question…' }), 'RIB');
    await waitFor(() => expect(lastList('/api/v1/portal/questions').get('q')).toBe('RIB'));
    await user.click(screen.getByRole('button', { name: 'Received' }));
    await waitFor(() => expect(lastList('/api/v1/portal/questions').get('sort')).toBe('created_at'));
  });

  it('answers a question from the drawer, and the answer is sent to the contact', async () => {
    const { user, row } = await openRow('', 'questions-table', 'Fromagerie Dubois');
    await user.click(within(row).getByRole('button', { name: 'Reply' }));

    const drawer = await screen.findByTestId('question-detail');
    expect(within(drawer).getByTestId('question-message')).toHaveTextContent('pouvez-vous me renvoyer la facture');
    expect(within(drawer).getByRole('button', { name: 'Download the attachment bon-de-livraison.pdf' })).toBeInTheDocument();
    expect(within(drawer).getByText('Emailed to compta@dubois.fr and noted on the customer\'s timeline.')).toBeInTheDocument();

    // An empty answer is not sent.
    await user.click(within(drawer).getByRole('button', { name: 'Send the answer' }));
    expect(await within(drawer).findByText('Write an answer.')).toBeInTheDocument();
    expect(posts('/api/v1/portal/questions/q-1/answer')).toHaveLength(0);

    await user.type(within(drawer).getByRole('textbox', { name: 'Answer' }), 'Bonjour, je vous la renvoie ce matin.');
    await user.click(within(drawer).getByRole('button', { name: 'Send the answer' }));
    expect(await screen.findByText('Answer sent to compta@dubois.fr.')).toBeInTheDocument();
    expect(posts('/api/v1/portal/questions/q-1/answer').map((r) => r.body)).toEqual([{ answer: 'Bonjour, je vous la renvoie ce matin.' }]);
    await waitFor(() => expect(screen.queryByTestId('question-detail')).not.toBeInTheDocument());
  });

  it('resolves a dispute with what was done', async () => {
    const { user, row } = await openRow('?tab=disputes', 'disputes-table', 'Pâtisserie Lemoine');
    expect(within(row).getByText('Goods missing or defective')).toBeInTheDocument();
    expect(within(row).getByText('Debtor page')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'F-2026-004' })).toHaveAttribute('href', '/invoices/i-4');
    expect(within(row).getByText('€1,500.00')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Resolve' }));
    const drawer = await screen.findByTestId('dispute-detail');
    expect(within(drawer).getByText('Deux cartons manquaient à la livraison du 2 mai.')).toBeInTheDocument();
    await user.type(within(drawer).getByRole('textbox', { name: 'Resolution' }), 'Avoir AV-12 pour les deux cartons.');
    await user.click(within(drawer).getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText('Dispute resolved: the invoices go back into their reminder cycle.')).toBeInTheDocument();
    expect(posts('/api/v1/disputes/d-1/resolve').map((r) => r.body)).toEqual([{ resolution: 'Avoir AV-12 pour les deux cartons.' }]);
  });

  it('shows promises with their status and cancels an open one after asking', async () => {
    const user = userEvent.setup();
    renderPage(<RequestsPage />, { path: '/requests', route: '/requests?tab=promises' });
    const table = await screen.findByTestId('promises-table');
    const row = (name: string) => within(table).getByText(name).closest('tr')!;
    await within(table).findByText('Fromagerie Dubois');
    expect(within(row('Fromagerie Dubois')).getByText('Open')).toBeInTheDocument();
    expect(within(row('Fromagerie Dubois')).getByText('Bank transfer')).toBeInTheDocument();
    expect(within(row('Garage des Alpes')).getByText('Broken')).toBeInTheDocument();
    expect(within(row('Garage des Alpes')).queryByRole('button', { name: /Cancel/ })).not.toBeInTheDocument();

    await user.click(within(row('Fromagerie Dubois')).getByRole('button', { name: 'Cancel the promise of Fromagerie Dubois' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel the promise to pay?' });
    expect(posts('/api/v1/promises/p-1/cancel')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel the promise' }));
    expect(await screen.findByText('Promise cancelled: reminders resume.')).toBeInTheDocument();
    expect(posts('/api/v1/promises/p-1/cancel')).toHaveLength(1);
  });

  it('asks for a confirmation, with the fraud warning and both accounts, before confirming new bank details', async () => {
    const { user, row } = await openRow('?tab=bank', 'bank-table', 'Fromagerie Dubois');
    expect(screen.getByTestId('fraud-warning')).toHaveTextContent('call the customer on the number you already had');
    // The confirmed IBAN beside the new one, the new one's country, flagged as another country.
    expect(within(row).getByText('FR76 3000 6000 0112 3456 7890 189')).toBeInTheDocument();
    expect(within(row).getByText('DE89 3704 0044 0532 0130 00')).toBeInTheDocument();
    expect(within(row).getByText(/Germany · BIC COBADEFFXXX · another country than the current account \(France\)/)).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Confirm the bank details of Fromagerie Dubois' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm the new bank details' });
    expect(within(dialog).getByText('Beware of bank-detail fraud')).toBeInTheDocument();
    expect(within(within(dialog).getByTestId('current-account')).getByText('FR76 3000 6000 0112 3456 7890 189')).toBeInTheDocument();
    expect(within(within(dialog).getByTestId('new-account')).getByText('DE89 3704 0044 0532 0130 00')).toBeInTheDocument();

    // Nothing is sent until the user says they checked with the customer.
    const confirm = within(dialog).getByRole('button', { name: 'Confirm' });
    expect(confirm).toBeDisabled();
    await user.click(confirm);
    expect(posts('/api/v1/bank-detail-changes/b-1/confirm')).toHaveLength(0);
    await user.click(within(dialog).getByRole('checkbox', { name: 'I checked this change with Fromagerie Dubois through a channel I already knew.' }));
    expect(confirm).toBeEnabled();
    await user.click(confirm);
    expect(await screen.findByText('Bank details of Fromagerie Dubois confirmed.')).toBeInTheDocument();
    expect(posts('/api/v1/bank-detail-changes/b-1/confirm')).toHaveLength(1);
    expect(posts('/api/v1/bank-detail-changes/b-1/reject')).toHaveLength(0);
  });

  it('rejects new bank details after asking, without the checkbox', async () => {
    const { user, row } = await openRow('?tab=bank', 'bank-table', 'Fromagerie Dubois');
    await user.click(within(row).getByRole('button', { name: 'Reject the bank details of Fromagerie Dubois' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject the new bank details' });
    expect(posts('/api/v1/bank-detail-changes/b-1/reject')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Reject' }));
    expect(await screen.findByText('Request from Fromagerie Dubois rejected: nothing changed.')).toBeInTheDocument();
    expect(posts('/api/v1/bank-detail-changes/b-1/reject')).toHaveLength(1);
  });
});
