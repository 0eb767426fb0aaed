import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ListQuery } from '../../api/types';

export interface Sort {
  field: string;
  desc: boolean;
}

/** "name" / "-created_at" as the API expects. */
export function sortParam(sort: Sort): string {
  return `${sort.desc ? '-' : ''}${sort.field}`;
}

/** Clicking the sorted column flips its direction; another column sorts ascending. */
export function nextSort(current: Sort, field: string): Sort {
  return current.field === field ? { field, desc: !current.desc } : { field, desc: false };
}

/** Search, sort and pagination state of one server-side list (limit/offset). */
export function useListState(defaultSort: Sort, pageSize = 20) {
  const [search, setSearchRaw] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [sort, setSort] = useState<Sort>(defaultSort);
  const [page, setPage] = useState(1);

  const query: ListQuery = {
    ...(debounced ? { q: debounced } : {}),
    sort: sortParam(sort),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  };

  return {
    search,
    setSearch: (v: string) => {
      setSearchRaw(v);
      setPage(1);
    },
    sort,
    onSort: (field: string) => {
      setSort((s) => nextSort(s, field));
      setPage(1);
    },
    page,
    setPage,
    pageSize,
    query,
  };
}

export type ListState = ReturnType<typeof useListState>;

/** The filters of a list without those that are off ('', null, undefined, false): what goes to the API. */
export function activeFilters<F extends Record<string, string | boolean | null | undefined>>(filters: F): { [K in keyof F]?: Exclude<F[K], null | undefined | false | ''> } {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '' && v != null && v !== false)) as {
    [K in keyof F]?: Exclude<F[K], null | undefined | false | ''>;
  };
}

/** The comma-separated values of a URL parameter that are among `allowed` ("status=open,paid"). */
export function listParam<T extends string>(params: URLSearchParams, key: string, allowed: readonly T[]): T[] {
  return (params.get(key) ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
}

/** A URL parameter when it is one of `allowed`, else `fallback`. */
export function oneOfParam<T extends string, D>(params: URLSearchParams, key: string, allowed: readonly T[], fallback: D): T | D {
  const v = params.get(key);
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/**
 * A list whose filters live in the URL, so that a link (from the cockpit, a customer, an invoice)
 * opens it filtered; search, sort and pages as useListState. `setFilters` sets the given parameters
 * (a null or empty value removes one), keeps the others and goes back to the first page;
 * `filter` gives the list's query with the active filters, and whether a search or a filter is on.
 */
export function useUrlListState(defaultSort: Sort, pageSize = 20) {
  const list = useListState(defaultSort, pageSize);
  const [params, setParams] = useSearchParams();
  return {
    ...list,
    params,
    setFilters: (entries: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(entries)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      setParams(next, { replace: true });
      list.setPage(1);
    },
    filter: <F extends Record<string, string | boolean | null | undefined>>(filters: F) => {
      const active = activeFilters(filters);
      return { query: { ...list.query, ...active }, active, filtered: Boolean(list.query.q) || Object.keys(active).length > 0 };
    },
  };
}

export type UrlListState = ReturnType<typeof useUrlListState>;
