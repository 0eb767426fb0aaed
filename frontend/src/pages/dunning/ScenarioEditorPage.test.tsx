import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { NO_ITEMS, useApi } from '../../test/api';
import { json, renderPage } from '../../test/render';
import { ScenarioEditorPage } from './ScenarioEditorPage';
import { ME_ADMIN, SCENARIO, SETTINGS } from './testData';

interface PreviewBody {
  language: string;
  stage: string;
  subject: string;
  body: string;
  customer_id?: string;
}

// Typing into Mantine fields under jsdom is slow on a small machine.
describe('Scenario editor', { timeout: 60_000 }, () => {
  let put: (body: unknown) => Response;
  const requests = useApi(({ path: p, method, body }) => {
    if (p === '/api/v1/me') return json(200, ME_ADMIN);
    if (p === '/api/v1/dunning/scenarios/sc-1' && method === 'GET') return json(200, SCENARIO);
    if (p === '/api/v1/dunning/scenarios/sc-1' && method === 'PUT') return put(body);
    if (p === '/api/v1/dunning/settings') return json(200, SETTINGS);
    if (p === '/api/v1/customer-segments') return json(200, { items: ['PME', 'Grands comptes'] });
    if (p === '/api/v1/customers') return json(200, NO_ITEMS);
    if (p === '/api/v1/dunning/preview') {
      // The server fills the variables with the customer's data.
      const b = body as PreviewBody;
      const fill = (s: string) => s.replace(/\{\{contact_name\}\}/g, 'Marie Dubois').replace(/\{\{invoice_numbers\}\}/g, 'F-1, F-2');
      return json(200, {
        subject: fill(b.subject),
        html: `<html><body>${fill(b.body)
          .split('\n\n')
          .map((para) => `<p>${para}</p>`)
          .join('')}</body></html>`,
        text: fill(b.body),
        customer_id: 'c-1',
        customer_name: 'Fromagerie Dubois',
      });
    }
  });

  beforeEach(() => {
    put = (body) => json(200, { ...SCENARIO, ...(body as object) });
  });

  const previews = () => requests.filter((r) => r.path === '/api/v1/dunning/preview').map((r) => r.body as PreviewBody);

  const open = async () => {
    const user = userEvent.setup();
    renderPage(<ScenarioEditorPage />, { path: '/dunning/scenarios/:id', route: '/dunning/scenarios/sc-1' });
    await screen.findByRole('heading', { name: 'Standard B2B' });
    // The editing tools appear once /me says the user is an admin.
    await screen.findByRole('button', { name: 'Add a step' });
    return user;
  };

  it("previews the step's template live: editing the French body of D+7 asks again and the frame changes", async () => {
    const user = await open();
    // The first step is selected at first.
    expect(screen.getByRole('heading', { name: 'Step D-15' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'D+7 · Reminder · Email' }));
    expect(screen.getByRole('heading', { name: 'Step D+7' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'French' }));

    const frame = () => screen.getByTestId('preview-frame');
    await waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('F-1, F-2 reste impayée'), { timeout: 3000 });
    expect(previews().at(-1)).toMatchObject({ language: 'fr', stage: 'reminder', subject: 'Échéance {{oldest_due_date}}' });
    expect(screen.getByText('With the data of Fromagerie Dubois')).toBeInTheDocument();
    const before = previews().length;

    const body = screen.getByRole('textbox', { name: 'Message' });
    await user.click(body);
    await user.keyboard('{Control>}{End}{/Control}');
    await user.type(body, '{Enter}{Enter}Merci.');

    await waitFor(() => expect(frame().getAttribute('srcdoc')).toContain('<p>Merci.</p>'), { timeout: 3000 });
    // Debounced: one request for the whole typing, not one per key.
    expect(previews().length).toBe(before + 1);
    expect(previews().at(-1)?.body).toMatch(/reste impayée\.\n\nMerci.$/);

    // The text version shows the same text.
    await user.click(screen.getByRole('tab', { name: 'Text version' }));
    expect(screen.getByTestId('preview-text')).toHaveTextContent('Merci.');
  });

  it('inserts a variable at the cursor', async () => {
    const user = await open();
    await user.click(screen.getByRole('tab', { name: 'French' }));
    const subject = screen.getByRole('textbox', { name: 'Subject' });
    await user.clear(subject);
    await user.paste('Relance  : à régler');
    // Put the cursor between the two spaces.
    (subject as HTMLInputElement).setSelectionRange(8, 8);
    await user.click(screen.getByRole('button', { name: 'Insert a variable' }));
    await user.click(await screen.findByRole('menuitem', { name: /\{\{customer_name\}\}/ }));
    expect(subject).toHaveValue('Relance {{customer_name}} : à régler');
  });

  it("puts the server's field error on the step and field it names, and sends the steps in date order", async () => {
    put = () =>
      json(422, {
        status: 422,
        title: 'Unprocessable Entity',
        detail: 'The request has invalid fields.',
        errors: [{ field: 'steps[2].templates.fr.body', message: 'Unknown variable {{montant}}.' }],
      });
    const user = await open();
    // Edit the first step (D-15) in English, then save.
    await user.click(screen.getByRole('tab', { name: 'English' }));
    await user.click(screen.getByRole('textbox', { name: 'Subject' }));
    await user.paste(' (reminder)');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    // steps[2] is D+7 in date order: the editor selects it, on its French template.
    expect(await screen.findByText('Unknown variable {{montant}}.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Step D+7' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'French' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'D+7 · Reminder · Email · needs fixing' })).toBeInTheDocument();

    const sent = requests.find((r) => r.method === 'PUT')?.body as { steps: { id: string; offset_days: number }[] };
    expect(sent.steps.map((s) => [s.id, s.offset_days])).toEqual([
      ['st-1', -15],
      ['st-2', 0],
      ['st-3', 7],
      ['st-4', 30],
    ]);
    expect(sent).toMatchObject({ name: 'Standard B2B', segments: ['PME'] });
  });

  it('adds a step a week after the last one and saves it without an id', async () => {
    const user = await open();
    await user.click(screen.getByRole('button', { name: 'Add a step' }));
    expect(screen.getByRole('heading', { name: 'Step D+37' })).toBeInTheDocument();
    const main = screen.getByTestId('scenario-timeline');
    expect(within(main).getAllByTestId('timeline-step')).toHaveLength(5);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Scenario “Standard B2B” was saved.')).toBeInTheDocument();
    const sent = requests.find((r) => r.method === 'PUT')?.body as { steps: { id?: string; offset_days: number }[] };
    expect(sent.steps.at(-1)).toMatchObject({ offset_days: 37, stage: 'reminder', channel: 'email' });
    expect(sent.steps.at(-1)).not.toHaveProperty('id');
  });
});
