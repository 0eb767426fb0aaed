import { ActionIcon, Anchor, Chip, CloseButton, Group, MultiSelect, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendar, IconCash, IconFileImport, IconFileTypePdf, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Invoice, InvoiceStatus } from '../../api/types';
import { PageActions, PageHeader } from '../../components/PageHeader';
import { ListFrame } from '../../components/table/ListFrame';
import { SearchInput } from '../../components/table/SearchInput';
import { listParam, useUrlListState } from '../../components/table/useListState';
import { useFormat } from '../../format/useFormat';
import { InvoiceStatusBadge, Money } from '../ledger/components';
import { SegmentFilter } from '../customers/SegmentFilter';
import { useCustomer, useInvoices } from '../ledger/queries';
import { RecordPaymentModal, type PaymentTarget } from '../payments/RecordPaymentModal';
import { InvoiceFormModal } from './InvoiceFormModal';
import { useDownloadPdf } from './pdf';

export const INVOICE_STATUSES: InvoiceStatus[] = ['open', 'partially_paid', 'paid', 'cancelled', 'written_off'];

function InvoiceRow({ i, onPay, download, busy }: { i: Invoice; onPay: (i: Invoice) => void; download: (id: string, n: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const payable = (i.status === 'open' || i.status === 'partially_paid') && i.balance_cents > 0;
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={(e) => !(e.target as HTMLElement).closest('a,button') && navigate(`/invoices/${i.id}`)}>
      <Table.Td>
        <Anchor component={Link} to={`/invoices/${i.id}`} size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
          {i.number}
        </Anchor>
      </Table.Td>
      <Table.Td miw={200}>
        <Anchor component={Link} to={`/customers/${i.customer_id}`} size="sm" c="dark">
          {i.customer_name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {fmt.date(i.issue_date)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }} c={payable && i.days_overdue > 0 ? 'red.7' : undefined}>
          {fmt.date(i.due_date)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Money cents={i.total_cents} currency={i.currency} />
      </Table.Td>
      <Table.Td ta="right">
        <Money cents={i.balance_cents} currency={i.currency} dimZero fw={600} />
      </Table.Td>
      <Table.Td>
        <InvoiceStatusBadge status={i.status} daysOverdue={i.days_overdue} />
      </Table.Td>
      <Table.Td>
        <Group gap={2} wrap="nowrap" justify="flex-end">
          {i.has_pdf && (
            <Tooltip label={t('invoices.pdf.download')}>
              <ActionIcon variant="subtle" color="red" loading={busy} onClick={() => download(i.id, i.number)} aria-label={t('invoices.pdf.downloadNamed', { number: i.number })}>
                <IconFileTypePdf size={18} />
              </ActionIcon>
            </Tooltip>
          )}
          {payable && (
            <Tooltip label={t('payments.record.action')}>
              <ActionIcon variant="subtle" color="teal" onClick={() => onPay(i)} aria-label={t('payments.record.forInvoice', { number: i.number })}>
                <IconCash size={18} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** An invoice on a phone: number and customer, then status and balance. */
function InvoiceCard({ i }: { i: Invoice }) {
  const fmt = useFormat();
  return (
    <UnstyledButton component={Link} to={`/invoices/${i.id}`} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)', display: 'block' }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0} miw={0}>
          <Text size="sm" fw={600} c="indigo.7">
            {i.number}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {i.customer_name} · {fmt.date(i.due_date)}
          </Text>
        </Stack>
        <Money cents={i.balance_cents} currency={i.currency} dimZero fw={600} />
      </Group>
      <Group justify="flex-end" mt={4}>
        <InvoiceStatusBadge status={i.status} daysOverdue={i.days_overdue} />
      </Group>
    </UnstyledButton>
  );
}

/** Invoices: search, filters in the URL (status, overdue, due range, segment, customer), sort, pages. */
export function InvoicesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const [pay, setPay] = useState<PaymentTarget | null>(null);
  const list = useUrlListState({ field: 'issue_date', desc: true });
  const { download, busy } = useDownloadPdf();

  const params = list.params;
  const statuses = listParam(params, 'status', INVOICE_STATUSES);
  const overdue = params.get('overdue') === 'true';
  const dueFrom = params.get('due_from');
  const dueTo = params.get('due_to');
  const segment = (params.get('segment') ?? '').trim();
  const customerId = params.get('customer_id') ?? '';
  const customer = useCustomer(customerId);

  const { query, filtered } = list.filter({
    status: statuses.join(','),
    overdue,
    due_from: dueFrom,
    due_to: dueTo,
    segment,
    customer_id: customerId,
  });
  const invoices = useInvoices(query);

  return (
    <>
      <PageHeader
        title={t('nav.invoices')}
        description={t('pages.invoices.subtitle')}
        actions={
          <PageActions
            link={{ to: '/imports/new?kind=invoices', icon: <IconFileImport size={16} />, label: t('imports.action') }}
            action={{ icon: <IconPlus size={16} />, label: t('invoices.new'), onClick: open }}
          />
        }
      />
      <ListFrame
        toolbar={
          <Stack gap="sm" p="md">
            <Group gap="sm" align="center">
              <SearchInput value={list.search} onChange={list.setSearch} placeholder={t('invoices.search')} />
              <MultiSelect
                placeholder={statuses.length ? undefined : t('invoices.allStatuses')}
                aria-label={t('fields.status')}
                data={INVOICE_STATUSES.map((v) => ({ value: v, label: t(`invoices.status.${v}`) }))}
                value={statuses}
                onChange={(v) => list.setFilters({ status: v.join(',') || null })}
                clearable
                w={{ base: '100%', xs: 230 }}
              />
              <DatePickerInput
                type="range"
                allowSingleDateInRange
                clearable
                valueFormat="DD/MM/YYYY"
                leftSection={<IconCalendar size={16} />}
                placeholder={t('invoices.dueRange')}
                aria-label={t('invoices.dueRange')}
                value={[dueFrom, dueTo]}
                onChange={([from, to]) => list.setFilters({ due_from: from, due_to: to })}
                w={{ base: '100%', xs: 220 }}
              />
              <SegmentFilter value={segment} onChange={(v) => list.setFilters({ segment: v })} w={{ base: '100%', xs: 190 }} />
              <Chip checked={overdue} onChange={(v) => list.setFilters({ overdue: v ? 'true' : null })} color="red" variant="outline" size="sm">
                {t('invoices.overdueOnly')}
              </Chip>
            </Group>
            {customerId && (
              <Group gap={6}>
                <Text size="sm" c="dimmed">
                  {t('invoices.forCustomer')}
                </Text>
                <Anchor component={Link} to={`/customers/${customerId}`} size="sm" fw={600}>
                  {customer.data?.name ?? '…'}
                </Anchor>
                <CloseButton size="sm" aria-label={t('common.clear')} onClick={() => list.setFilters({ customer_id: null })} />
              </Group>
            )}
          </Stack>
        }
        list={list}
        result={invoices}
        empty={filtered ? t('invoices.emptyFiltered') : t('invoices.empty')}
        minWidth={1040}
        testId={{ cards: 'invoice-cards' }}
        columns={[
          { label: t('invoices.fields.number'), sort: 'number' },
          { label: t('invoices.fields.customer'), sort: 'customer' },
          { label: t('invoices.fields.issueDate'), sort: 'issue_date' },
          { label: t('invoices.fields.dueDate'), sort: 'due_date' },
          { label: t('invoices.fields.total'), sort: 'total', align: 'right' },
          { label: t('invoices.fields.balance'), sort: 'balance', align: 'right' },
          { label: t('fields.status'), sort: 'days_overdue' },
          { w: 90 },
        ]}
        card={(i) => <InvoiceCard key={i.id} i={i} />}
        row={(i) => (
          <InvoiceRow
            key={i.id}
            i={i}
            busy={busy === i.id}
            download={(id, n) => void download(id, n)}
            onPay={(inv) =>
              setPay({
                customerId: inv.customer_id,
                customerName: inv.customer_name,
                currency: inv.currency,
                invoice: { id: inv.id, number: inv.number, balance_cents: inv.balance_cents },
              })
            }
          />
        )}
      />
      <InvoiceFormModal opened={opened} onClose={close} onCreated={(i) => navigate(`/invoices/${i.id}`)} />
      <RecordPaymentModal target={pay} onClose={() => setPay(null)} />
    </>
  );
}
