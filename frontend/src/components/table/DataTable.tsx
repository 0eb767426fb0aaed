import { Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { TableBodyState } from './TableBodyState';

/** A list as its query returns it. */
export interface ListResult {
  isPending: boolean;
  error: unknown;
  data?: { items: unknown[]; total: number };
}

export interface DataTableProps {
  result: ListResult;
  empty: string;
  minWidth: number;
  columns: number;
  testId?: string;
  /** The table's row of headers. */
  head: ReactNode;
  children: ReactNode;
}

/** The Mantine table of a list, scrolling sideways under `minWidth`, with its loading, failed and empty rows. */
export function DataTable({ result, empty, minWidth, columns, testId, head, children }: DataTableProps) {
  const isEmpty = (result.data?.items.length ?? 0) === 0;
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover data-testid={testId}>
        <Table.Thead bg="gray.0">{head}</Table.Thead>
        <Table.Tbody>
          <TableBodyState columns={columns} isPending={result.isPending} error={result.error} isEmpty={isEmpty} emptyText={empty} />
          {children}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
