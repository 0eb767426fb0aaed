import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { PortalSettingsPage } from './PortalSettingsPage';
import { ME_ADMIN, PORTAL_SETTINGS } from './testData';

describe('Settings → Portal', { timeout: 30_000 }, () => {
  let saveAnswer: () => Response;
  const requests = useApi(({ path: p, method }) => {
    if (p === '/api/v1/me') return json(200, ME_ADMIN);
    if (p === '/api/v1/portal/settings' && method === 'GET') return json(200, PORTAL_SETTINGS);
    if (p === '/api/v1/portal/settings' && method === 'PUT') return saveAnswer();
    if (p === '/api/v1/portal/settings/logo' && method === 'PUT') return json(200, { ...PORTAL_SETTINGS, has_logo: true, updated_at: '2026-05-15T10:00:00Z' });
    if (p === '/api/v1/portal/settings/logo' && method === 'GET') return new Response('<svg xmlns="http://www.w3.org/2000/svg"/>', { status: 200, headers: { 'Content-Type': 'image/svg+xml' } });
  });

  beforeEach(() => {
    saveAnswer = () => json(200, PORTAL_SETTINGS);
    // jsdom has no object URLs.
    URL.createObjectURL = vi.fn(() => 'blob:logo');
    URL.revokeObjectURL = vi.fn();
  });

  it('shows the stored settings and sends them back as the API takes them', async () => {
    const user = userEvent.setup();
    renderPage(<PortalSettingsPage />);
    const iban = await screen.findByRole('textbox', { name: 'Creditor IBAN' });
    expect(iban).toHaveValue('FR14 2004 1010 0505 0001 3M02 606');
    expect(screen.getByRole('checkbox', { name: /^Card/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /^SEPA direct debit/ })).not.toBeChecked();

    await user.click(screen.getByRole('checkbox', { name: /^SEPA direct debit/ }));
    const lifetime = screen.getByRole('textbox', { name: 'Link lifetime' });
    await user.clear(lifetime);
    await user.type(lifetime, '60');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Debtor page settings saved.')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      link_lifetime_days: 60,
      promise_horizon_days: 30,
      brand_color: '#1c7ed6',
      creditor_iban: 'FR14 2004 1010 0505 0001 3M02 606',
      creditor_bic: 'PSSTFRPPPAR',
      payment_methods: ['card', 'sepa_debit'],
      contact_phone: '+33123456789',
      contact_email: 'compta@demo.fr',
    });
  });

  it('puts the server’s field errors on their fields', async () => {
    const user = userEvent.setup();
    saveAnswer = () =>
      json(422, {
        status: 422,
        title: 'Unprocessable Entity',
        detail: 'Some fields are invalid.',
        errors: [
          { field: 'creditor_iban', message: 'The check digits do not match: check the IBAN.' },
          { field: 'creditor_bic', message: 'This BIC is not of the IBAN’s country.' },
        ],
      });
    renderPage(<PortalSettingsPage />);
    const iban = await screen.findByRole('textbox', { name: 'Creditor IBAN' });
    await user.clear(iban);
    await user.type(iban, 'FR14 2004 1010 0505 0001 3M02 607');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(iban).toHaveAttribute('aria-invalid', 'true'));
    expect(iban).toHaveAccessibleDescription('The check digits do not match: check the IBAN.');
    expect(screen.getByRole('textbox', { name: 'BIC' })).toHaveAccessibleDescription('This BIC is not of the IBAN’s country.');
    // The field errors say it all: no general alert.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('checks the colour before sending', async () => {
    const user = userEvent.setup();
    renderPage(<PortalSettingsPage />);
    const color = await screen.findByRole('textbox', { name: 'Brand colour' });
    await user.clear(color);
    await user.type(color, 'bleu');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Choose a colour like #1c7ed6.')).toBeInTheDocument();
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('uploads a logo at once and shows it', async () => {
    const user = userEvent.setup();
    const { container } = renderPage(<PortalSettingsPage />);
    await screen.findByRole('button', { name: 'Add a logo' });
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg', { type: 'image/svg+xml' }));
    expect(await screen.findByText('Logo saved.')).toBeInTheDocument();
    const put = requests.find((r) => r.method === 'PUT' && r.path === '/api/v1/portal/settings/logo');
    // The image goes as the multipart field "file".
    expect((put?.body as FormData).get('file')).toMatchObject({ type: 'image/svg+xml' });
    expect(await screen.findByTestId('logo-preview')).toHaveAttribute('src', 'blob:logo');
    expect(screen.getByRole('button', { name: 'Remove' })).toBeInTheDocument();
  });

  it('refuses a logo over 1 MB without sending it', async () => {
    const user = userEvent.setup();
    const { container } = renderPage(<PortalSettingsPage />);
    await screen.findByRole('button', { name: 'Add a logo' });
    const input = container.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File([new Uint8Array(1024 * 1024 + 1)], 'big.png', { type: 'image/png' }));
    expect(await screen.findByTestId('logo-error')).toHaveTextContent('The logo is larger than 1 MB.');
    expect(requests.some((r) => r.path === '/api/v1/portal/settings/logo')).toBe(false);
  });
});
