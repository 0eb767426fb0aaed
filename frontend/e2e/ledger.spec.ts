import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { login, pickLanguage, shot } from './helpers';

const MOBILE = { width: 390, height: 844 };

test.describe.configure({ mode: 'serial' });

// Unique names per run, so that the tests can run again on the same database.
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const CUSTOMER = `Fromagerie Dubois ${RUN}`;
const OTHER = `Garage des Alpes ${RUN}`;
const UNKNOWN = `Pâtisserie Lemoine ${RUN}`; // only in the invoice file: the import creates it
const INVOICE = `E2E-${RUN}-001`;

/** A small file as French accounting software exports it: ";", decimal commas, dd/mm/yyyy, Latin-1. */
function latin1(text: string): Buffer {
  return Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');
}

const CUSTOMERS_CSV = latin1(
  [
    'Code client;Raison sociale;SIREN;E-mail;Téléphone;Adresse;Code postal;Ville;Délai de paiement',
    `C-${RUN}-1;${CUSTOMER};732829320;compta@fromagerie-dubois.fr;04 78 12 34 56;12 rue des Halles;69002;Lyon;30`,
    `C-${RUN}-2;${OTHER};;atelier@garage-alpes.fr;;3 route de Chambéry;73000;Chambéry;45`,
  ].join('\n') + '\n',
);

const INVOICES_CSV = latin1(
  [
    'N° facture;Client;Date facture;Échéance;Montant TTC;TVA',
    `${INVOICE};${CUSTOMER};15/01/2026;14/02/2026;1 234,56;205,76`,
    `E2E-${RUN}-002;${CUSTOMER};02/03/2026;01/04/2026;480,00;80,00`,
    `E2E-${RUN}-003;${OTHER};20/01/2026;06/03/2026;980,00;163,33`,
    `E2E-${RUN}-004;${UNKNOWN};05/02/2026;07/03/2026;2 400,00;400,00`,
  ].join('\n') + '\n',
);

/** The smallest real PDF: one page with one line of text, with a correct cross-reference table. */
function tinyPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 24 Tf 72 760 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Runs the import wizard on a file, from the upload to the report. */
async function importFile(page: Page, kind: 'Clients' | 'Factures', name: string, buffer: Buffer, expected: { toCreate: number }, shots?: string) {
  await expect(page.getByRole('heading', { name: 'Nouvel import' })).toBeVisible();
  await page.getByRole('main').getByText(kind, { exact: true }).click();
  await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });

  // Step 2: the columns were matched from the French headers; the file reads as Latin-1 with ";".
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('textbox', { name: 'Encodage' })).toHaveValue('ISO-8859-1');
  await expect(page.getByRole('textbox', { name: 'Séparateur' })).toHaveValue('Point-virgule ;');
  await expect(page.getByText('Chaque champ obligatoire a sa colonne.')).toBeVisible();
  if (shots) await shot(page, `${shots}-mapping-desktop`);
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();

  // Step 3: the dry run.
  await expect(page.getByTestId('count-to-create')).toHaveText(String(expected.toCreate));
  await expect(page.getByTestId('count-bad-rows')).toHaveText('0');
  if (shots) await shot(page, `${shots}-preview-desktop`);
  await page.getByRole('button', { name: /^Importer \d+ lignes?$/ }).click();

  // Step 4: the progress bar, then the report.
  await expect(page.getByTestId('import-progress').or(page.getByTestId('import-report'))).toBeVisible();
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(report.getByText('Import terminé')).toBeVisible();
  await expect(page.getByTestId('count-created')).toHaveText(String(expected.toCreate));
  if (shots) await shot(page, `${shots}-report-desktop`);
}

