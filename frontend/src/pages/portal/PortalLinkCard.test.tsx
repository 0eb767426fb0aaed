import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../api/types';
import { useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { PortalLinkCard } from './PortalLinkCard';
import { CUSTOMER, LINKS, ME_ADMIN } from './testData';

const URL_ONCE = 'http://127.0.0.1:8080/p/hT3xQk0zZ8a1b2c3d4e5f6g7h8i9j0kLmNoPqRsTuVw';

describe('Portal link card', { timeout: 30_000 }, () => {
  const requests = useApi(({ path: p, method, body }) => {
    if (p === '/api/v1/me') return json(200, ME_ADMIN);
    if (p === '/api/v1/customers/c-1/portal-links' && method === 'GET') return json(200, LINKS);
    if (p === '/api/v1/customers/c-1/portal-links' && method === 'POST') {
      const email = (body as { contact_email?: string }).contact_email;
      if (email === 'pas-un-email') return json(422, { status: 422, title: 'Unprocessable Entity', errors: [{ field: 'contact_email', message: 'Enter a valid email address.' }] });
      return json(201, { id: 'l-9', url: URL_ONCE, contact_email: email ?? '', expires_at: '2026-08-13T10:00:00Z' });
    }
    if (p === '/api/v1/portal-links/l-1' && method === 'DELETE') return json(204, null);
  });

  const render = () => renderPage(<PortalLinkCard customer={CUSTOMER as unknown as Customer} />);

  it('lists the links with their status, origin and visits', async () => {
    render();
    const links = await screen.findAllByTestId('portal-link');
    expect(links).toHaveLength(2);
    expect(within(links[0]).getByText('Active')).toBeInTheDocument();
    expect(within(links[0]).getByText('compta@dubois.fr')).toBeInTheDocument();
    expect(within(links[0]).getByText(/^Reminder · /)).toBeInTheDocument();
    expect(within(links[0]).getByText(/^3 visits, the last /)).toBeInTheDocument();
    expect(within(links[1]).getByText('Revoked')).toBeInTheDocument();
    expect(within(links[1]).getByText(/^Made by Camille Démo · .* · revoked on /)).toBeInTheDocument();
    expect(within(links[1]).getByText('Never opened')).toBeInTheDocument();
    // Only a working link can be revoked.
    expect(within(links[0]).getByRole('button', { name: /Revoke the link of/ })).toBeInTheDocument();
    expect(within(links[1]).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
  });

  it('shows a new link’s URL once, with a copy button and a link to open it', async () => {
    const user = userEvent.setup();
    render();
    await user.click(await screen.findByRole('button', { name: 'Create a link' }));
    let dialog = await screen.findByRole('dialog', { name: 'Create a link to the debtor page' });

    // A bad address lands on its field.
    await user.type(within(dialog).getByRole('textbox', { name: 'For the contact' }), 'pas-un-email');
    await user.click(within(dialog).getByRole('button', { name: 'Create the link' }));
    expect(await within(dialog).findByText('Enter a valid email address.')).toBeInTheDocument();

    const contact = within(dialog).getByRole('textbox', { name: 'For the contact' });
    await user.clear(contact);
    await user.type(contact, 'compta@dubois.fr');
    await user.click(within(dialog).getByRole('button', { name: 'Create the link' }));
    dialog = await screen.findByRole('dialog', { name: 'Link created' });
    expect(within(dialog).getByTestId('new-link-url')).toHaveTextContent(URL_ONCE);
    expect(within(dialog).getByText('Copy this link now: for your security, it will never be shown again.')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Copy the link' })).toBeInTheDocument();
    const open = within(dialog).getByRole('link', { name: 'Open the page' });
    expect(open).toHaveAttribute('href', URL_ONCE);
    expect(open).toHaveAttribute('target', '_blank');
    expect(open).toHaveAttribute('rel', 'noopener noreferrer');
    expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({ contact_email: 'compta@dubois.fr' });

    // Once closed, the URL is gone: the next dialog is a new link's form.
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.queryByText(URL_ONCE)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Create a link' }));
    dialog = await screen.findByRole('dialog', { name: 'Create a link to the debtor page' });
    expect(within(dialog).queryByText(URL_ONCE)).not.toBeInTheDocument();
    // The list was asked again (the new link shows there, without its token).
    expect(requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/customers/c-1/portal-links').length).toBeGreaterThan(1);
  });

  it('revokes an active link after asking', async () => {
    const user = userEvent.setup();
    render();
    const [active] = await screen.findAllByTestId('portal-link');
    await user.click(within(active).getByRole('button', { name: /Revoke the link of/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke this link?' });
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('Link revoked.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/v1/portal-links/l-1']);
  });
});
