import { expect, test, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { login, pickLanguage, shot as fullShot, waitForMail } from './helpers';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const MOBILE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

test.describe.configure({ mode: 'serial' });

const RUN = Date.now().toString(36).slice(-5);
const CUSTOMER = 'Nordis Logistique SA';
const CONTACT = `compta-${RUN}@nordis-e2e.test`;
const QUESTION = `Bonjour, pourriez-vous me renvoyer le détail de la facture ? (E2E ${RUN})`;
const ANSWER = `Bonjour, le détail vous est renvoyé ce matin. (réponse E2E ${RUN})`;

/** "YYYY-MM-DD", `days` from today. */
function isoFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A full-page screenshot from the top of the page (the sticky header stays where it belongs). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await fullShot(page, name);
}

/** A screenshot of one element (a dialog, a card), animations off. */
async function snapElement(target: Locator, name: string): Promise<void> {
  await target.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

async function openCustomer(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Clients', exact: true }).click();
  await page.getByRole('textbox', { name: 'Rechercher par nom, identifiant externe ou SIREN' }).fill('Nordis');
  await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
  await expect(page.getByRole('heading', { name: CUSTOMER, exact: true })).toBeVisible();
}

test('make a portal link, ask a question on the portal, answer it from Requests', async ({ page, context }) => {
  test.setTimeout(240_000);
  await login(page);
  await pickLanguage(page, 'FR');
  await openCustomer(page);

  // The customer's link card: make a link for a contact; its URL is shown this once.
  const card = page.getByTestId('portal-links');
  await expect(card).toBeVisible();
  await page.getByRole('button', { name: 'Créer un lien' }).click();
  const form = page.getByRole('dialog', { name: 'Créer un lien vers la page débiteur' });
  await form.getByRole('textbox', { name: 'Pour le contact' }).fill(CONTACT);
  await form.getByRole('button', { name: 'Créer le lien' }).click();
  const created = page.getByRole('dialog', { name: 'Lien créé' });
  await expect(created.getByText('il ne sera plus jamais affiché')).toBeVisible();
  const url = (await created.getByTestId('new-link-url').innerText()).trim();
  expect(url).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
  await expect(created.getByRole('button', { name: 'Copier le lien' })).toBeVisible();
  await snapElement(created, 'portal-link-created-desktop');

  // "Ouvrir la page" opens the Go-rendered portal in a new tab.
  const [portal] = await Promise.all([context.waitForEvent('page'), created.getByRole('link', { name: 'Ouvrir la page' }).click()]);
  await portal.waitForLoadState();
  expect(portal.url()).toBe(url);
  await expect(portal.getByRole('heading', { name: 'Poser une question' })).toBeVisible();

  // The debtor asks a question (form #question), reports a dispute, sets a payment date and gives new bank details.
  const question = portal.locator('#question');
  await question.getByLabel('Votre question').fill(QUESTION);
  await question.getByRole('button', { name: 'Envoyer la question' }).click();
  await expect(portal.locator('#question [role=status]')).toContainText('Votre question a bien été envoyée');

  const dispute = portal.locator('#litige');
  await dispute.getByRole('checkbox').first().check();
  await dispute.getByLabel('Motif').selectOption('wrong_amount');
  await dispute.getByLabel('Précisions').fill(`Le montant ne correspond pas au bon de commande (E2E ${RUN}).`);
  await dispute.getByRole('button', { name: 'Signaler le litige' }).click();
  await expect(portal.locator('#litige [role=status]')).toContainText('Votre contestation est enregistrée');

  const promise = portal.locator('#promesse');
  await promise.getByRole('checkbox').last().check();
  await promise.getByLabel('Date de paiement').fill(isoFromToday(10));
  await promise.getByRole('button', { name: 'Enregistrer la date' }).click();
  await expect(portal.locator('#promesse [role=status]')).toContainText('votre date de paiement est enregistrée');

  const bank = portal.locator('#coordonnees');
  await bank.getByLabel('Titulaire du compte').fill('Nordis Logistique SA');
  await bank.getByLabel('IBAN').fill('DE89 3704 0044 0532 0130 00');
  await bank.getByLabel(/^BIC/).fill('COBADEFFXXX');
  await bank.getByRole('button', { name: 'Envoyer mes coordonnées' }).click();
  await expect(portal.locator('#coordonnees [role=status]')).toContainText('Vos coordonnées ont été transmises');
  await portal.close();

  // Back on the customer: the URL is gone once the dialog closes; the link shows its visits, the
  // timeline what the debtor did, in words.
  await created.getByRole('button', { name: 'Terminé' }).click();
  await expect(page.getByText(url)).toHaveCount(0);
  await page.reload();
  const link = page.getByTestId('portal-link').filter({ hasText: CONTACT });
  await expect(link).toContainText('Actif', { timeout: 30_000 });
  await expect(link).toContainText(/\d+ visites?, la dernière/);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('Question posée sur la page débiteur');
  await expect(timeline).toContainText('Page débiteur consultée');
  await expect(timeline).toContainText('Nouvelles coordonnées bancaires proposées, à vérifier');
  await expect(timeline).toContainText('depuis la page débiteur');
  await expect(timeline).not.toContainText('Événement');
  await shot(page, 'portal-customer-desktop');
  await snapElement(timeline, 'portal-timeline-desktop');
  await snapElement(page.locator('#portal-link-card'), 'portal-link-card-desktop');

  // The navbar counts what waits; the Requests page lists the question; answer it.
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: /^Demandes/ })).toBeVisible();
  await nav.getByRole('link', { name: /^Demandes/ }).click();
  await expect(page.getByRole('heading', { name: 'Demandes', exact: true })).toBeVisible();
  const row = page.getByTestId('questions-table').getByRole('row').filter({ hasText: `E2E ${RUN}` });
  await expect(row).toContainText(CUSTOMER);
  await expect(row).toContainText('À traiter');
  await shot(page, 'portal-requests-desktop');

  await row.getByRole('button', { name: 'Répondre' }).click();
  const drawer = page.getByTestId('question-detail');
  await expect(drawer.getByTestId('question-message')).toHaveText(QUESTION);
  await expect(drawer).toContainText(`Envoyée par e-mail à ${CONTACT}`);
  await drawer.getByRole('textbox', { name: 'Réponse' }).fill(ANSWER);
  await shot(page, 'portal-question-drawer-desktop');
  await drawer.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(page.getByText(`Réponse envoyée à ${CONTACT}.`)).toBeVisible();
  await expect(row).toContainText('Répondue');
  const mail = await waitForMail(CONTACT);
  expect(mail.Text).toContain(ANSWER);

  // The other tabs, with what the debtor sent.
  const tabs = page.getByRole('tablist');
  await tabs.getByRole('tab', { name: /Litiges/ }).click();
  await expect(page.getByTestId('disputes-table').getByRole('row').filter({ hasText: `E2E ${RUN}` })).toContainText('Montant erroné');
  await shot(page, 'portal-disputes-desktop');
  await page.getByTestId('disputes-table').getByRole('row').filter({ hasText: `E2E ${RUN}` }).getByRole('button', { name: 'Résoudre' }).click();
  await expect(page.getByTestId('dispute-detail')).toContainText('Montant erroné');
  await shot(page, 'portal-dispute-drawer-desktop');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dispute-detail')).toHaveCount(0);
  await tabs.getByRole('tab', { name: /Promesses/ }).click();
  await expect(page.getByTestId('promises-table')).toContainText(CUSTOMER);
  await shot(page, 'portal-promises-desktop');
  await tabs.getByRole('tab', { name: /Coordonnées bancaires/ }).click();
  await expect(page.getByTestId('fraud-warning')).toBeVisible();
  const change = page.getByTestId('bank-table').getByRole('row').filter({ hasText: CUSTOMER }).first();
  await expect(change).toContainText('DE89 3704 0044 0532 0130 00');
  await expect(change).toContainText('Allemagne');
  await shot(page, 'portal-bank-desktop');

  // Confirming asks first: the button waits for the user to say they checked with the customer.
  await change.getByRole('button', { name: `Confirmer les coordonnées bancaires de ${CUSTOMER}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirmer les nouvelles coordonnées bancaires' });
  await expect(confirm.getByRole('button', { name: 'Confirmer' })).toBeDisabled();
  await snapElement(confirm, 'portal-bank-confirm-desktop');
  await confirm.getByRole('button', { name: 'Annuler' }).click();

  // The same pages on a phone.
  await page.setViewportSize(MOBILE);
  await shot(page, 'portal-bank-mobile');
  await tabs.getByRole('tab', { name: /Questions/ }).click();
  await expect(page.getByTestId('question-cards')).toContainText(CUSTOMER);
  await shot(page, 'portal-requests-mobile');
  await page.getByTestId('question-cards').getByText(`E2E ${RUN}`).click();
  await expect(page.getByTestId('question-detail')).toContainText(ANSWER);
  await shot(page, 'portal-question-answered-mobile');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('question-detail')).toHaveCount(0);
  await tabs.getByRole('tab', { name: /Promesses/ }).click();
  await expect(page.getByTestId('promise-cards')).toContainText(CUSTOMER);
  await shot(page, 'portal-promises-mobile');
  await tabs.getByRole('tab', { name: /Litiges/ }).click();
  await expect(page.getByTestId('dispute-cards')).toContainText(CUSTOMER);
  await shot(page, 'portal-disputes-mobile');
  await openCustomerMobile(page);
  await snapElement(page.locator('#portal-link-card'), 'portal-link-card-mobile');
  await page.setViewportSize(DESKTOP);
});

async function openCustomerMobile(page: Page) {
  await page.goto('/customers');
  await page.getByRole('textbox', { name: 'Rechercher par nom, identifiant externe ou SIREN' }).fill('Nordis');
  await page.getByRole('link', { name: new RegExp(CUSTOMER) }).first().click();
  await expect(page.getByRole('heading', { name: CUSTOMER, exact: true })).toBeVisible();
  await page.getByTestId('portal-links').scrollIntoViewIfNeeded();
}

test('portal settings: a bad IBAN lands on its field, then save', async ({ page }) => {
  await login(page);
  await pickLanguage(page, 'FR');
  await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).click();
  await page.getByRole('tab', { name: 'Page débiteur' }).click();
  await expect(page).toHaveURL(/\/settings\/portal$/);
  const iban = page.getByRole('textbox', { name: 'IBAN du créancier' });
  await iban.fill('FR76 3000 6000 0112 3456 7890 188');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(iban).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'portal-settings-error-desktop');

  await iban.fill('FR76 3000 6000 0112 3456 7890 189');
  await page.getByRole('textbox', { name: 'Couleur de la marque' }).fill('#0ca678');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Réglages de la page débiteur enregistrés.')).toBeVisible();
  await expect(iban).not.toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'portal-settings-desktop');

  await page.setViewportSize(MOBILE);
  await shot(page, 'portal-settings-mobile');
  await page.setViewportSize(DESKTOP);
});
