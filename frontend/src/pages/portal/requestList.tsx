// The state every list of the requests page shares: search, sort and pages (useListState), the
// status and customer filters in the URL, and the toolbar drawing them.
import { Group, Paper, Select, Stack, Table } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ListFooter } from '../../components/table/ListFooter';
import { SearchInput } from '../../components/table/SearchInput';
import { TableBodyState, TableBodyStateCards } from '../../components/table/TableBodyState';
import { oneOfParam, useUrlListState } from '../../components/table/useListState';
import { CustomerFilter, STATUSES, type RequestTab } from './components';
import type { RequestQuery } from './queries';

/**
 * No sort until a column is clicked: the server then orders what waits for someone first
 * (open questions and disputes, pending bank details, open promises by date), newest first.
 */
export function useRequestList(tab: RequestTab) {
  const list = useUrlListState({ field: '', desc: false });
  const status = oneOfParam(list.params, 'status', STATUSES[tab], '');
  const customerId = list.params.get('customer_id') ?? '';
  const { active, filtered } = list.filter({ status, customer_id: customerId });
  const { sort, ...rest } = list.query;
  const query: RequestQuery = { ...rest, ...(sort ? { sort } : {}), ...active };
  const setParam = (key: 'status' | 'customer_id', value: string | null) => list.setFilters({ [key]: value });
  return { list, query, status, customerId, setParam, filtered };
}

export type RequestList = ReturnType<typeof useRequestList>;

/** Search, status and customer above a list. */
export function RequestToolbar({ tab, state, placeholder }: { tab: RequestTab; state: RequestList; placeholder: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" p="md">
      <Group gap="sm" align="center">
        <SearchInput value={state.list.search} onChange={state.list.setSearch} placeholder={placeholder} />
        <Select
          placeholder={t('portal.filters.allStatuses')}
          aria-label={t('portal.filters.status')}
          data={STATUSES[tab].map((v) => ({ value: v, label: t(`portal.statuses.${tab}.${v}`, { defaultValue: v }) }))}
          value={state.status || null}
          onChange={(v) => state.setParam('status', v)}
          clearable
          w={{ base: '100%', xs: 190 }}
          comboboxProps={{ withinPortal: true }}
        />
        <CustomerFilter value={state.customerId} onChange={(v) => state.setParam('customer_id', v)} />
      </Group>
    </Stack>
  );
}

/** A Requests tab's list as its query returns it. */
interface RequestListResult {
  isPending: boolean;
  error: unknown;
  data?: { items: unknown[]; total: number };
}

/**
 * The frame of a Requests tab: toolbar, then cards on phones or a table from 48em, then pages.
 * The tab draws its cards, its table's head (a row of headers) and its rows.
 */
export function RequestListFrame({
  tab,
  state,
  placeholder,
  result,
  empty,
  minWidth,
  columns,
  testId,
  head,
  cards,
  rows,
}: {
  tab: RequestTab;
  state: RequestList;
  placeholder: string;
  result: RequestListResult;
  empty: string;
  minWidth: number;
  columns: number;
  testId: { cards: string; table: string };
  head: ReactNode;
  cards: () => ReactNode;
  rows: () => ReactNode;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  const isEmpty = (result.data?.items.length ?? 0) === 0;
  return (
    <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
      <RequestToolbar tab={tab} state={state} placeholder={placeholder} />
      {phone ? (
        <Stack gap={0} data-testid={testId.cards}>
          <TableBodyStateCards isPending={result.isPending} error={result.error} isEmpty={isEmpty} emptyText={empty} />
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
      <ListFooter total={result.data?.total ?? 0} page={state.list.page} pageSize={state.list.pageSize} onPage={state.list.setPage} />
    </Paper>
  );
}