test('import customers then invoices through the wizard, see progress and report', async ({ page }) => {
  await login(page);
  await pickLanguage(page, 'FR');

  // The demo has invoices, so the cockpit shows figures, not the first steps: imports start from their page.
  await page.getByRole('navigation').getByRole('link', { name: 'Imports' }).click();
  await page.getByRole('link', { name: 'Nouvel import' }).click();
  await importFile(page, 'Clients', 'clients.csv', CUSTOMERS_CSV, { toCreate: 2 }, 'import-customers');

  await page.getByRole('link', { name: 'Importer un autre fichier' }).click();
  await expect(page).toHaveURL(/\/imports\/new$/);
  await importFile(page, 'Factures', 'factures.csv', INVOICES_CSV, { toCreate: 4 }, 'import-invoices');
  await expect(page.getByText('1 client a été créé à partir de son nom.')).toBeVisible();

  // The history lists both imports.
  await page.getByRole('navigation').getByRole('link', { name: 'Imports' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'factures.csv' }).first()).toContainText('Terminé');
  await shot(page, 'imports-desktop');

  // The same file again changes nothing.
  await page.getByRole('link', { name: 'Nouvel import' }).click();
  await page.getByRole('main').getByText('Factures', { exact: true }).click();
  await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles({ name: 'factures.csv', mimeType: 'text/csv', buffer: INVOICES_CSV });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByTestId('count-unchanged')).toHaveText('4');
  await expect(page.getByText('Tout ce fichier est déjà dans Relance : rien à importer.')).toBeVisible();
});

