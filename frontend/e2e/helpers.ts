import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO = { email: 'demo@relance.test', password: 'relance-demo', organization: 'Démo SARL' };

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** Saves a full-page screenshot to e2e/screenshots/<name>.png (gitignored). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Logs in through the form (French UI) and waits for the cockpit. */
export async function login(page: Page, email = DEMO.email, password = DEMO.password): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** Clicks a choice of the FR/EN switcher in the header. */
export async function pickLanguage(page: Page, code: 'FR' | 'EN'): Promise<void> {
  await page.getByRole('banner').getByText(code, { exact: true }).click();
}

interface MailpitMessage {
  ID: string;
  Subject: string;
  To: { Address: string }[];
}

/** Waits until Mailpit holds a message to `address`, and returns it with its text body. */
export async function waitForMail(address: string, timeoutMs = 20_000): Promise<MailpitMessage & { Text: string }> {
  const base = process.env.MAILPIT_URL;
  if (!base) throw new Error('MAILPIT_URL is not set (scripts/e2e.sh sets it)');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/api/v1/messages`);
    const { messages } = (await res.json()) as { messages: MailpitMessage[] };
    const found = messages.find((m) => m.To.some((to) => to.Address.toLowerCase() === address.toLowerCase()));
    if (found) {
      const full = (await (await fetch(`${base}/api/v1/message/${found.ID}`)).json()) as { Text: string };
      return { ...found, Text: full.Text };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no email to ${address} arrived in Mailpit within ${timeoutMs} ms`);
}
