import { expect, test, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { login } from './helpers';

// The portal, the debtor page (/p/{token}, Go-rendered, no JavaScript) reached the way a debtor reaches it:
// from the button of a reminder that arrived in Mailpit, through the click-tracking redirect.
// Then everything the page offers, end to end: the statement (PDF and CSV), a question, a
// dispute, a promise to pay, new bank details (one wrong IBAN first), and what the dashboard's
// API then holds. Screenshots at phone and desktop widths go to e2e/test-results/.

test.describe.configure({ mode: 'serial' });

const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const MOBILE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const VALID_IBAN = 'FR7630006000011234567890189';
const WRONG_IBAN = 'FR7630006000011234567890188'; // one digit off: the mod-97 check fails

/** "YYYY-MM-DD", `days` from today. */
function isoFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** "dd/mm/yyyy" of an ISO day, as the French page writes it. */
function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

async function snap(page: Page, info: TestInfo, name: string, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true, animations: 'disabled' });
}

interface MailpitSummary {
  ID: string;
  Subject: string;
  To: { Address: string }[];
}

/**
 * The click-tracked link to the portal of a French reminder about several overdue invoices
 * that arrived in Mailpit (another spec works on Nordis: not that customer).
 */
async function reminderLink(): Promise<{ link: string; to: string; subject: string }> {
  const mailpit = process.env.MAILPIT_URL;
  if (!mailpit) throw new Error('MAILPIT_URL is not set (scripts/e2e.sh sets it)');
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const { messages } = (await (await fetch(`${mailpit}/api/v1/messages?limit=200`)).json()) as { messages: MailpitSummary[] };
    for (const m of messages) {
      const to = m.To[0]?.Address ?? '';
      if (!/^Rappel : \d+ factures échues$/.test(m.Subject) || to.includes('nordis')) continue;
      const { HTML } = (await (await fetch(`${mailpit}/api/v1/message/${m.ID}`)).json()) as { HTML: string };
      const href = /href="([^"]*\/t\/c\/[^"]+)"/.exec(HTML)?.[1]?.replaceAll('&amp;', '&');
      if (href && decodeURIComponent(new URL(href).searchParams.get('u') ?? '').includes('/p/')) {
        return { link: href, to, subject: m.Subject };
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('no reminder with a link to the portal arrived in Mailpit');
}

/** The row of an invoice in the page's table of open invoices. */
function invoiceRow(page: Page, number: string): Locator {
  return page.locator('table.invoices tbody tr').filter({ has: page.locator('.col-number', { hasText: number }) });
}

async function staffGet<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const res = await request.get(path, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status(), `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

test('from a reminder in Mailpit to the portal: statement, question, dispute, promise, bank details', async ({ page, context }, info) => {
  test.setTimeout(180_000);

  // The demo admin signs in; the planner runs now, outside the sending window, so reminders leave.
  await login(page);
  const token = await page.evaluate(() => window.sessionStorage.getItem('relance.access_token'));
  expect(token).toBeTruthy();
  const run = await page.request.post('/api/v1/dunning/run', {
    headers: { Authorization: `Bearer ${token}` },
    data: { ignore_window: true },
  });
  expect(run.status()).toBe(200);

  // A reminder that arrived in Mailpit; its button goes through /t/c/{token}?u=… to /p/{token}.
  const mail = await reminderLink();
  expect(mail.link).toMatch(/\/t\/c\/[A-Za-z0-9_-]+\?u=/);
  const portal = await context.newPage();
  const response = await portal.goto(mail.link);
  expect(response?.status()).toBe(200);
  expect(portal.url()).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
  const pageURL = portal.url();
  await expect(portal.getByRole('heading', { level: 1, name: 'Votre compte chez Démo SARL' })).toBeVisible();
  const rows = portal.locator('table.invoices tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(portal.locator('.due-amount')).toContainText('€');
  await snap(portal, info, 'portal-before-desktop', DESKTOP);
  await snap(portal, info, 'portal-before-mobile', MOBILE);
  await portal.setViewportSize(DESKTOP);

  // The statement: a PDF and a CSV for Excel, downloaded from #releve.
  const statement = portal.locator('#releve');
  const [pdf] = await Promise.all([portal.waitForEvent('download'), statement.getByRole('link', { name: 'Relevé PDF' }).click()]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await readFile(await pdf.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const [csv] = await Promise.all([
    portal.waitForEvent('download'),
    statement.getByRole('link', { name: 'Relevé pour Excel (CSV)' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const csvBytes = await readFile(await csv.path());
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 with a BOM, for Excel
  expect(csvBytes.toString('utf8')).toContain(';'); // French: semicolons
  for (const [file, type] of [
    ['statement.pdf', 'application/pdf'],
    ['statement.csv', 'text/csv'],
  ]) {
    const res = await portal.request.get(`${pageURL}/${file}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain(type);
    expect(res.headers()['content-disposition']).toMatch(/^attachment; filename=/);
  }

  // A question (#question), confirmed on the page after the redirect.
  const questionText = `Pouvez-vous m'envoyer le bon de livraison de la dernière facture ? (E2E ${RUN})`;
  const question = portal.locator('#question');
  await question.getByLabel('Votre question').fill(questionText);
  await question.getByRole('button', { name: 'Envoyer la question' }).click();
  await expect(portal).toHaveURL(/\?done=question#question$/);
  await expect(portal.locator('#question [role=status]')).toContainText('Votre question a bien été envoyée');

  // A dispute (#litige) on one invoice: the invoice then shows the disputed badge.
  const dispute = portal.locator('#litige');
  const disputedNumber = (await dispute.locator('.choices li strong').first().innerText()).trim();
  await dispute.locator('.choices li').filter({ hasText: disputedNumber }).getByRole('checkbox').check();
  await dispute.getByLabel('Motif').selectOption('wrong_amount');
  await dispute.getByLabel('Précisions').fill(`Le montant ne correspond pas au devis signé (E2E ${RUN}).`);
  await dispute.getByRole('button', { name: 'Signaler le litige' }).click();
  await expect(portal).toHaveURL(/\?done=dispute#litige$/);
  await expect(portal.locator('#litige [role=status]')).toContainText('Votre contestation est enregistrée');
  await expect(invoiceRow(portal, disputedNumber).locator('.badge')).toHaveText('En litige');
  await expect(invoiceRow(portal, disputedNumber)).toHaveClass(/row-disputed/);

  // A promise to pay (#promesse) another invoice, ten days from now (within the horizon).
  const promise = portal.locator('#promesse');
  const promisedOn = isoFromToday(10);
  const choices = promise.locator('.choices li');
  const promisedNumber = (await choices.filter({ hasNotText: disputedNumber }).first().locator('strong').innerText()).trim();
  await choices.filter({ hasText: promisedNumber }).getByRole('checkbox').check();
  await promise.getByLabel('Date de paiement').fill(promisedOn);
  await promise.getByRole('button', { name: 'Enregistrer la date' }).click();
  await expect(portal).toHaveURL(/\?done=promise#promesse$/);
  await expect(portal.locator('#promesse [role=status]')).toContainText('votre date de paiement est enregistrée');
  await expect(invoiceRow(portal, promisedNumber).locator('.badge')).toHaveText(`Promesse au ${frenchDate(promisedOn)}`);

  // New bank details (#coordonnees): a wrong IBAN comes back on its field, the values kept…
  const holder = `Comptabilité fournisseurs E2E ${RUN}`;
  let bank = portal.locator('#coordonnees');
  await bank.getByLabel('Titulaire du compte').fill(holder);
  await bank.getByLabel('IBAN').fill(WRONG_IBAN);
  await bank.getByRole('button', { name: 'Envoyer mes coordonnées' }).click();
  bank = portal.locator('#coordonnees');
  await expect(bank.locator('#b-iban-error')).toBeVisible();
  await expect(bank.getByLabel('IBAN')).toHaveAttribute('aria-invalid', 'true');
  await expect(bank.getByLabel('IBAN')).toHaveValue(WRONG_IBAN);
  await expect(bank.getByLabel('Titulaire du compte')).toHaveValue(holder);
  await expect(bank.locator('.error-summary')).toBeVisible();
  await bank.scrollIntoViewIfNeeded();
  await portal.setViewportSize(MOBILE);
  await bank.screenshot({ path: info.outputPath('portal-bank-error-mobile.png'), animations: 'disabled' });
  await portal.setViewportSize(DESKTOP);
  await bank.screenshot({ path: info.outputPath('portal-bank-error-desktop.png'), animations: 'disabled' });

  // …then the right one is taken, pending the staff's check.
  await bank.getByLabel('IBAN').fill(VALID_IBAN.replace(/(.{4})/g, '$1 ').trim());
  await bank.getByRole('button', { name: 'Envoyer mes coordonnées' }).click();
  await expect(portal).toHaveURL(/\?done=bank#coordonnees$/);
  await expect(portal.locator('#coordonnees [role=status]')).toContainText('Vos coordonnées ont été transmises');
  await expect(portal.locator('#b-iban-error')).toHaveCount(0);

  // The page after the forms: the flash at the top, the badges in the table.
  await portal.goto(pageURL);
  await expect(invoiceRow(portal, disputedNumber).locator('.badge')).toHaveText('En litige');
  await snap(portal, info, 'portal-after-desktop', DESKTOP);
  await snap(portal, info, 'portal-after-mobile', MOBILE);

  // The dashboard's API holds the question, the dispute, the promise and the pending bank change.
  const questions = await staffGet<{ items: { message: string; status: string; customer_id: string; contact_email: string }[] }>(
    page.request, token!, `/api/v1/portal/questions?q=${encodeURIComponent(`E2E ${RUN}`)}`);
  expect(questions.items).toHaveLength(1);
  expect(questions.items[0]).toMatchObject({ message: questionText, status: 'open', contact_email: mail.to });
  const customerID = questions.items[0].customer_id;

  const disputes = await staffGet<{ items: { source: string; status: string; reason: string; comment: string; invoices: { number: string }[] }[] }>(
    page.request, token!, `/api/v1/disputes?customer_id=${customerID}&status=open`);
  const ours = disputes.items.filter((d) => d.comment.includes(`E2E ${RUN}`));
  expect(ours).toHaveLength(1);
  expect(ours[0]).toMatchObject({ source: 'portal', status: 'open', reason: 'wrong_amount' });
  expect(ours[0].invoices.map((i) => i.number)).toEqual([disputedNumber]);

  const promises = await staffGet<{ items: { source: string; status: string; promised_on: string; invoices: { number: string }[] }[] }>(
    page.request, token!, `/api/v1/promises?customer_id=${customerID}&status=open`);
  const promised = promises.items.filter((p) => p.source === 'portal' && p.promised_on === promisedOn);
  expect(promised).toHaveLength(1);
  expect(promised[0].invoices.map((i) => i.number)).toEqual([promisedNumber]);

  const changes = await staffGet<{ items: { holder: string; iban: string; status: string; country: string }[] }>(
    page.request, token!, `/api/v1/bank-detail-changes?customer_id=${customerID}&status=pending`);
  const change = changes.items.filter((c) => c.holder === holder);
  expect(change).toHaveLength(1);
  expect(change[0]).toMatchObject({ iban: VALID_IBAN, status: 'pending', country: 'FR' });
  expect(changes.items.some((c) => c.iban === WRONG_IBAN)).toBe(false);
});