test('find the imported customer, fix a data problem, open an invoice, upload and download its PDF, record a payment', async ({ page }) => {
  await login(page);
  await pickLanguage(page, 'FR');
  await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('textbox', { name: /Rechercher par nom/ }).fill(RUN);
  // The 2 imported customers, and the one the invoice import created from its name.
  for (const name of [CUSTOMER, OTHER, UNKNOWN]) await expect(page.getByRole('link', { name })).toBeVisible();
  await shot(page, 'customers-desktop');

  // The customer created from an invoice has only a name: its record is incomplete.
  const unknown = page.getByRole('row').filter({ hasText: UNKNOWN });
  await expect(unknown.getByLabel(/problèmes? de données/)).toBeVisible();
  await page.getByRole('link', { name: UNKNOWN }).click();
  const problems = page.getByTestId('data-problems');
  await expect(problems).toContainText('Aucune adresse e-mail pour envoyer les relances');
  await shot(page, 'customer-incomplete-desktop');
  // "Add a contact" fixes the first problem.
  await problems.getByRole('button', { name: 'Ajouter un contact' }).click();
  const contact = page.getByRole('dialog', { name: 'Ajouter un contact' });
  await contact.getByLabel('Nom').fill('Sophie Lemoine');
  await contact.getByLabel('E-mail').fill('sophie@patisserie-lemoine.fr');
  await contact.getByLabel('Téléphone').fill('06 12 34 56 78');
  await contact.getByRole('button', { name: 'Ajouter un contact' }).click();
  await expect(contact).toBeHidden();
  await expect(page.getByRole('row').filter({ hasText: 'sophie@patisserie-lemoine.fr' })).toContainText('+33612345678');
  await expect(problems).not.toContainText('Aucune adresse e-mail');
  await expect(page.getByTestId('timeline')).toContainText('Contact Sophie Lemoine ajouté');

  // The imported customer: figures and invoices.
  await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('textbox', { name: /Rechercher par nom/ }).fill(CUSTOMER);
  await page.getByRole('link', { name: CUSTOMER }).click();
  await expect(page.getByRole('heading', { name: CUSTOMER })).toBeVisible();
  await expect(page.getByText('SIREN 732829320')).toBeVisible();
  await expect(page.getByText(/^1\s714,56\s€$/).first()).toBeVisible(); // balance: 1 234,56 + 480,00
  await shot(page, 'customer-desktop');

  // The invoice page; the import brought no PDF: upload one.
  await page.getByRole('link', { name: INVOICE }).click();
  await expect(page.getByRole('heading', { name: `Facture ${INVOICE}` })).toBeVisible();
  await expect(page.getByText('Pas encore de PDF pour cette facture')).toBeVisible();
  const pdf = tinyPdf(`Facture ${INVOICE}`);
  const pdfResponse = page.waitForResponse((r) => r.url().endsWith('/pdf') && r.request().method() === 'GET');
  await page.getByTestId('pdf-dropzone').locator('input[type=file]').setInputFiles({ name: `${INVOICE}.pdf`, mimeType: 'application/pdf', buffer: pdf });
  await expect(page.getByText(`Le PDF de ${INVOICE} a été enregistré.`)).toBeVisible();
  const fetched = await pdfResponse;
  expect(fetched.headers()['content-type']).toContain('application/pdf');
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '1');
  await expect(page.getByTestId('timeline')).toContainText(`PDF de la facture ${INVOICE} ajouté`);
  await shot(page, 'invoice-desktop');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${INVOICE}.pdf`);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.equals(pdf)).toBe(true);

  // Record a payment from the invoice: prefilled with the balance, allocated to this invoice.
  await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
  const pay = page.getByRole('dialog', { name: `Paiement de ${CUSTOMER}` });
  await expect(pay.getByLabel('Montant', { exact: false }).first()).toHaveValue('1 234,56');
  await pay.getByLabel('Montant', { exact: false }).first().fill('1 000');
  await pay.getByLabel(`Montant imputé sur ${INVOICE}`).fill('1 200');
  await expect(pay.getByTestId('remaining-to-allocate')).toHaveText(/^Imputation dépassée de 200,00\s€$/);
  await pay.getByRole('button', { name: /^Enregistrer 1\s000,00\s€$/ }).click();
  await expect(pay.getByText('Vous imputez plus que le montant du paiement.')).toBeVisible();
  await pay.getByLabel(`Montant imputé sur ${INVOICE}`).fill('1 000');
  await expect(pay.getByTestId('remaining-to-allocate')).toHaveText('Entièrement imputé');
  await pay.getByLabel('Référence').fill(`VIR ${INVOICE}`);
  await shot(page, 'payment-modal-desktop');
  await pay.getByRole('button', { name: /^Enregistrer 1\s000,00\s€$/ }).click();
  await expect(pay).toBeHidden();
  await expect(page.getByRole('heading', { name: `Facture ${INVOICE}` }).locator('..')).toContainText('Partiellement réglée');
  await expect(page.getByRole('row').filter({ hasText: `VIR ${INVOICE}` })).toContainText(/1\s000,00\s€/);

  // Mobile: the same pages on a phone.
  await page.setViewportSize(MOBILE);
  await page.reload();
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '1');
  await shot(page, 'invoice-fr-mobile');
  await page.goto('/customers');
  await expect(page.getByTestId('customer-cards').getByRole('link').first()).toBeVisible();
  await shot(page, 'customers-fr-mobile');
  await page.goto(`/invoices?q=${RUN}`);
  await page.getByRole('textbox', { name: /Rechercher par numéro/ }).fill(`E2E-${RUN}`);
  await expect(page.getByTestId('invoice-cards').getByRole('link', { name: new RegExp(INVOICE) })).toBeVisible();
  await shot(page, 'invoices-fr-mobile');
  await page.getByRole('link', { name: new RegExp(INVOICE) }).click();
  // Wait for the invoice page: until then the list's cards also name the customer.
  await expect(page.getByRole('heading', { name: `Facture ${INVOICE}` })).toBeVisible();
  await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
  await expect(page.getByRole('heading', { name: CUSTOMER })).toBeVisible();
  await shot(page, 'customer-fr-mobile');
  await page.goto('/imports/new');
  await shot(page, 'import-fr-mobile');
});

test('invoices list: filters, status badges, English', async ({ page }) => {
  await login(page);
  await pickLanguage(page, 'EN');
  await page.getByRole('navigation').getByRole('link', { name: 'Invoices' }).click();
  await page.getByRole('textbox', { name: 'Search by number or customer' }).fill(`E2E-${RUN}`);
  for (let n = 1; n <= 4; n++) await expect(page.getByRole('link', { name: `E2E-${RUN}-00${n}` })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: INVOICE })).toContainText('Partially paid');
  // Every invoice of the file is long overdue: red "N days overdue" badges.
  await expect(page.getByRole('row').filter({ hasText: `E2E-${RUN}-004` })).toContainText(/\d+ days overdue/);
  await page.getByRole('button', { name: /Balance/ }).click();
  await expect(page).toHaveURL(/\/invoices/);
  await shot(page, 'invoices-en-desktop');

  await page.getByRole('button', { name: 'New invoice' }).click();
  const newInvoice = page.getByRole('dialog', { name: 'New invoice' });
  await newInvoice.getByRole('textbox', { name: /^Customer/ }).fill(CUSTOMER.slice(0, 10));
  await page.getByRole('option', { name: CUSTOMER }).click();
  await newInvoice.getByLabel('Number').fill(`E2E-${RUN}-005`);
  await newInvoice.getByLabel('Total (tax incl.)').fill('1,500.00');
  await newInvoice.locator('input[type=file]').setInputFiles({ name: 'f5.pdf', mimeType: 'application/pdf', buffer: tinyPdf('F5') });
  await shot(page, 'new-invoice-en-desktop');
  await newInvoice.getByRole('button', { name: 'Create the invoice' }).click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: `Invoice E2E-${RUN}-005` })).toBeVisible();
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '1');

  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'New customer' }).click();
  await expect(page.getByRole('dialog', { name: 'New customer' })).toBeVisible();
  await shot(page, 'new-customer-en-desktop');
  await page.keyboard.press('Escape');

  await page.goto('/');
  await expect(page.getByTestId('tile-incomplete')).toBeVisible();
  await shot(page, 'cockpit-ledger-en-desktop');
});

test('segments, reversing a payment (the invoice is due again), allocating the rest, editing an invoice, phone pagination', async ({ page }) => {
  const SECOND = `E2E-${RUN}-002`;
  await login(page);
  await pickLanguage(page, 'FR');

  // The segment filter offers the segments in use (the demo has "Collectivité" customers).
  await page.getByRole('navigation').getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('textbox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'Collectivité' }).click();
  await expect(page).toHaveURL(/segment=Collectivit/);
  const rows = page.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(rows.first()).toContainText('Collectivité');
  await expect(rows.filter({ hasNotText: 'Collectivité' })).toHaveCount(0);
  await shot(page, 'customers-segment-desktop');

  // A payment the reference ties to the second invoice, then reversed: the bank rejected it.
  await page.goto('/customers');
  await page.getByRole('textbox', { name: /Rechercher par nom/ }).fill(CUSTOMER);
  await page.getByRole('link', { name: CUSTOMER }).click();
  await expect(page.getByRole('heading', { name: CUSTOMER })).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
  const pay = page.getByRole('dialog', { name: `Paiement de ${CUSTOMER}` });
  await pay.getByLabel('Montant', { exact: false }).first().fill('480');
  await pay.getByLabel('Référence').fill(`VIR ${SECOND}`);
  await pay.getByRole('button', { name: /^Enregistrer 480,00\s€$/ }).click();
  await expect(pay).toBeHidden();
  const payments = page.getByTestId('customer-payments');
  const row = payments.getByRole('row').filter({ hasText: `VIR ${SECOND}` });
  await expect(row.getByRole('link', { name: SECOND })).toHaveAttribute('href', /\/invoices\/[0-9a-f-]{36}$/);
  await expect(row).toContainText(/480,00\s€.*480,00\s€/);

  await row.getByRole('button', { name: /Actions sur le paiement de 480,00\s€/ }).click();
  await page.getByRole('menuitem', { name: 'Annuler le paiement' }).click();
  const reverse = page.getByRole('dialog', { name: /Annuler le paiement de 480,00\s€/ });
  await expect(reverse.getByTestId('reverse-due-again')).toContainText(SECOND);
  await reverse.getByLabel('Motif').fill('Virement rejeté par la banque');
  await shot(page, 'payment-reverse-desktop');
  await reverse.getByRole('button', { name: 'Annuler le paiement' }).click();
  await expect(reverse).toBeHidden();
  await expect(page.getByText(`${SECOND} est de nouveau due.`)).toBeVisible();
  await expect(row).toContainText('Annulé');
  await expect(row).toContainText('Motif : Virement rejeté par la banque');
  await expect(row.getByRole('button', { name: /Actions sur le paiement/ })).toHaveCount(0);

  // A cheque kept as credit, then its rest allocated automatically (oldest invoice first).
  await page.getByRole('button', { name: 'Enregistrer un paiement' }).click();
  await pay.getByLabel('Montant', { exact: false }).first().fill('100');
  await pay.getByLabel('Référence').fill(`CHQ ${RUN}`);
  await pay.getByText('Plus tard').click();
  await pay.getByRole('button', { name: /^Enregistrer 100,00\s€$/ }).click();
  await expect(pay).toBeHidden();
  const cheque = payments.getByRole('row').filter({ hasText: `CHQ ${RUN}` });
  await expect(cheque).toContainText('Non imputé');
  await cheque.getByRole('button', { name: /Actions sur le paiement de 100,00\s€/ }).click();
  await page.getByRole('menuitem', { name: 'Imputer le reste' }).click();
  const rest = page.getByRole('dialog', { name: 'Imputer le reste du paiement' });
  await expect(rest).toContainText(/Ce paiement de 100,00\s€ reçu le .+ n'est encore imputé sur aucune facture\./);
  await shot(page, 'payment-allocate-rest-desktop');
  await rest.getByRole('button', { name: 'Imputer automatiquement' }).click();
  await expect(rest).toBeHidden();
  await expect(cheque.getByRole('link', { name: INVOICE })).toBeVisible();
  await expect(cheque).not.toContainText('Non imputé');
  await shot(page, 'customer-payments-desktop');

  // The reversed payment's invoice is due again, in full.
  await page.getByTestId('customer-payments').scrollIntoViewIfNeeded();
  await page.getByRole('link', { name: SECOND }).first().click();
  await expect(page.getByRole('heading', { name: `Facture ${SECOND}` })).toBeVisible();
  const header = page.getByRole('heading', { name: `Facture ${SECOND}` }).locator('..');
  await expect(header).toContainText(/En retard de \d+\sj/);
  await expect(header).not.toContainText('Partiellement réglée');
  await expect(page.getByText('Rien n\'a encore été imputé sur cette facture.')).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText(/Paiement de 480,00\s€ annulé/);

  // Editing a partly paid invoice: customer and total are read-only.
  await page.goto(`/invoices?q=${INVOICE}`);
  await page.getByRole('textbox', { name: /Rechercher par numéro/ }).fill(INVOICE);
  await page.getByRole('link', { name: INVOICE, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Facture ${INVOICE}` })).toBeVisible();
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '1');
  await page.getByTestId('settlements').getByRole('button', { name: /Actions sur le paiement de 1\s000,00\s€/ }).click();
  await expect(page.getByRole('menuitem', { name: 'Annuler le paiement' })).toBeVisible();
  await shot(page, 'invoice-settlement-menu-desktop');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Plus', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Modifier la facture' }).click();
  const edit = page.getByRole('dialog', { name: `Modifier la facture ${INVOICE}` });
  await expect(edit.getByTestId('invoice-locked')).toBeVisible();
  await expect(edit.getByLabel('Total TTC', { exact: false })).toHaveAttribute('readonly', '');
  await edit.getByLabel('Notes').fill('Livraison du 14 janvier');
  await shot(page, 'invoice-edit-desktop');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText(`La facture ${INVOICE} a été enregistrée.`)).toBeVisible();
  await expect(page.getByText('Livraison du 14 janvier')).toBeVisible();

  // On a phone, 600 invoices page on one line.
  await page.setViewportSize(MOBILE);
  await page.goto('/invoices');
  const footer = page.getByTestId('list-footer');
  await expect(footer.getByRole('button', { name: '2', exact: true })).toBeVisible();
  expect((await footer.boundingBox())!.height).toBeLessThan(56);
  expect(await footer.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await footer.getByRole('button', { name: '2', exact: true }).click();
  await expect(footer).toContainText(/21–40 sur \d+/);
  expect((await footer.boundingBox())!.height).toBeLessThan(56);
  await shot(page, 'invoices-pagination-fr-mobile');
  await page.goto('/customers');
  await expect(page.getByTestId('list-footer')).toBeVisible();
  await shot(page, 'customers-pagination-fr-mobile');
  await page.getByRole('textbox', { name: /Rechercher par nom/ }).fill(CUSTOMER);
  await page.getByRole('link', { name: new RegExp(CUSTOMER) }).click();
  await expect(page.getByRole('heading', { name: CUSTOMER })).toBeVisible();
  const phonePayments = page.getByTestId('customer-payments');
  await expect(phonePayments).toContainText('Motif : Virement rejeté par la banque');
  await expect(phonePayments.getByRole('link', { name: INVOICE }).first()).toBeVisible();
  // Cards, not a table to scroll sideways: the row menu is within the 390 px.
  const menu = (await phonePayments.getByRole('button', { name: /Actions sur le paiement de 100,00\s€/ }).boundingBox())!;
  expect(menu.x + menu.width).toBeLessThanOrEqual(MOBILE.width);
  await shot(page, 'customer-payments-fr-mobile');
  await phonePayments.getByRole('link', { name: INVOICE }).first().click();
  await expect(page.getByTestId('settlements').getByRole('button', { name: /Actions sur le paiement de 1\s000,00\s€/ })).toBeVisible();
  await expect(page.getByTestId('settlements')).toContainText(/1\s100,00\s€/);
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '1');
  await shot(page, 'invoice-settlements-fr-mobile');
});
