import { Paper, Stack, Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { DataTable, type ListResult } from './DataTable';
import { ListFooter } from './ListFooter';
import { PlainTh, SortableTh } from './SortableTh';
import { TableBodyStateCards } from './TableBodyState';
import type { ListState } from './useListState';

export type { ListResult } from './DataTable';

/** A column of the table: its header, sortable on `sort` (the API's field) when given. */
export interface Column {
  label?: ReactNode;
  sort?: string;
  w?: number | string;
  align?: 'left' | 'right';
}

export interface ListFrameProps<T> {
  toolbar?: ReactNode;
  /** The sort and pages of a server-side list; without it, the list is whole: no footer, no sorting. */
  list?: Pick<ListState, 'page' | 'pageSize' | 'setPage' | 'sort' | 'onSort'>;
  result: ListResult & { data?: { items: T[] } };
  empty: string;
  /** What an empty list says on a phone, when it differs from `empty`. */
  emptyOnPhone?: string;
  minWidth: number;
  /** The table's columns, left to right (false: a column left out). */
  columns: (Column | false)[];
  testId?: { cards?: string; table?: string };
  /** An item as a card on phones; without it, phones scroll the table sideways. */
  card?: (item: T) => ReactNode;
  /** An item as a table row (with its key). */
  row: (item: T) => ReactNode;
}

/** The row of headers of `columns`. */
function Head({ columns, list }: { columns: Column[]; list?: Pick<ListState, 'sort' | 'onSort'> }) {
  return (
    <Table.Tr>
      {columns.map((c, i) =>
        c.sort && list ? (
          <SortableTh key={i} field={c.sort} sort={list.sort} onSort={list.onSort} w={c.w} align={c.align}>
            {c.label}
          </SortableTh>
        ) : (
          <PlainTh key={i} w={c.w} align={c.align}>
            {c.label}
          </PlainTh>
        ),
      )}
    </Table.Tr>
  );
}

/**
 * The frame of a list: its toolbar, then cards on phones or a table from 48em, with the loading,
 * failed and empty states, then its pages. The page draws the toolbar, a card and a row.
 */
export function ListFrame<T>({ toolbar, list, result, empty, emptyOnPhone = empty, minWidth, columns, testId = {}, card, row }: ListFrameProps<T>) {
  const phone = useMediaQuery('(max-width: 48em)');
  const items = result.data?.items ?? [];
  const shown = columns.filter((c): c is Column => c !== false);
  return (
    <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
      {toolbar}
      {phone && card ? (
        <Stack gap={0} data-testid={testId.cards}>
          <TableBodyStateCards isPending={result.isPending} error={result.error} isEmpty={items.length === 0} emptyText={emptyOnPhone} />
          {items.map(card)}
        </Stack>
      ) : (
        <DataTable result={result} empty={empty} minWidth={minWidth} columns={shown.length} testId={testId.table} head={<Head columns={shown} list={list} />}>
          {items.map(row)}
        </DataTable>
      )}
      {list && <ListFooter total={result.data?.total ?? 0} page={list.page} pageSize={list.pageSize} onPage={list.setPage} />}
    </Paper>
  );
}
