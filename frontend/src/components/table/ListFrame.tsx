import { Paper, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { DataTable, type ListResult } from './DataTable';
import { ListFooter } from './ListFooter';
import { TableBodyStateCards } from './TableBodyState';
import type { ListState } from './useListState';

export type { ListResult } from './DataTable';

interface Props {
  toolbar?: ReactNode;
  /** The pages of a server-side list; without it, the list is whole and has no footer. */
  list?: Pick<ListState, 'page' | 'pageSize' | 'setPage'>;
  result: ListResult;
  empty: string;
  /** What an empty list says on a phone, when it differs from `empty`. */
  emptyOnPhone?: string;
  minWidth: number;
  columns: number;
  testId?: { cards?: string; table?: string };
  /** The table's row of headers. */
  head: ReactNode;
  /** The list as cards on phones; without them, phones scroll the table sideways. */
  cards?: () => ReactNode;
  rows: () => ReactNode;
}

/**
 * The frame of a server-side list: its toolbar, then cards on phones or a table from 48em, with
 * the loading, failed and empty states, then its pages. The page draws the toolbar, the cards,
 * the table's headers and its rows.
 */
export function ListFrame({ toolbar, list, result, empty, emptyOnPhone = empty, minWidth, columns, testId = {}, head, cards, rows }: Props) {
  const phone = useMediaQuery('(max-width: 48em)');
  const isEmpty = (result.data?.items.length ?? 0) === 0;
  return (
    <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
      {toolbar}
      {phone && cards ? (
        <Stack gap={0} data-testid={testId.cards}>
          <TableBodyStateCards isPending={result.isPending} error={result.error} isEmpty={isEmpty} emptyText={emptyOnPhone} />
          {cards()}
        </Stack>
      ) : (
        <DataTable result={result} empty={empty} minWidth={minWidth} columns={columns} testId={testId.table} head={head}>
          {rows()}
        </DataTable>
      )}
      {list && <ListFooter total={result.data?.total ?? 0} page={list.page} pageSize={list.pageSize} onPage={list.setPage} />}
    </Paper>
  );
}
