import { expect, test, type Page } from '@playwright/test';
import { login, pickLanguage, shot } from './helpers';

test.describe.configure({ mode: 'serial' });

/** "YYYY-MM-DD" and "dd/mm/yyyy" of the day `days` days before today (browser time zone, Europe/Paris). */
function daysAgo(days: number): { iso: string; typed: string } {
  const d = new Date();
  d.setDate(d.getDate() - days);
  const [y, m, day] = [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'), String(d.getDate()).padStart(2, '0')];
  return { iso: `${y}-${m}-${day}`, typed: `${day}/${m}/${y}` };
}

const tile = (page: Page, label: string) => page.getByTestId('cockpit-tiles').locator('.mantine-Paper-root').filter({ hasText: label });

test('the cockpit with the demo: figures in euros, aging and DSO charts, no first steps', async ({ page }) => {
  await login(page);
  await pickLanguage(page, 'FR');
  await expect(page.getByRole('heading', { name: /^Bonjour/ })).toBeVisible();

  await expect(tile(page, 'Encours clients')).toContainText(/\d[\d\u202f\u00a0 ]*,\d{2}\u00a0€/);
  await expect(tile(page, 'Encours clients')).toContainText(/\d+ factures ouvertes/);
  await expect(tile(page, 'Échu')).toContainText("de l'encours");
  await expect(tile(page, 'DSO (épuisement)')).toContainText(/jours?/);
  await expect(tile(page, 'DSO (épuisement)')).toContainText('par rapport au mois dernier');
  for (const label of ['Meilleur DSO possible', 'Efficacité du recouvrement', 'Encaissé ce mois-ci', 'Promis', 'En litige']) {
    await expect(tile(page, label)).toBeVisible();
  }
  await expect(page.getByTestId('aging-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('dso-chart').locator('.recharts-line-curve')).toBeVisible();
  await expect(page.getByText('Pour commencer')).toHaveCount(0);
  await shot(page, 'cockpit-analytics-fr-desktop');
});

test('an aging bar opens the invoice list filtered to that bucket', async ({ page }) => {
  await login(page);
  await pickLanguage(page, 'FR');
  // The first bar is what is not yet due: the demo always has some.
  await expect(page.getByTestId('aging-not_due')).toContainText(/[1-9]\d* factures?/);
  const count = /(\d+) factures?/.exec(await page.getByTestId('aging-not_due').innerText())![1];
  await page.getByTestId('aging-chart').locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/\/invoices\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('status')).toBe('open,partially_paid');
  expect(url.searchParams.get('due_from')).toBe(daysAgo(0).iso);
  expect(url.searchParams.get('due_to')).toBeNull();
  // As of today, the list holds exactly the bucket's invoices.
  await expect(page.getByText(new RegExp(`sur ${count}$`))).toBeVisible();
  await shot(page, 'cockpit-aging-not-due-invoices');

  // Each bucket's line under the chart opens the same list for its due dates.
  await page.goBack();
  await page.getByTestId('aging-1_30').click();
  const late = new URL(page.url());
  expect(late.searchParams.get('due_from')).toBe(daysAgo(30).iso);
  expect(late.searchParams.get('due_to')).toBe(daysAgo(1).iso);
});

test('an "as of" date changes the figures and is kept in the URL', async ({ page }) => {
  await login(page);
  await pickLanguage(page, 'FR');
  // The amount of the receivables tile ("657 072,00 €").
  const receivables = tile(page, 'Encours clients').getByText(/,\d{2}\s€$/);
  await expect(receivables).toBeVisible();
  const before = await receivables.innerText();

  const past = daysAgo(120);
  const field = page.getByLabel('À la date du');
  await field.fill(past.typed);
  await field.press('Tab');
  await expect(page).toHaveURL(new RegExp(`as_of=${past.iso}`));
  await expect(page.getByTestId('as-of-note')).toBeVisible();
  await expect(receivables).not.toHaveText(before);
  await shot(page, 'cockpit-as-of-fr-desktop');

  // Reloaded, the page stays on that day.
  await page.reload();
  await expect(page.getByLabel('À la date du')).toHaveValue(past.typed);
  await page.getByRole('button', { name: "Aujourd'hui" }).click();
  await expect(page).not.toHaveURL(/as_of=/);
  await expect(receivables).toHaveText(before);
});
