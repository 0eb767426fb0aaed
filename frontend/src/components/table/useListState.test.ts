import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { activeFilters, listParam, nextSort, oneOfParam, sortParam, useUrlListState } from './useListState';

describe('sorting', () => {
  it('flips the sorted column and sorts a new column ascending', () => {
    expect(nextSort({ field: 'name', desc: false }, 'name')).toEqual({ field: 'name', desc: true });
    expect(nextSort({ field: 'name', desc: true }, 'email')).toEqual({ field: 'email', desc: false });
  });

  it('writes the API sort parameter', () => {
    expect(sortParam({ field: 'created_at', desc: true })).toBe('-created_at');
    expect(sortParam({ field: 'name', desc: false })).toBe('name');
  });
});

describe('filters in the URL', () => {
  const wrapper = (route: string) =>
    function Router({ children }: { children: ReactNode }) {
      return createElement(MemoryRouter, { initialEntries: [route] }, children);
    };
  const render = (route: string) =>
    renderHook(() => ({ list: useUrlListState({ field: 'name', desc: false }), location: useLocation() }), { wrapper: wrapper(route) });

  it('leaves out the filters that are off, in their order', () => {
    expect(activeFilters({ status: 'open,paid', overdue: false, segment: '', customer_id: null, due_to: undefined, archived: true })).toEqual({
      status: 'open,paid',
      archived: true,
    });
  });

  it('reads only the values a parameter may take', () => {
    const params = new URLSearchParams('status=open,bogus,,paid&tab=nope&kind=bank');
    expect(listParam(params, 'status', ['open', 'paid', 'cancelled'])).toEqual(['open', 'paid']);
    expect(oneOfParam(params, 'tab', ['questions', 'bank'], 'questions')).toBe('questions');
    expect(oneOfParam(params, 'kind', ['questions', 'bank'], 'questions')).toBe('bank');
    expect(oneOfParam(params, 'missing', ['questions'], '')).toBe('');
  });

  it('sets and removes filters in the URL, keeps the others and goes back to the first page', () => {
    const { result } = render('/invoices?status=open&segment=PME');
    act(() => result.current.list.setPage(3));
    expect(result.current.list.query.offset).toBe(40);
    act(() => result.current.list.setFilters({ segment: null, overdue: 'true' }));
    expect(new URLSearchParams(result.current.location.search).toString()).toBe('status=open&overdue=true');
    expect(result.current.list.page).toBe(1);
    const { query, filtered } = result.current.list.filter({ status: result.current.list.params.get('status'), overdue: true, segment: '' });
    expect(query).toEqual({ sort: 'name', limit: 20, offset: 0, status: 'open', overdue: true });
    expect(filtered).toBe(true);
  });

  it('says nothing is filtered without a search or an active filter', () => {
    const { result } = render('/invoices');
    expect(result.current.list.filter({ status: '', overdue: false }).filtered).toBe(false);
  });
});
