import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { login, pickLanguage, shot } from './helpers';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

const MOBILE = { width: 390, height: 844 };

test.describe.configure({ mode: 'serial' });

const RUN = Date.now().toString(36).slice(-5).toUpperCase();

/** "dd/mm/yyyy", `days` from today. */
function dayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
}

/**
 * A full-page screenshot of a page holding a sandboxed srcdoc frame (the email previews): Chromium
 * does not always report network idle for such frames, so wait for the page's load and the data
 * the test already checked instead.
 */
async function snap(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

async function openScenario(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Relances', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Relances', exact: true })).toBeVisible();
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
}

test('edit the D+7 step of the Standard B2B scenario and see the preview follow', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page);
  await pickLanguage(page, 'FR');

  // The list: the three scenarios every organisation starts with, the default first.
  await page.getByRole('navigation').getByRole('link', { name: 'Relances', exact: true }).click();
  const standard = page.getByRole('row').filter({ hasText: 'Standard B2B' });
  await expect(standard).toContainText('Par défaut');
  await expect(standard).toContainText('J-15');
  await expect(standard).toContainText('J+120');
  await expect(page.getByRole('row').filter({ hasText: 'Grands comptes' })).toBeVisible();
  await shot(page, 'dunning-scenarios-desktop');

  await openScenario(page, 'Standard B2B');
  const steps = page.getByTestId('timeline-step');
  await expect(steps).toHaveCount(9);
  await expect(steps.first()).toHaveAccessibleName('J-15 · Préventive · E-mail');
  await expect(steps.last()).toHaveAccessibleName('J+120 · Contentieux · E-mail');
  await expect(page.getByTestId('timeline-d0')).toBeVisible();

  await page.getByRole('button', { name: 'J+7 · Relance · E-mail' }).click();
  await expect(page.getByRole('heading', { name: 'Étape J+7' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Français' })).toHaveAttribute('aria-selected', 'true');

  // The preview is the server's rendering with a real customer's data.
  const frame = page.getByTestId('preview-frame');
  await expect(frame).toHaveAttribute('srcdoc', /<html/i);
  await expect(page.getByTestId('preview-subject')).not.toContainText('{{');
  const before = await frame.getAttribute('srcdoc');
  await snap(page, 'dunning-editor-desktop');
  await page.getByTestId('template-preview').screenshot({ path: path.join(SCREENSHOTS, 'dunning-preview-desktop.png'), animations: 'disabled' });

  // Edit the French body: the preview follows.
  const body = page.getByRole('textbox', { name: 'Message' });
  await body.click();
  await body.press('Control+End');
  await body.pressSequentially(`\n\nRéférence E2E-${RUN} pour `);
  await page.getByRole('button', { name: 'Insérer une variable' }).click();
  await page.getByRole('menuitem', { name: /\{\{customer_name\}\}/ }).click();
  await expect(body).toHaveValue(new RegExp(`Référence E2E-${RUN} pour \\{\\{customer_name\\}\\}$`));
  await expect(frame).toHaveAttribute('srcdoc', new RegExp(`Référence E2E-${RUN} pour`));
  const after = (await frame.getAttribute('srcdoc')) ?? '';
  expect(after).not.toBe(before);
  expect(after).not.toContain('{{customer_name}}');
  await expect(page.frameLocator('[data-testid=preview-frame]').getByText(`Référence E2E-${RUN} pour`)).toBeVisible();
  await page.getByRole('tab', { name: 'Version texte' }).click();
  await expect(page.getByTestId('preview-text')).toContainText(`Référence E2E-${RUN} pour`);
  await page.getByRole('tab', { name: 'E-mail', exact: true }).click();

  // An unknown variable: the server names the field, the editor shows it on the step's body.
  await body.pressSequentially(' {{montant_du}}');
  await page.getByRole('button', { name: 'J-15 · Préventive · E-mail' }).click();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { name: 'Étape J+7' })).toBeVisible();
  await expect(body).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: /^J\+7 · Relance · E-mail · à corriger$/ })).toBeVisible();
  await snap(page, 'dunning-editor-error-desktop');

  // Fix it and save: the change is kept.
  await body.press('Control+End');
  for (let i = 0; i < ' {{montant_du}}'.length; i++) await body.press('Backspace');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Le scénario « Standard B2B » a été enregistré.')).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'J+7 · Relance · E-mail' }).click();
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue(new RegExp(`Référence E2E-${RUN} pour \\{\\{customer_name\\}\\}$`));

  // The same editor on a phone.
  await page.setViewportSize(MOBILE);
  await page.reload();
  await expect(page.getByTestId('preview-frame')).toHaveAttribute('srcdoc', /<html/i);
  await snap(page, 'dunning-editor-mobile');
  await page.goto('/dunning');
  await expect(page.getByTestId('scenario-cards')).toContainText('Standard B2B');
  await shot(page, 'dunning-scenarios-mobile');
});

