import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { ScenariosPage } from './ScenariosPage';
import { ME_ADMIN, SCENARIO } from './testData';

const KEY = { ...SCENARIO, id: 'sc-2', key: 'key_accounts', name: 'Key accounts', is_default: false, segments: ['Grands comptes'], customers_using: 0, invoices_using: 0 };

describe('Scenarios', { timeout: 60_000 }, () => {
  const requests = useApi(({ path: p, method, body }) => {
    if (p === '/api/v1/me') return json(200, ME_ADMIN);
    if (p === '/api/v1/dunning/scenarios' && method === 'GET') return json(200, { items: [KEY, SCENARIO], total: 2 });
    if (p === '/api/v1/dunning/scenarios' && method === 'POST') return json(201, { ...(body as object), id: 'sc-3', is_default: false, customers_using: 0, invoices_using: 0 });
    if (p === '/api/v1/dunning/scenarios/sc-1' && method === 'DELETE') {
      return json(409, { status: 409, title: 'Conflict', detail: 'This scenario is in use.' });
    }
  });

  it('lists the default first with its segments and steps, and explains a 409 on delete', async () => {
    const user = userEvent.setup();
    renderPage(<ScenariosPage />, { path: '/dunning', route: '/dunning' });
    // The row menus appear once /me says the user is an admin.
    await screen.findByRole('button', { name: 'Actions on Standard B2B' });
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('Standard B2B');
    expect(within(rows[0]).getByText('Default')).toBeInTheDocument();
    expect(within(rows[0]).getByText('4 steps')).toBeInTheDocument();
    expect(within(rows[0]).getAllByText(/^D[-+0]/).map((b) => b.textContent)).toEqual(['D-15', 'D0', 'D+7', 'D+30']);
    expect(within(rows[1]).getByText('Grands comptes')).toBeInTheDocument();

    await user.click(within(rows[0]).getByRole('button', { name: 'Actions on Standard B2B' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Standard B2B”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('This scenario is in use')).toBeInTheDocument();
    expect(screen.getByText(/This scenario is in use\. It cannot be deleted while it is the default scenario or a customer \(2\) or an invoice \(1\) names it/)).toBeInTheDocument();
  });

  it('duplicates a scenario with its steps and no step ids', async () => {
    const user = userEvent.setup();
    renderPage(<ScenariosPage />, { path: '/dunning', route: '/dunning' });
    // The row menus appear once /me says the user is an admin.
    await screen.findByRole('button', { name: 'Actions on Standard B2B' });
    const rows = screen.getAllByRole('row').slice(1);
    await user.click(within(rows[0]).getByRole('button', { name: 'Actions on Standard B2B' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Duplicate' }));
    expect(await screen.findByTestId('elsewhere')).toBeInTheDocument();
    const sent = requests.find((r) => r.method === 'POST')?.body as { name: string; steps: { id?: string }[] };
    expect(sent.name).toBe('Copy of Standard B2B');
    expect(sent.steps).toHaveLength(4);
    expect(sent.steps.every((s) => !('id' in s))).toBe(true);
  });
});
