import { render, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { createQueryClient, Providers } from '../providers';

/** Renders a page inside the app's providers (Mantine in its test mode), at `path`. */
export function renderPage(ui: ReactElement, { path = '/', route = path }: { path?: string; route?: string } = {}) {
  const client = createQueryClient();
  return render(
    <Providers client={client} env="test">
      <MemoryRouter initialEntries={[route]}>
        <Routes>
          <Route path={path} element={ui} />
          <Route path="*" element={<div data-testid="elsewhere" />} />
        </Routes>
      </MemoryRouter>
    </Providers>,
  );
}

/** A JSON Response, as the API sends them. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type, ...headers } });
}

/** The table row, in the table of test id `table`, that shows `text` (once it is there). */
export async function findRow(table: string, text: string): Promise<HTMLElement> {
  return (await within(await screen.findByTestId(table)).findByText(text)).closest('tr')!;
}
