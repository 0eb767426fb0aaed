import { Paper, Stack, Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { ListFooter } from './ListFooter';
import { TableBodyState, TableBodyStateCards } from './TableBodyState';
import type { ListState } from './useListState';

/** A list as its query returns it. */
export interface ListResult {
  isPending: boolean;
  error: unknown;
  data?: { items: unknown[]; total: number };
}

interface Props {
  toolbar: ReactNode;
  list: Pick<ListState, 'page' | 'pageSize' | 'setPage'>;
  result: ListResult;
  empty: string;
  /** What an empty list says on a phone, when it differs from `empty`. */
  emptyOnPhone?: string;
  minWidth: number;
  columns: number;
  testId?: { cards?: string; table?: string };
  /** The table's row of headers. */
  head: ReactNode;
  cards: () => ReactNode;
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
      {phone ? (
        <Stack gap={0} data-testid={testId.cards}>
          <TableBodyStateCards isPending={result.isPending} error={result.error} isEmpty={isEmpty} emptyText={emptyOnPhone} />
          {cards()}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid={testId.table}>
            <Table.Thead bg="gray.0">{head}</Table.Thead>
            <Table.Tbody>
              <TableBodyState columns={columns} isPending={result.isPending} error={result.error} isEmpty={isEmpty} emptyText={empty} />
              {rows()}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ListFooter total={result.data?.total ?? 0} page={list.page} pageSize={list.pageSize} onPage={list.setPage} />
    </Paper>
  );
}
