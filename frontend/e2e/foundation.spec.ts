import { expect, test } from '@playwright/test';
import { DEMO, login, pickLanguage, shot, waitForMail } from './helpers';

const MOBILE = { width: 390, height: 844 };

test.describe.configure({ mode: 'serial' });

test('log in, see the cockpit frame, switch FR → EN', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Bon retour' })).toBeVisible();
  await shot(page, 'login-desktop');

  await login(page);
  const header = page.getByRole('banner');
  await expect(header.getByText('Relance', { exact: true })).toBeVisible();
  await expect(header.getByTestId('current-organization')).toHaveText(DEMO.organization);

  // Start from an explicit French choice (the profile may say otherwise), then switch.
  await pickLanguage(page, 'FR');
  const nav = page.getByRole('navigation');
  for (const label of ['Cockpit', 'Clients', 'Factures', 'À faire', 'Relances', 'Envois', 'Paramètres']) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: /^Bonjour/ })).toBeVisible();
  await shot(page, 'cockpit-fr-desktop');

  await pickLanguage(page, 'EN');
  for (const label of ['Customers', 'Invoices', 'Worklist', 'Dunning', 'Outbox', 'Settings']) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'Clients' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Hello/ })).toBeVisible();
  await shot(page, 'cockpit-en-desktop');

  // The choice is kept across a reload.
  await page.reload();
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();

  await nav.getByRole('link', { name: 'Worklist' }).click();
  await expect(page.getByText(/prioritised daily actions/)).toBeVisible();
  await shot(page, 'worklist-en-desktop');
});

test('create an API key, see it once, use it, revoke it', async ({ page, request }) => {
  await login(page);
  await pickLanguage(page, 'EN');
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'API keys' }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);

  const name = `E2E sync ${Date.now()}`;
  await page.getByRole('button', { name: 'New API key' }).click();
  const form = page.getByRole('dialog', { name: 'New API key' });
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create the key' }).click();

  const shown = page.getByRole('dialog', { name: 'Your new API key' });
  await expect(shown).toBeVisible();
  await expect(shown.getByText('it will not be shown again')).toBeVisible();
  const key = (await shown.getByTestId('new-api-key').innerText()).trim();
  expect(key.length).toBeGreaterThan(20);
  await shot(page, 'api-key-created-desktop');

  // The key is a working credential for the API.
  const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).organization.name).toBe(DEMO.organization);

  await shown.getByRole('button', { name: 'I have copied it' }).click();
  await expect(shown).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByText('Active')).toBeVisible();
  await expect(row).not.toContainText(key); // only the prefix is listed
  await shot(page, 'api-keys-desktop');

  await row.getByRole('button', { name: `Revoke the key ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this API key?' });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(row.getByText('Revoked')).toBeVisible();
  await expect(row.getByRole('button', { name: `Revoke the key ${name}` })).toHaveCount(0);

  const after = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${key}` } });
  expect(after.status()).toBe(401);
});

test('invite a user by email, who accepts from the link', async ({ page, browser }) => {
  await login(page);
  await pickLanguage(page, 'EN');
  await page.goto('/settings/users');
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: DEMO.email })).toBeVisible();

  const email = `invitee-${Date.now()}@example.test`;
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite a teammate' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByRole('button', { name: 'Send the invitation' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row.getByText('Pending')).toBeVisible();
  await shot(page, 'users-desktop');

  const mail = await waitForMail(email);
  expect(mail.Subject).toContain(DEMO.organization);
  const link = mail.Text.match(/https?:\/\/\S+\/invite\/[\w-]+/)?.[0];
  expect(link, 'the email carries an /invite/{token} link').toBeTruthy();

  // The invitee opens the link in their own browser and creates an account.
  const context = await browser.newContext({ locale: 'en-GB' });
  const invitee = await context.newPage();
  await invitee.goto(new URL(link!).pathname);
  await expect(invitee.getByRole('heading', { name: `Join ${DEMO.organization}` })).toBeVisible();
  await invitee.getByLabel('Name').fill('Alex Invité');
  await invitee.getByLabel('Choose a password').fill('a-long-enough-password');
  await shot(invitee, 'invite-accept-desktop');
  await invitee.getByRole('button', { name: 'Create my account and join' }).click();
  await expect(invitee.getByRole('banner').getByTestId('current-organization')).toHaveText(DEMO.organization);
  await context.close();

  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: email }).getByText('Accepted')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Alex Invité' })).toBeVisible();
});

