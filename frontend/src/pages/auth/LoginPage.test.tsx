import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '../../api/tokens';
import { stubFetch, useLanguage } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { LoginPage } from './LoginPage';

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/e-mail|email/i), email);
  await user.type(screen.getByLabelText(/mot de passe|password/i), password);
  await user.click(screen.getByRole('button', { name: /se connecter|log in/i }));
}

describe('LoginPage', () => {
  useLanguage('fr');
  beforeEach(() => tokenStore.clear());
  afterEach(() => tokenStore.clear());

  it('switches its labels from French to English with the FR/EN switcher', async () => {
    renderPage(<LoginPage />, { path: '/login' });
    expect(screen.getByRole('heading', { name: 'Bon retour' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeInTheDocument();

    await userEvent.setup().click(screen.getByText('EN'));

    expect(await screen.findByRole('heading', { name: 'Welcome back' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(window.localStorage.getItem('relance.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('says when login is throttled, with the Retry-After delay', async () => {
    stubFetch(() => json(429, { status: 429, title: 'Too Many Requests', detail: 'slow down' }, { 'Retry-After': '42' }));
    renderPage(<LoginPage />, { path: '/login' });

    await fillAndSubmit('demo@relance.test', 'wrong-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Trop de tentatives. Réessayez dans 42 secondes.');
    expect(tokenStore.isAuthenticated()).toBe(false);
  });

  it('shows bad credentials, and server field errors under their fields', async () => {
    const fetch = stubFetch(async (req) => {
      const body = (await req.json()) as { email: string };
      if (body.email === 'demo@relance.test') return json(401, { status: 401, title: 'Unauthorized', detail: 'invalid credentials' });
      return json(422, { status: 422, title: 'Unprocessable Entity', detail: 'The request has invalid fields.', errors: [{ field: 'email', message: 'Domaine inconnu.' }] });
    });
    renderPage(<LoginPage />, { path: '/login' });

    await fillAndSubmit('demo@relance.test', 'wrong-password');
    expect(await screen.findByRole('alert')).toHaveTextContent('E-mail ou mot de passe incorrect.');

    const user = userEvent.setup();
    const email = screen.getByLabelText(/e-mail/i);
    await user.clear(email);
    await user.type(email, 'x@nowhere.example');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
    expect(await screen.findByText('Domaine inconnu.')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
  });

  it('stores the session and leaves the page on success', async () => {
    stubFetch(() => json(200, { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900, organization_id: 'o' }));
    renderPage(<LoginPage />, { path: '/login' });

    await fillAndSubmit('demo@relance.test', 'relance-demo');

    expect(await screen.findByTestId('elsewhere')).toBeInTheDocument();
    expect(tokenStore.getRefreshToken()).toBe('r');
    expect(window.sessionStorage.getItem('relance.access_token')).toBe('a');
  });
});
