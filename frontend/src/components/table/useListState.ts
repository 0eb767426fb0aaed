import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
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
