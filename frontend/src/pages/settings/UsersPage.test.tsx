import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { me, useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { UsersPage } from './UsersPage';

const MEMBERS = {
  items: [
    { user_id: 'u-1', email: 'demo@relance.test', name: 'Camille Démo', role: 'owner', created_at: '2026-01-05T10:00:00Z' },
    { user_id: 'u-2', email: 'sam@example.test', name: 'Sam Recouvre', role: 'collector', created_at: '2026-02-01T10:00:00Z' },
  ],
  total: 2,
};
const INVITATIONS = {
  items: [
    { id: 'i-1', email: 'new@example.test', role: 'viewer', status: 'pending', invited_by: 'u-1', created_at: '2026-03-01T10:00:00Z', expires_at: '2026-03-08T10:00:00Z' },
    { id: 'i-2', email: 'old@example.test', role: 'admin', status: 'expired', invited_by: 'u-1', created_at: '2026-01-01T10:00:00Z', expires_at: '2026-01-08T10:00:00Z' },
  ],
  total: 2,
};

describe('Settings → Users', () => {
  const requests = useApi(({ path: p, method }) => {
    if (p === '/api/v1/me') return json(200, me('owner'));
    if (p === '/api/v1/members') return json(200, MEMBERS);
    if (p === '/api/v1/invitations' && method === 'GET') return json(200, INVITATIONS);
    if (p === '/api/v1/invitations' && method === 'POST') {
      return json(422, { status: 422, title: 'Unprocessable Entity', detail: 'The request has invalid fields.', errors: [{ field: 'email', message: 'Already a member.' }] });
    }
  });

  it('lists members and invitations with their roles and statuses', async () => {
    renderPage(<UsersPage />);

    const sam = (await screen.findByText('Sam Recouvre')).closest('tr')!;
    expect(within(sam).getByRole('textbox', { name: 'Role of Sam Recouvre' })).toHaveValue('Collector');
    expect(within(sam).getByRole('button', { name: 'Remove Sam Recouvre' })).toBeEnabled();

    // Your own row: no self-demotion, no self-removal.
    const me = screen.getByText('Camille Démo').closest('tr')!;
    expect(within(me).getByText('You')).toBeInTheDocument();
    expect(within(me).getByRole('textbox', { name: 'Role of Camille Démo' })).toBeDisabled();
    expect(within(me).queryByRole('button', { name: /Remove/ })).toBeNull();

    const pending = (await screen.findByText('new@example.test')).closest('tr')!;
    expect(within(pending).getByText('Pending')).toBeInTheDocument();
    expect(within(pending).getByRole('button', { name: 'Revoke the invitation of new@example.test' })).toBeInTheDocument();
    const expired = screen.getByText('old@example.test').closest('tr')!;
    expect(within(expired).getByText('Expired')).toBeInTheDocument();
    expect(within(expired).queryByRole('button')).toBeNull();

    expect(requests.find((r) => r.path === '/api/v1/members')?.search).toBe('?sort=name&limit=20&offset=0');
  });

  it('sorts by a column header', async () => {
    renderPage(<UsersPage />);
    await screen.findByText('Sam Recouvre');
    const members = screen.getByRole('heading', { name: 'Members' }).closest('.mantine-Paper-root') as HTMLElement;

    await userEvent.setup().click(within(members).getByRole('button', { name: /Email/ }));
    await vi.waitFor(() => expect(requests.filter((r) => r.path === '/api/v1/members').at(-1)?.search).toContain('sort=email'));
    await userEvent.setup().click(within(members).getByRole('button', { name: /Email/ }));
    await vi.waitFor(() => expect(requests.filter((r) => r.path === '/api/v1/members').at(-1)?.search).toContain('sort=-email'));
  });

  it('shows the server validation error on the invite form field', async () => {
    renderPage(<UsersPage />);
    await screen.findByText('Sam Recouvre');
    const user = userEvent.setup();

    await user.click(screen.getByRole('button', { name: 'Invite' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite a teammate' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'sam@example.test');
    await user.click(within(dialog).getByRole('button', { name: 'Send the invitation' }));

    expect(await within(dialog).findByText('Already a member.')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Email' })).toHaveAttribute('aria-invalid', 'true');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ email: 'sam@example.test', role: 'collector' });
  });
});
