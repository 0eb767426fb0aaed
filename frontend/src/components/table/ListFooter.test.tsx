import { act, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { changeLanguage } from '../../i18n';
import { setPhone } from '../../test/media';
import { renderPage } from '../../test/render';
import { ListFooter, paginationLayout } from './ListFooter';

describe('ListFooter', () => {
  beforeEach(async () => {
    await act(() => changeLanguage('en', false));
  });

  it('keeps first/last buttons and neighbours on a desktop only', () => {
    expect(paginationLayout(30, false)).toEqual({ siblings: 1, boundaries: 1, withEdges: true, gap: 8 });
    expect(paginationLayout(3, false).withEdges).toBe(false);
    expect(paginationLayout(30, true)).toEqual({ siblings: 0, boundaries: 1, withEdges: false, gap: 4 });
  });

  it('draws at most 7 buttons on a phone, so that 600 invoices page on one line', () => {
    setPhone(true);
    renderPage(<ListFooter total={600} page={7} pageSize={20} onPage={() => {}} />);
    const footer = screen.getByTestId('list-footer');
    expect(within(footer).getByText('121–140 of 600')).toBeInTheDocument();
    // ‹ 1 … 7 … 30 ›: the two dots are not buttons.
    expect(within(footer).getAllByRole('button')).toHaveLength(5);
    expect(within(footer).getByRole('button', { name: '7' })).toHaveAttribute('aria-current', 'page');
    setPhone(false);
  });

  it('shows first and last buttons on a desktop', () => {
    setPhone(false);
    renderPage(<ListFooter total={600} page={7} pageSize={20} onPage={() => {}} />);
    // « ‹ 1 … 6 7 8 … 30 › »
    expect(within(screen.getByTestId('list-footer')).getAllByRole('button')).toHaveLength(9);
  });
});
