import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../i18n';
import { stubFetch, useLanguage } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { LoginPage } from './LoginPage';

describe('ForgotPasswordPage', () => {
  useLanguage('fr');

  it('is linked from the login page', async () => {
    renderPage(<LoginPage />, { path: '/login' });
    const link = screen.getByRole('link', { name: 'Mot de passe oublié ?' });
    expect(link).toHaveAttribute('href', '/forgot-password');
  });

  it('asks for a link and says the same whatever the address', async () => {
    const fetch = stubFetch(() => new Response(null, { status: 202 }));
    renderPage(<ForgotPasswordPage />, { path: '/forgot-password' });
    expect(screen.getByRole('heading', { name: 'Mot de passe oublié' })).toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/e-mail/i), ' camille@example.com ');
    await user.click(screen.getByRole('button', { name: 'Envoyer le lien' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Si un compte existe pour camille@example.com, un lien pour choisir un nouveau mot de passe vient de lui être envoyé.',
    );
    expect(fetch).toHaveBeenCalledTimes(1);
    const req = fetch.mock.calls[0][0] as Request;
    expect(new URL(req.url).pathname).toBe('/api/v1/auth/password-reset');
    expect(await req.json()).toEqual({ email: 'camille@example.com' });
    expect(screen.getByRole('link', { name: 'Retour à la connexion' })).toHaveAttribute('href', '/login');
  });

  it('checks the address before asking, and says when asked too often', async () => {
    const fetch = stubFetch(() => json(429, { status: 429, title: 'Too Many Requests', detail: 'slow down' }, { 'Retry-After': '60' }));
    renderPage(<ForgotPasswordPage />, { path: '/forgot-password' });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/e-mail/i), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Envoyer le lien' }));
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/e-mail/i)).toHaveAttribute('aria-invalid', 'true');

    await user.clear(screen.getByLabelText(/e-mail/i));
    await user.type(screen.getByLabelText(/e-mail/i), 'camille@example.com');
    await user.click(screen.getByRole('button', { name: 'Envoyer le lien' }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    expect(await screen.findByRole('alert')).toHaveTextContent('Réessayez dans 60 secondes');
  });

  it('speaks English', async () => {
    await act(() => changeLanguage('en', false));
    renderPage(<ForgotPasswordPage />, { path: '/forgot-password' });
    expect(screen.getByRole('heading', { name: 'Forgot your password' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send the link' })).toBeInTheDocument();
  });
});
