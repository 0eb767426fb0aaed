import { expect, test } from '@playwright/test';
import { login, shot, waitForMail } from './helpers';

// Forgot password → email (Mailpit) → new password → log in with it. A fresh account, so that
// the demo's password stays as the other specs expect it.
test('reset a forgotten password through the emailed link', async ({ page, request }) => {
  const email = `reset-${Date.now()}@e2e.test`;
  const signup = await request.post('/api/v1/auth/signup', {
    data: { organization_name: 'Reset SARL', name: 'Camille Reset', email, password: 'the first password', locale: 'fr' },
  });
  expect(signup.status()).toBe(201);

  await page.goto('/login');
  await shot(page, 'login-forgot-link-desktop');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole('heading', { name: 'Mot de passe oublié' })).toBeVisible();
  await page.getByLabel('E-mail').fill(email);
  await shot(page, 'forgot-password-desktop');
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByRole('status')).toContainText(`Si un compte existe pour ${email}`);
  await shot(page, 'forgot-password-sent-desktop');

  const mail = await waitForMail(email);
  expect(mail.Subject).toBe('Choisissez un nouveau mot de passe Relance');
  const link = /\/reset-password#token=\S+/.exec(mail.Text);
  expect(link).not.toBeNull();

  await page.goto(link![0]);
  await expect(page.getByRole('heading', { name: 'Nouveau mot de passe' })).toBeVisible();
  await page.getByLabel('Nouveau mot de passe').fill('a brand new passphrase');
  await page.getByLabel('Confirmez le mot de passe').fill('a brand new passphrase');
  await shot(page, 'reset-password-desktop');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByRole('status')).toContainText('Votre mot de passe a été changé.');
  await shot(page, 'reset-password-done-desktop');

  // The link works once.
  await page.goto('/login');
  await page.goto(link![0]);
  await page.getByLabel('Nouveau mot de passe').fill('yet another passphrase');
  await page.getByLabel('Confirmez le mot de passe').fill('yet another passphrase');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByText('Ce lien ne fonctionne plus')).toBeVisible();

  const old = await request.post('/api/v1/auth/login', { data: { email, password: 'the first password' } });
  expect(old.status()).toBe(401);
  await login(page, email, 'a brand new passphrase');
  await expect(page.getByRole('banner').getByTestId('current-organization')).toHaveText('Reset SARL');
});

// The API reference renders the served document (its title was once the raw "{{.Title}}").
test('the API docs render the OpenAPI document', async ({ page }) => {
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Relance API/ })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Select a definition' })).toHaveValue('/api/openapi.json');
  await expect(page.getByText('{{.Title}}')).toHaveCount(0);
  await shot(page, 'api-docs-desktop');
});
