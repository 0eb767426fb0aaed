import { Anchor, Badge, Chip, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileImport, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CustomerSummary } from '../../api/types';
import { PageActions, PageHeader } from '../../components/PageHeader';
import { ListFrame } from '../../components/table/ListFrame';
import { SearchInput } from '../../components/table/SearchInput';
import { oneOfParam, useUrlListState, type Sort } from '../../components/table/useListState';
import { useFormat } from '../../format/useFormat';
import { DataQualityBadge, Money } from '../ledger/components';
import { useCustomers } from '../ledger/queries';
import { CustomerFormModal } from './CustomerFormModal';
import { SegmentFilter } from './SegmentFilter';

function CustomerRow({ c }: { c: CustomerSummary }) {
  const fmt = useFormat();
  const navigate = useNavigate();
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={(e) => !(e.target as HTMLElement).closest('a') && navigate(`/customers/${c.id}`)}>
      <Table.Td miw={240}>
        <Anchor component={Link} to={`/customers/${c.id}`} size="sm" fw={600} c="dark">
          {c.name}
        </Anchor>
        {c.external_id && (
          <Text size="xs" c="dimmed">
            {c.external_id}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={150}>
        {c.segment && (
          <Badge variant="light" color="indigo" radius="sm" size="sm" tt="none" fw={600}>
            {c.segment}
          </Badge>
        )}
        {(c.tags ?? []).length > 0 && (
          <Text size="xs" c="dimmed" mt={2} lineClamp={1} title={c.tags.join(', ')}>
            {c.tags.join(' · ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Money cents={c.balance_cents} currency={c.currency} dimZero />
      </Table.Td>
      <Table.Td ta="right">
        <Money cents={c.overdue_cents} currency={c.currency} alert dimZero />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c={c.open_invoices === 0 ? 'dimmed' : undefined}>
          {c.open_invoices}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {fmt.date(c.oldest_due_date) || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {fmt.date(c.created_at)}
        </Text>
      </Table.Td>
      <Table.Td ta="center">
        <DataQualityBadge problems={c.data_problems ?? []} />
      </Table.Td>
    </Table.Tr>
  );
}

/** A customer on a phone: name and quality, then balance and overdue. */
function CustomerCard({ c }: { c: CustomerSummary }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton component={Link} to={`/customers/${c.id}`} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)', display: 'block' }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0} miw={0}>
          <Text size="sm" fw={600} truncate>
            {c.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {[c.external_id, c.segment].filter(Boolean).join(' · ') || '\u00a0'}
          </Text>
        </Stack>
        <DataQualityBadge problems={c.data_problems ?? []} />
      </Group>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {t('customers.tiles.openInvoices', { count: c.open_invoices })}
        </Text>
        <Group gap="sm">
          <Money cents={c.balance_cents} currency={c.currency} dimZero />
          {c.overdue_cents > 0 && <Money cents={c.overdue_cents} currency={c.currency} alert />}
        </Group>
      </Group>
    </UnstyledButton>
  );
}

type Flag = 'incomplete' | 'overdue' | 'archived';
const FLAGS: Flag[] = ['overdue', 'incomplete', 'archived'];

/** The sorts the customer list accepts, ascending then descending ("-overdue"). */
const SORTS = ['name', 'balance', 'overdue', 'open_invoices', 'oldest_due_date', 'created_at'].flatMap((f) => [f, `-${f}`]);

/** The sort a link asks for (?sort=-overdue, from the cockpit's top debtors), by name otherwise. */
function urlSort(params: URLSearchParams): Sort {
  const sort = oneOfParam(params, 'sort', SORTS, 'name');
  return { field: sort.replace(/^-/, ''), desc: sort.startsWith('-') };
}

/** Customers: search, filters (kept in the URL, so the cockpit can link to them), sort, pages. */
export function CustomersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const [params] = useSearchParams();
  const list = useUrlListState(urlSort(params));
  const flags = FLAGS.filter((f) => list.params.get(f) === 'true');
  const segment = (list.params.get('segment') ?? '').trim();

  const { query, filtered } = list.filter({ segment, ...Object.fromEntries(flags.map((f) => [f, true])) });
  const customers = useCustomers(query);

  return (
    <>
      <PageHeader
        title={t('nav.customers')}
        description={t('pages.customers.subtitle')}
        actions={
          <PageActions
            link={{ to: '/imports/new?kind=customers', icon: <IconFileImport size={16} />, label: t('imports.action') }}
            action={{ icon: <IconPlus size={16} />, label: t('customers.new'), onClick: open }}
          />
        }
      />
      <ListFrame
        toolbar={
          <Stack gap="sm" p="md">
            <Group gap="sm" align="center">
              <SearchInput value={list.search} onChange={list.setSearch} placeholder={t('customers.search')} />
              <SegmentFilter value={segment} onChange={(v) => list.setFilters({ segment: v })} w={{ base: '100%', xs: 200 }} />
              <Chip.Group multiple value={flags} onChange={(v) => applyFlags(v as Flag[])}>
                <Group gap={6}>
                  {FLAGS.map((f) => (
                    <Chip key={f} value={f} size="sm" variant="outline" color={f === 'overdue' ? 'red' : f === 'incomplete' ? 'orange' : 'gray'}>
                      {t(`customers.filters.${f}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
            </Group>
          </Stack>
        }
        list={list}
        result={customers}
        empty={filtered ? t('customers.emptyFiltered') : t('customers.empty')}
        emptyOnPhone={t('customers.emptyFiltered')}
        minWidth={1080}
        testId={{ cards: 'customer-cards' }}
        columns={[
          { label: t('customers.fields.name'), sort: 'name' },
          { label: t('customers.fields.segment') },
          { label: t('customers.fields.balance'), sort: 'balance', align: 'right' },
          { label: t('customers.fields.overdue'), sort: 'overdue', align: 'right' },
          { label: t('customers.fields.openInvoices'), sort: 'open_invoices', align: 'right' },
          { label: t('customers.fields.oldestDue') },
          { label: t('customers.fields.created'), sort: 'created_at' },
          { label: t('customers.fields.quality') },
        ]}
        card={(c) => <CustomerCard key={c.id} c={c} />}
        row={(c) => <CustomerRow key={c.id} c={c} />}
      />
      <CustomerFormModal opened={opened} onClose={close} onCreated={(c) => navigate(`/customers/${c.id}`)} />
    </>
  );

  function applyFlags(next: Flag[]) {
    list.setFilters(Object.fromEntries(FLAGS.map((f) => [f, next.includes(f) ? 'true' : null])));
  }
}
