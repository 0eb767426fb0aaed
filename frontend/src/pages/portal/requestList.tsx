// The state every list of the requests page shares: search, sort and pages (useListState), the
// status and customer filters in the URL, and the toolbar drawing them.
import { Group, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SearchInput } from '../../components/table/SearchInput';
import { useListState } from '../../components/table/useListState';
import { CustomerFilter, STATUSES, type RequestTab } from './components';
import type { RequestQuery } from './queries';

/**
 * No sort until a column is clicked: the server then orders what waits for someone first
 * (open questions and disputes, pending bank details, open promises by date), newest first.
 */
export function useRequestList(tab: RequestTab) {
  const [params, setParams] = useSearchParams();
  const list = useListState({ field: '', desc: false });
  const raw = params.get('status') ?? '';
  const status = STATUSES[tab].includes(raw) ? raw : '';
  const customerId = params.get('customer_id') ?? '';
  const { sort, ...rest } = list.query;
  const query: RequestQuery = {
    ...rest,
    ...(sort ? { sort } : {}),
    ...(status ? { status } : {}),
    ...(customerId ? { customer_id: customerId } : {}),
  };
  const setParam = (key: 'status' | 'customer_id', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    list.setPage(1);
  };
  return { list, query, status, customerId, setParam, filtered: Boolean(list.query.q || status || customerId) };
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
