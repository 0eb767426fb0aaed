import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { stubFetch, useLanguage } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { ResetPasswordPage, resetToken } from './ResetPasswordPage';

async function choose(password: string, confirm = password) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Nouveau mot de passe'), password);
  await user.type(screen.getByLabelText('Confirmez le mot de passe'), confirm);
  await user.click(screen.getByRole('button', { name: 'Enregistrer le mot de passe' }));
}

describe('ResetPasswordPage', () => {
  useLanguage('fr');

  it('reads the token from the link fragment', () => {
    expect(resetToken('#token=rlp_abc-DEF_1')).toBe('rlp_abc-DEF_1');
    expect(resetToken('')).toBe('');
  });

  it('sets the new password with the token, then offers to log in', async () => {
    const fetch = stubFetch(() => new Response(null, { status: 204 }));
    renderPage(<ResetPasswordPage />, { path: '/reset-password', route: '/reset-password#token=rlp_secret' });
    await choose('short', 'short');
    expect(fetch).not.toHaveBeenCalled();
    expect(screen.getByText('Au moins 10 caractères.', { exact: false })).toBeInTheDocument();

    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Nouveau mot de passe'));
    await user.clear(screen.getByLabelText('Confirmez le mot de passe'));
    await choose('a brand new passphrase', 'a brand new passphrasf');
    expect(screen.getByText('Les deux mots de passe diffèrent.')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Confirmez le mot de passe'));
    await user.type(screen.getByLabelText('Confirmez le mot de passe'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le mot de passe' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Votre mot de passe a été changé.');
    const req = fetch.mock.calls[0][0] as Request;
    expect(new URL(req.url).pathname).toBe('/api/v1/auth/password-reset/confirm');
    expect(await req.json()).toEqual({ token: 'rlp_secret', password: 'a brand new passphrase' });
    expect(screen.getByRole('link', { name: 'Se connecter' })).toHaveAttribute('href', '/login');
  });

  it('says when the link no longer works, and offers a new one', async () => {
    stubFetch(() =>
      json(422, { status: 422, title: 'Unprocessable Entity', detail: 'The request has invalid fields.',
        errors: [{ field: 'token', message: 'This link is invalid, expired or already used. Ask for a new one.' }] }),
    );
    renderPage(<ResetPasswordPage />, { path: '/reset-password', route: '/reset-password#token=rlp_used' });
    await choose('a brand new passphrase');
    expect(await screen.findByText('Ce lien ne fonctionne plus')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Demander un nouveau lien' })).toHaveAttribute('href', '/forgot-password');
  });

  it('without a token, goes straight to asking for a new link', async () => {
    const fetch = stubFetch(() => new Response(null, { status: 204 }));
    renderPage(<ResetPasswordPage />, { path: '/reset-password' });
    expect(screen.getByText('Ce lien ne fonctionne plus')).toBeInTheDocument();
    await waitFor(() => expect(fetch).not.toHaveBeenCalled());
  });
});