test('mobile width: cockpit, navigation and settings', async ({ page }) => {
  await page.setViewportSize(MOBILE);
  await login(page);
  await pickLanguage(page, 'FR');
  await expect(page.getByRole('heading', { name: /^Bonjour/ })).toBeVisible();
  await shot(page, 'cockpit-fr-mobile');

  await page.getByRole('button', { name: 'Ouvrir ou fermer la navigation' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Paramètres' })).toBeVisible();
  await shot(page, 'navbar-fr-mobile');
  await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).click();
  await page.getByRole('tab', { name: "Clés d'API" }).click();
  await expect(page.getByRole('heading', { name: "Clés d'API" })).toBeVisible();
  await shot(page, 'api-keys-fr-mobile');

  await page.goto('/login');
  await expect(page).toHaveURL(/\/$/); // already signed in
  await page.getByRole('button', { name: 'Menu du compte' }).click();
  const logout = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  expect((await logout).status()).toBe(204);
  await expect(page).toHaveURL(/\/login$/);
  await shot(page, 'login-fr-mobile');
});

test('sign up a new organisation, invite an existing user, who then switches organisation', async ({ page, browser }) => {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { name: 'Créez votre organisation' })).toBeVisible();
  const fill = async (email: string) => {
    await page.getByLabel("Nom de l'organisation").fill('Atelier Durand');
    await page.getByLabel('Nom', { exact: true }).fill('Léa Durand');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('un-mot-de-passe-solide');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
  };

  await fill(DEMO.email);
  await expect(page.getByRole('alert')).toContainText(/.+/);
  await expect(page).toHaveURL(/\/signup$/);
  await shot(page, 'signup-error-desktop');

  await fill(`lea-${Date.now()}@example.test`);
  await expect(page.getByRole('banner').getByTestId('current-organization')).toHaveText('Atelier Durand');
  await expect(page.getByRole('heading', { name: 'Bonjour Léa' })).toBeVisible();

  // Léa invites the demo user, who already has an account (and another organisation).
  await page.goto('/settings/users');
  await page.getByRole('button', { name: 'Inviter', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Inviter un collègue' });
  await dialog.getByLabel('E-mail').fill(DEMO.email);
  await dialog.getByRole('button', { name: "Envoyer l'invitation" }).click();
  await expect(dialog).toBeHidden();
  const mail = await waitForMail(DEMO.email);
  expect(mail.Subject).toContain('Atelier Durand');
  const link = mail.Text.match(/https?:\/\/\S+\/invite\/[\w-]+/)?.[0];
  expect(link).toBeTruthy();

  const context = await browser.newContext({ locale: 'fr-FR' });
  const demo = await context.newPage();
  await demo.goto(new URL(link!).pathname);
  await expect(demo.getByRole('heading', { name: 'Rejoindre Atelier Durand' })).toBeVisible();
  await expect(demo.getByText('Vous avez déjà un compte Relance')).toBeVisible();
  await expect(demo.getByLabel('Nom', { exact: true })).toHaveCount(0);
  await demo.getByLabel('Mot de passe').fill(DEMO.password);
  await shot(demo, 'invite-existing-user-desktop');
  await demo.getByRole('button', { name: "Accepter l'invitation" }).click();
  const current = demo.getByRole('banner').getByTestId('current-organization');
  await expect(current).toHaveText('Atelier Durand');

  // Two memberships now: switch back to Démo SARL from the header.
  await demo.getByRole('banner').getByRole('button', { name: "Changer d'organisation" }).click();
  await expect(demo.getByRole('menuitem')).toHaveCount(2);
  await shot(demo, 'org-switcher-desktop');
  await demo.getByRole('menuitem', { name: /Démo SARL/ }).click();
  await expect(current).toHaveText(DEMO.organization);
  await demo.goto('/settings/api-keys');
  await expect(demo.getByRole('heading', { name: "Clés d'API" })).toBeVisible();
  await context.close();
});
