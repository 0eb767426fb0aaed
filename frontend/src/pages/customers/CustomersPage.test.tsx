import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { me, useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { CustomersPage } from './CustomersPage';

describe('CustomersPage', () => {
  const requests = useApi(({ path }) => {
    if (path === '/api/v1/me') return json(200, me());
    if (path === '/api/v1/customers') return json(200, { items: [], total: 0 });
    if (path === '/api/v1/customers/segments') return json(200, { items: [] });
    return undefined;
  });
  const lists = () => requests.filter((r) => r.path === '/api/v1/customers');

  it('opens sorted as the link asks (the cockpit sends ?sort=-overdue)', async () => {
    renderPage(<CustomersPage />, { route: '/?sort=-overdue' });
    await waitFor(() => expect(lists().length).toBeGreaterThan(0));
    expect(lists()[0].params.get('sort')).toBe('-overdue');
  });

  it('sorts by name when the link asks for a sort the list does not know', async () => {
    renderPage(<CustomersPage />, { route: '/?sort=password' });
    await waitFor(() => expect(lists().length).toBeGreaterThan(0));
    expect(lists()[0].params.get('sort')).toBe('name');
  });
});