test('run the planner from the outbox and see the emails it sent', async ({ page }) => {
  test.setTimeout(180_000);
  await login(page);
  await pickLanguage(page, 'FR');
  await page.getByRole('navigation').getByRole('link', { name: 'Envois' }).click();
  await expect(page.getByRole('heading', { name: "Boîte d'envoi" })).toBeVisible();
  await expect(page.getByTestId('tomorrow')).toBeVisible();

  // Two weeks ahead, outside the sending window: the steps now due go at once.
  await page.getByRole('button', { name: 'Lancer le planificateur' }).click();
  const dialog = page.getByRole('dialog', { name: 'Lancer le planificateur maintenant' });
  const asOf = dialog.getByRole('textbox', { name: 'À la date du' });
  await asOf.fill(dayFromToday(14));
  await asOf.press('Tab');
  await expect(dialog.getByRole('checkbox', { name: "Envoyer sans attendre la plage d'envoi" })).toBeChecked();
  await dialog.getByRole('button', { name: 'Lancer', exact: true }).click();
  const result = dialog.getByTestId('run-result');
  await expect(result).toContainText(/\d+ relances? planifiées?/);
  const planned = Number(/(\d+) relances? planifiées?/.exec((await result.textContent()) ?? '')?.[1] ?? 0);
  expect(planned).toBeGreaterThan(0);
  await expect(dialog.getByTestId('planned-list')).toBeVisible();
  await shot(page, 'dunning-run-desktop');
  await dialog.getByRole('button', { name: 'Fermer' }).click();

  // The emails leave: the outbox lists them as sent (or opened), with their Message-ID.
  await page.goto('/dunning/outbox?status=sent&channel=email');
  const table = page.getByTestId('outbox-table');
  await expect
    .poll(
      async () => {
        await page.reload();
        await expect(table).toBeVisible();
        return table.locator('tbody tr').filter({ hasText: /Envoyé|Ouvert|Cliqué/ }).count();
      },
      { timeout: 45_000, intervals: [1000, 2000, 3000] },
    )
    .toBeGreaterThan(0);
  await shot(page, 'dunning-outbox-desktop');

  const row = table.locator('tbody tr').filter({ hasText: /Envoyé|Ouvert|Cliqué/ }).first();
  await row.getByRole('cell').last().click();
  const detail = page.getByTestId('action-detail');
  await expect(detail).toContainText('Message-ID');
  await expect(detail.getByTestId('sent-html')).toHaveAttribute('srcdoc', /<html/i);
  await snap(page, 'dunning-outbox-detail-desktop');

  // Mailpit received them.
  const mailpit = process.env.MAILPIT_URL;
  if (mailpit) {
    const res = (await (await fetch(`${mailpit}/api/v1/messages`)).json()) as { total: number };
    expect(res.total).toBeGreaterThan(0);
  }

  // The customer and the invoice say what comes next.
  const customerName = (await detail.getByRole('link').first().textContent()) ?? '';
  await detail.getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: customerName })).toBeVisible();
  const card = page.locator('#dunning');
  await expect(card.getByTestId('dunning-explanation')).toBeVisible();
  await expect(card.getByTestId('next-actions')).toBeVisible();
  await shot(page, 'dunning-customer-desktop');
  await page.setViewportSize(MOBILE);
  await shot(page, 'dunning-customer-mobile');
  await card.screenshot({ path: path.join(SCREENSHOTS, 'dunning-customer-card-mobile.png'), animations: 'disabled' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Phone: the outbox as cards.
  await page.goto('/dunning/outbox');
  await page.setViewportSize(MOBILE);
  await expect(page.getByTestId('action-cards')).toBeVisible();
  await shot(page, 'dunning-outbox-mobile');
  await page.getByTestId('action-cards').screenshot({ path: path.join(SCREENSHOTS, 'dunning-outbox-cards-mobile.png'), animations: 'disabled' });
});

test('an overdue invoice shows its next steps and penalties; settings have a Relances tab', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page);
  await pickLanguage(page, 'FR');
  await page.goto('/invoices?overdue=true');
  await page.getByRole('row').nth(1).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /^Facture / })).toBeVisible();
  const card = page.locator('#dunning');
  await expect(card.getByTestId('dunning-explanation')).toBeVisible();
  await expect(card.getByTestId('penalties')).toContainText('Indemnité forfaitaire');
  await shot(page, 'dunning-invoice-desktop');
  await page.setViewportSize(MOBILE);
  await shot(page, 'dunning-invoice-mobile');
  await card.screenshot({ path: path.join(SCREENSHOTS, 'dunning-invoice-card-mobile.png'), animations: 'disabled' });
  await page.setViewportSize({ width: 1440, height: 900 });

  await page.goto('/settings/dunning');
  await expect(page.getByRole('tab', { name: 'Relances' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('effective-rate')).toContainText('%');
  await shot(page, 'dunning-settings-desktop');
  await page.setViewportSize(MOBILE);
  await shot(page, 'dunning-settings-mobile');
});
