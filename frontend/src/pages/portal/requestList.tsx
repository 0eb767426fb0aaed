// The state every list of the requests page shares: search, sort, pages and the
// status and customer filters in the URL (useUrlListState), and the toolbar drawing them.
import { Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListFrame, type ListFrameProps } from '../../components/table/ListFrame';
import { SearchInput } from '../../components/table/SearchInput';
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

/**
 * The frame of a Requests tab: ListFrame with the tab's toolbar, and its words for searching and
 * for an empty list (portal.<tab>.search, .empty, .emptyFiltered). Its first two columns are the
 * status (`statusWidth` wide) and the customer, drawn by LeadCells; the tab gives the others, its
 * cards and rows.
 */
export function RequestListFrame<T>({
  tab,
  state,
  statusWidth,
  columns,
  ...frame
}: { tab: RequestTab; state: RequestList; statusWidth: number } & Omit<ListFrameProps<T>, 'toolbar' | 'list' | 'empty'>) {
  const { t } = useTranslation();
  return (
    <ListFrame
      toolbar={<RequestToolbar tab={tab} state={state} placeholder={t(`portal.${tab}.search`)} />}
      list={state.list}
      empty={state.filtered ? t(`portal.${tab}.emptyFiltered`) : t(`portal.${tab}.empty`)}
      columns={[{ label: t('portal.fields.status'), sort: 'status', w: statusWidth }, { label: t('portal.fields.customer'), sort: 'customer' }, ...columns]}
      {...frame}
    />
  );
}

/** The item of `items` whose drawer is open, if any. */
export function useOpenItem<T extends { id: string }>(items: readonly T[] | undefined) {
  const [openId, setOpenId] = useState<string | null>(null);
  return { open: items?.find((i) => i.id === openId) ?? null, setOpenId, close: () => setOpenId(null) };
}
