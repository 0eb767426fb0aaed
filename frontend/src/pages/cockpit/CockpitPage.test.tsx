import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { me, useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { CockpitPage } from '../business/CockpitPage';

const ORGANIZATION = { id: 'o-1', name: 'Démo SARL', country: 'FR', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', created_at: '2026-01-01T00:00:00Z' };

const summary = (asOf: string, over: Record<string, unknown> = {}) => ({
  as_of: asOf,
  currency: 'EUR',
  receivables_cents: 12345678,
  overdue_cents: 4500000,
  open_invoices: 87,
  aging: [
    { bucket: 'not_due', cents: 7845678, invoices: 50 },
    { bucket: '1_30', cents: 2000000, invoices: 20 },
    { bucket: '31_60', cents: 1500000, invoices: 10 },
    { bucket: '61_90', cents: 600000, invoices: 4 },
    { bucket: 'over_90', cents: 400000, invoices: 3 },
  ],
  dso_countback: 42.5,
  dso_simple_90: 44.1,
  best_possible_dso_90: 28.25,
  average_days_delinquent: 14.25,
  cei_90: 81.37,
  collected_cents: 3210000,
  promised_cents: 250000,
  disputed_cents: 120000,
  ...over,
});

const TREND_ITEMS = [
  { month_end: '2026-01-31', dso_countback: 35, receivables_cents: 10000000, overdue_cents: 3000000 },
  { month_end: '2026-02-28', dso_countback: 38, receivables_cents: 11000000, overdue_cents: 3500000 },
  { month_end: '2026-03-15', dso_countback: 42.5, receivables_cents: 12345678, overdue_cents: 4500000 },
];

const week = (start: string, end: string, expected: number, p10: number, p90: number, due: number) => ({
  start,
  end,
  expected_cents: expected,
  p10_cents: p10,
  p90_cents: p90,
  by_due_date_cents: due,
  invoices: 3,
});

const FORECAST = {
  as_of: '2026-03-15',
  currency: 'EUR',
  open_cents: 12345678,
  weeks: [
    week('2026-03-16', '2026-03-22', 1000000, 500000, 1500000, 4500000),
    week('2026-03-23', '2026-03-29', 2000000, 1000000, 2500000, 1000000),
    ...Array.from({ length: 11 }, (_, i) => {
      const start = new Date(Date.UTC(2026, 2, 30 + 7 * i));
      const end = new Date(Date.UTC(2026, 2, 36 + 7 * i));
      return week(start.toISOString().slice(0, 10), end.toISOString().slice(0, 10), 100000, 0, 200000, 50000);
    }),
  ],
  beyond_cents: 2345678,
  beyond_p90_cents: 3000000,
  beyond_by_due_date_cents: 1000000,
};

const customer = (id: string, name: string, overdue: number, balance: number) => ({
  id,
  name,
  overdue_cents: overdue,
  balance_cents: balance,
  currency: 'EUR',
  archived_at: null,
  created_at: '2026-01-01T00:00:00Z',
  data_problems: [],
  external_id: null,
  oldest_due_date: '2026-01-01',
  open_invoices: 2,
  payment_terms_days: 30,
  segment: '',
  tags: [],
});

const DEBTORS = [customer('c-1', 'Boulangerie Martin', 900000, 1500000), customer('c-2', 'Garage Dupont', 450000, 450000)];

describe('CockpitPage', () => {
  let invoicesTotal = 600;
  const requests = useApi(({ path, params }) => {
    if (path === '/api/v1/me') return json(200, me());
    if (path === '/api/v1/organization') return json(200, ORGANIZATION);
    if (path === '/api/v1/invoices') return json(200, { items: [], total: invoicesTotal });
    if (path === '/api/v1/customers') return json(200, params.get('sort') === '-overdue' ? { items: DEBTORS, total: 2 } : { items: [], total: 12 });
    if (path === '/api/v1/analytics/forecast') return json(200, { ...FORECAST, as_of: params.get('as_of') });
    if (path === '/api/v1/analytics/summary') {
      const asOf = params.get('as_of')!;
      return json(200, asOf === '2026-02-28' ? summary(asOf, { receivables_cents: 11000000, dso_countback: 38 }) : summary(asOf));
    }
    if (path === '/api/v1/analytics/dso-trend') return json(200, { as_of: params.get('as_of'), currency: 'EUR', items: TREND_ITEMS });
    return undefined;
  });
  const summaries = () => requests.filter((r) => r.path === '/api/v1/analytics/summary');

  it('shows the figures as of the day in the URL, formatted, in the organisation currency', async () => {
    invoicesTotal = 600;
    renderPage(<CockpitPage />, { route: '/?as_of=2026-03-15' });
    const tiles = await screen.findByTestId('cockpit-tiles');
    const tile = (label: string) => within(tiles).getByText(label).closest('.mantine-Paper-root') as HTMLElement;
    expect(tile('Receivables')).toHaveTextContent('€123,456.78');
    expect(tile('Receivables')).toHaveTextContent('87 open invoices');
    expect(tile('Overdue')).toHaveTextContent('€45,000.00');
    expect(tile('Overdue')).toHaveTextContent('36.5% of receivables');
    expect(tile('DSO (countback)')).toHaveTextContent('42.5 days');
    expect(tile('Best possible DSO')).toHaveTextContent('28.3 days');
    expect(tile('Best possible DSO')).toHaveTextContent('14.3 days delinquent on average');
    expect(tile('Collection effectiveness')).toHaveTextContent('81.4%');
    expect(tile('Collected this month')).toHaveTextContent('€32,100.00');
    expect(tile('Promised')).toHaveTextContent('€2,500.00');
    expect(tile('Disputed')).toHaveTextContent('€1,200.00');
    // Against the end of February (38 days): 4.5 days worse.
    expect(await within(tile('DSO (countback)')).findByText('+4.5 d vs last month')).toBeVisible();
    expect(screen.getByTestId('dso-trend')).toHaveAttribute('data-direction', 'up');

    const sent = summaries()[0];
    expect(sent.params.get('as_of')).toBe('2026-03-15');
    expect(sent.params.get('currency')).toBe('EUR');
    const trend = requests.find((r) => r.path === '/api/v1/analytics/dso-trend')!;
    expect(Object.fromEntries(trend.params)).toEqual({ as_of: '2026-03-15', currency: 'EUR', months: '12' });
    expect(screen.getByText('Figures as the ledger stood at the end of 15 Mar 2026.')).toBeVisible();
    // Data exists: no onboarding.
    expect(screen.queryByText('Get started')).not.toBeInTheDocument();
  });

  it('links each aging bucket to the invoice list filtered to its due dates', async () => {
    invoicesTotal = 600;
    renderPage(<CockpitPage />, { route: '/?as_of=2026-03-15' });
    const bucket = await screen.findByTestId('aging-31_60');
    expect(bucket).toHaveTextContent('31–60 days');
    expect(bucket).toHaveTextContent('€15,000.00');
    expect(bucket).toHaveTextContent('10 invoices');
    const url = new URL(bucket.getAttribute('href')!, 'http://x');
    expect(url.pathname).toBe('/invoices');
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'open,partially_paid', due_from: '2026-01-14', due_to: '2026-02-12' });
    expect(screen.getByTestId('aging-over_90').getAttribute('href')).toContain('due_to=2025-12-14');

    await userEvent.click(bucket);
    expect(await screen.findByTestId('elsewhere')).toBeInTheDocument();
  });

  it('asks again with the date typed in "As of" and shows its figures', async () => {
    invoicesTotal = 600;
    const user = userEvent.setup();
    renderPage(<CockpitPage />, { route: '/?as_of=2026-03-15' });
    await screen.findByText('€123,456.78');
    const field = screen.getByLabelText('As of');
    await user.clear(field);
    await user.type(field, '28/02/2026');
    await user.tab();

    await waitFor(() => expect(summaries().at(-1)!.params.get('as_of')).toBe('2026-02-28'));
    expect(await screen.findByText('€110,000.00')).toBeVisible();
    expect(screen.getByText('38 days')).toBeVisible();
    const trends = requests.filter((r) => r.path === '/api/v1/analytics/dso-trend');
    expect(trends.at(-1)!.params.get('as_of')).toBe('2026-02-28');
  });

  it('shows the 13-week forecast totals, asked as of the chosen day', async () => {
    invoicesTotal = 600;
    renderPage(<CockpitPage />, { route: '/?as_of=2026-03-15' });
    const panel = await screen.findByTestId('forecast-panel');
    expect(within(panel).getByText('Cash-in forecast, 13 weeks')).toBeVisible();
    // 10,000 + 20,000 + 11 × 1,000 expected; 45,000 + 10,000 + 11 × 500 due.
    expect(await within(panel).findByTestId('forecast-expected')).toHaveTextContent('Expected over 13 weeks€41,000.00');
    expect(within(panel).getByTestId('forecast-due')).toHaveTextContent('Due over 13 weeks€60,500.00');
    expect(within(panel).getByTestId('forecast-beyond')).toHaveTextContent('Expected after 13 weeks€23,456.78');
    expect(within(panel).getByTestId('forecast-open')).toHaveTextContent('Open balance€123,456.78');
    expect(within(panel).getByTestId('forecast-legend')).toHaveTextContent('late (P90)');
    const sent = requests.find((r) => r.path === '/api/v1/analytics/forecast')!;
    expect(Object.fromEntries(sent.params)).toEqual({ as_of: '2026-03-15', currency: 'EUR' });
  });

  it('lists the top debtors, each linking to its customer, and all customers sorted the same way', async () => {
    invoicesTotal = 600;
    renderPage(<CockpitPage />, { route: '/?as_of=2026-03-15' });
    const panel = await screen.findByTestId('top-debtors');
    const rows = await within(panel).findAllByTestId('top-debtor');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Boulangerie Martin');
    expect(rows[0]).toHaveTextContent('€9,000.00');
    expect(rows[0]).toHaveTextContent('Open balance €15,000.00');
    expect(rows[0]).toHaveAttribute('href', '/customers/c-1');
    expect(rows[1]).toHaveAttribute('href', '/customers/c-2');
    const sent = requests.find((r) => r.path === '/api/v1/customers' && r.params.get('sort') === '-overdue')!;
    expect(sent.params.get('limit')).toBe('5');
    expect(within(panel).getByRole('link', { name: 'See all customers by overdue' })).toHaveAttribute('href', '/customers?sort=-overdue');
    // A past day is chosen: the list is today's, and says so.
    expect(within(panel).getByTestId('top-debtors-today')).toHaveTextContent("Today's figures");

    await userEvent.click(rows[0]);
    expect(await screen.findByTestId('elsewhere')).toBeInTheDocument();
  });

  it('shows the first steps, and no figures, to an organisation without invoices', async () => {
    invoicesTotal = 0;
    renderPage(<CockpitPage />);
    expect(await screen.findByText('Get started')).toBeVisible();
    expect(screen.getByRole('link', { name: 'Import a file' })).toHaveAttribute('href', '/imports/new');
    expect(screen.queryByTestId('cockpit-tiles')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('As of')).not.toBeInTheDocument();
  });
});
