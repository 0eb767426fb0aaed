import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { CustomerDunningCard, daysFromToday, isPaused } from './DunningCards';
import { ME_ADMIN, SCENARIO } from './testData';

const VIEW = {
  customer: { scenario_id: null as string | null, grace_days: 0, letter_instead_of_email: false, paused_until: null as string | null, disabled: false },
  scenario_id: 'sc-1',
  scenario_name: 'Standard B2B',
  source: 'default',
  explanation: ['No scenario was chosen for this customer, and its segment has none: the default scenario applies.'],
  next_actions: [
    { date: '2026-05-15', step_id: 'st-3', offset_days: 7, stage: 'reminder', channel: 'email', invoice_ids: ['i-1', 'i-2'], invoice_numbers: ['F-1', 'F-2'] },
    { date: '2026-06-08', step_id: 'st-4', offset_days: 30, stage: 'formal_notice', channel: 'letter', invoice_ids: ['i-1'], invoice_numbers: ['F-1'] },
  ],
};

describe('Customer dunning card', { timeout: 60_000 }, () => {
  let view: typeof VIEW;
  const requests = useApi(({ path: p, method, body }) => {
    if (p === '/api/v1/me') return json(200, ME_ADMIN);
    if (p === '/api/v1/customers/c-1/dunning' && method === 'GET') return json(200, view);
    if (p === '/api/v1/customers/c-1/dunning' && method === 'PUT') {
      // The server answers null for "none".
      const rules = body as typeof VIEW.customer;
      view = { ...view, customer: { ...rules, scenario_id: rules.scenario_id || null, paused_until: rules.paused_until || null } };
      return json(200, view);
    }
    if (p === '/api/v1/dunning/scenarios') return json(200, { items: [SCENARIO, { ...SCENARIO, id: 'sc-2', name: 'Grands comptes', is_default: false }], total: 2 });
  });

  beforeEach(() => {
    view = structuredClone(VIEW);
  });

  const puts = () => requests.filter((r) => r.method === 'PUT').map((r) => r.body);

  it('says which scenario applies and why, and lists the next actions', async () => {
    renderPage(<CustomerDunningCard customerId="c-1" />);
    const why = await screen.findByTestId('dunning-explanation');
    expect(within(why).getByRole('link', { name: 'Standard B2B' })).toHaveAttribute('href', '/dunning/scenarios/sc-1');
    expect(within(why).getByText('Default scenario')).toBeInTheDocument();
    expect(within(why).getByText(/the default scenario applies/)).toBeInTheDocument();
    const next = screen.getByTestId('next-actions');
    expect(within(next).getByText('15 May 2026')).toBeInTheDocument();
    expect(within(next).getByText('Email · F-1, F-2')).toBeInTheDocument();
    expect(within(next).getByText('Formal notice')).toBeInTheDocument();
  });

  it('saves the rules form with the whole rules object', async () => {
    const user = userEvent.setup();
    renderPage(<CustomerDunningCard customerId="c-1" />);
    await user.click(await screen.findByRole('button', { name: 'Edit the rules' }));
    const form = await screen.findByTestId('rules-form');
    await user.click(within(form).getByRole('textbox', { name: 'Scenario override' }));
    await user.click(await screen.findByRole('option', { name: 'Grands comptes' }));
    const grace = within(form).getByRole('textbox', { name: 'Grace days' });
    await user.clear(grace);
    await user.type(grace, '10');
    await user.click(within(form).getByRole('switch', { name: 'Letter instead of email' }));
    await user.click(within(form).getByRole('button', { name: 'Save the rules' }));

    expect(await screen.findByText('Dunning rules were saved.')).toBeInTheDocument();
    expect(puts()).toEqual([{ scenario_id: 'sc-2', grace_days: 10, letter_instead_of_email: true, paused_until: '', disabled: false }]);
    await waitFor(() => expect(screen.queryByTestId('rules-form')).toBeNull());
  });

  it('pauses for two weeks in one click, then resumes', async () => {
    const user = userEvent.setup();
    renderPage(<CustomerDunningCard customerId="c-1" />);
    await user.click(await screen.findByRole('button', { name: 'Pause' }));
    await user.click(await screen.findByRole('menuitem', { name: 'For 14 days' }));
    await waitFor(() => expect(puts()).toHaveLength(1));
    expect(puts()[0]).toEqual({ ...VIEW.customer, scenario_id: '', paused_until: daysFromToday(14) });
    expect(await screen.findByTestId('rule-state')).toHaveTextContent('Paused until');

    await user.click(await screen.findByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(puts()).toHaveLength(2));
    expect(puts()[1]).toEqual({ ...VIEW.customer, scenario_id: '', paused_until: '' });
    await waitFor(() => expect(screen.queryByTestId('rule-state')).toBeNull());
  });

  it('reads a pause as over the day after its last day', () => {
    expect(isPaused('2026-05-15', '2026-05-15')).toBe(true);
    expect(isPaused('2026-05-15', '2026-05-16')).toBe(false);
    expect(isPaused(null)).toBe(false);
    expect(daysFromToday(7, new Date(2026, 11, 28))).toBe('2027-01-04');
  });
});
