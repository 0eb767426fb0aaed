import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setPhone } from '../../test/media';
import { renderPage } from '../../test/render';
import { ListFrame, type ListResult } from './ListFrame';

const list = { page: 1, pageSize: 20, setPage: () => {} };
const items = ['INV-1', 'INV-2'];

function frame(result: ListResult) {
  return (
    <ListFrame
      toolbar={<input aria-label="search" />}
      list={list}
      result={result}
      empty="No invoices"
      emptyOnPhone="Nothing matches"
      minWidth={600}
      columns={1}
      testId={{ cards: 'cards', table: 'table' }}
      head={
        <tr>
          <th>Number</th>
        </tr>
      }
      cards={() => (result.data?.items ?? []).map((n) => <p key={String(n)}>{`card ${String(n)}`}</p>)}
      rows={() =>
        (result.data?.items ?? []).map((n) => (
          <tr key={String(n)}>
            <td>{`row ${String(n)}`}</td>
          </tr>
        ))
      }
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
});
