import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { renderPage } from '../test/render';
import { QueryState, type QueryLike } from './QueryState';

const page = { notFound: 'This invoice does not exist', backTo: '/invoices', backLabel: 'Back to invoices' };
const pending: QueryLike<string> = { isPending: true, error: null, data: undefined };
const missing: QueryLike<string> = { isPending: false, error: new ApiError(404, { status: 404, title: 'Not Found' }), data: undefined };
const broken: QueryLike<string> = { isPending: false, error: new ApiError(500, { status: 500, title: 'Internal Server Error' }), data: undefined };

describe('QueryState', () => {
  it('shows the stand-in while loading, then the data', () => {
    const { unmount } = renderPage(
      <QueryState query={pending} loading={<p>loading…</p>}>
        {(d) => <p>{d}</p>}
      </QueryState>,
    );
    expect(screen.getByText('loading…')).toBeInTheDocument();
    unmount();
    renderPage(
      <QueryState query={{ isPending: false, error: null, data: 'INV-7' }} loading={<p>loading…</p>}>
        {(d) => <p>{`invoice ${d}`}</p>}
      </QueryState>,
    );
    expect(screen.getByText('invoice INV-7')).toBeInTheDocument();
    expect(screen.queryByText('loading…')).not.toBeInTheDocument();
  });

  it('names a missing page and links back to its list; another failure says it is unknown', () => {
    const { unmount } = renderPage(
      <QueryState query={missing} loading={null} failure={page}>
        {() => <p>data</p>}
      </QueryState>,
    );
    expect(screen.getByRole('heading', { name: 'This invoice does not exist' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to invoices' })).toHaveAttribute('href', '/invoices');
    unmount();
    renderPage(
      <QueryState query={broken} loading={null} failure={page}>
        {() => <p>data</p>}
      </QueryState>,
    );
    expect(screen.queryByRole('heading', { name: 'This invoice does not exist' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to invoices' })).toBeInTheDocument();
    expect(screen.queryByText('data')).not.toBeInTheDocument();
  });

  it('shows a failure as an alert by default, as a line of text in a card', () => {
    const { unmount } = renderPage(
      <QueryState query={broken} loading={null}>
        {() => <p>data</p>}
      </QueryState>,
    );
    expect(screen.getByRole('alert')).toBeInTheDocument();
    unmount();
    renderPage(
      <QueryState query={missing} loading={null} failure="text">
        {() => <p>data</p>}
      </QueryState>,
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByText('data')).not.toBeInTheDocument();
  });
});
