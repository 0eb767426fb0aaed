import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setPhone } from '../../test/media';
import { renderPage } from '../../test/render';
import { ListFrame, type ListResult } from './ListFrame';

const list = { page: 1, pageSize: 20, setPage: () => {}, sort: { field: 'number', desc: false }, onSort: vi.fn() };
const items = ['INV-1', 'INV-2'];

function frame(result: ListResult, { withCards = true } = {}) {
  return (
    <ListFrame
      toolbar={<input aria-label="search" />}
      list={list}
      result={result}
      empty="No invoices"
      emptyOnPhone="Nothing matches"
      minWidth={600}
      columns={[{ label: 'Number', sort: 'number' }, false, { label: 'Note' }]}
      testId={{ cards: 'cards', table: 'table' }}
      card={withCards ? (n) => <p key={String(n)}>{`card ${String(n)}`}</p> : undefined}
      row={(n) => (
        <tr key={String(n)}>
          <td>{`row ${String(n)}`}</td>
          <td />
        </tr>
      )}
    />
  );
}

describe('ListFrame', () => {
  afterEach(() => setPhone(false));

  it('draws a table with its toolbar, headers and rows from 48em', () => {
    setPhone(false);
    renderPage(frame({ isPending: false, error: null, data: { items, total: 2 } }));
    expect(screen.getByRole('textbox', { name: 'search' })).toBeInTheDocument();
    const table = screen.getByTestId('table');
    expect(within(table).getByRole('columnheader', { name: 'Number' })).toBeInTheDocument();
    expect(within(table).getByText('row INV-2')).toBeInTheDocument();
    expect(screen.queryByTestId('cards')).not.toBeInTheDocument();
  });

  it('draws cards on a phone, and says so when the list is empty', () => {
    setPhone(true);
    const { unmount } = renderPage(frame({ isPending: false, error: null, data: { items, total: 2 } }));
    expect(within(screen.getByTestId('cards')).getByText('card INV-1')).toBeInTheDocument();
    expect(screen.queryByTestId('table')).not.toBeInTheDocument();
    unmount();
    renderPage(frame({ isPending: false, error: null, data: { items: [], total: 0 } }));
    expect(screen.getByText('Nothing matches')).toBeInTheDocument();
    expect(screen.queryByText('No invoices')).not.toBeInTheDocument();
  });

  it('sorts on a sortable header, leaves out the columns given as false, and keeps the table on a phone without cards', async () => {
    setPhone(true);
    renderPage(frame({ isPending: false, error: null, data: { items, total: 2 } }, { withCards: false }));
    const table = screen.getByTestId('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Number', 'Note']);
    await userEvent.setup().click(within(table).getByRole('button', { name: /Number/ }));
    expect(list.onSort).toHaveBeenCalledWith('number');
    expect(within(table).getByText('row INV-1')).toBeInTheDocument();
  });
});
