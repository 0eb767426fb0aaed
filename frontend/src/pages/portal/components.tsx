// Small pieces shared by the requests page, the portal settings and the customer's portal link card.
import { Anchor, Badge, Button, Group, Select, Table, Text, type MantineColor } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError } from '../../forms/serverErrors';
import { saveBlob } from '../invoices/pdf';
import { useCustomer, useCustomers } from '../ledger/queries';
import { fetchAttachment, type HeldInvoice } from './queries';

export const NOWRAP = { whiteSpace: 'nowrap' } as const;
const NO_TRUNCATE = { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } };

/** The four tabs of the requests page, and the statuses each list filters on. */
export type RequestTab = 'questions' | 'disputes' | 'promises' | 'bank';
export const REQUEST_TABS: RequestTab[] = ['questions', 'disputes', 'promises', 'bank'];
export const STATUSES: Record<RequestTab, string[]> = {
  questions: ['open', 'answered'],
  disputes: ['open', 'resolved'],
  promises: ['open', 'kept', 'broken', 'cancelled'],
  bank: ['pending', 'confirmed', 'rejected'],
};

const STATUS_COLORS: Record<RequestTab, Record<string, MantineColor>> = {
  questions: { open: 'orange', answered: 'teal' },
  disputes: { open: 'orange', resolved: 'teal' },
  promises: { open: 'blue', kept: 'green', broken: 'red', cancelled: 'gray' },
  bank: { pending: 'orange', confirmed: 'teal', rejected: 'gray' },
};

/** A request's status in words, coloured: what waits for someone is orange. */
export function RequestStatusBadge({ tab, status }: { tab: RequestTab; status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[tab][status] ?? 'gray'} variant="light" radius="sm" size="sm" tt="none" fw={600} styles={NO_TRUNCATE}>
      {t(`portal.statuses.${tab}.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** The customer's name, linking to its page: bold in lists, plain among a drawer's facts. */
export function CustomerLink({ id, name, plain = false, truncate }: { id: string; name: string; plain?: boolean; truncate?: boolean }) {
  return (
    <Anchor component={Link} to={`/customers/${id}`} size="sm" fw={plain ? undefined : 600} c={plain ? undefined : 'dark'} truncate={truncate}>
      {name}
    </Anchor>
  );
}

/** The first two cells of a request's row: its status (and `status`, under it), its customer (and `children`). */
export function LeadCells({ tab, item, miw = 180, status, children }: { tab: RequestTab; item: { status: string; customer_id: string; customer_name: string }; miw?: number; status?: ReactNode; children?: ReactNode }) {
  return (
    <>
      <Table.Td>
        <RequestStatusBadge tab={tab} status={item.status} />
        {status}
      </Table.Td>
      <Table.Td miw={miw}>
        <CustomerLink id={item.customer_id} name={item.customer_name} />
        {children}
      </Table.Td>
    </>
  );
}

/** Who opened a dispute or a promise: the debtor on the page, the team, the API. */
export function SourceBadge({ source }: { source: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={source === 'portal' ? 'indigo' : 'gray'} variant={source === 'portal' ? 'light' : 'outline'} radius="sm" size="xs" tt="none" fw={600} styles={NO_TRUNCATE}>
      {t(`portal.sources.${source}`, { defaultValue: source })}
    </Badge>
  );
}

/** A dispute reason code in words; an unknown code still reads. */
export function disputeReasonText(reason: string, t: TFunction): string {
  return t(`portal.reasons.${reason}`, { defaultValue: reason.replace(/_/g, ' ') });
}

/** A payment method of a promise in words. */
export function methodText(method: string, t: TFunction): string {
  return t(`payments.methods.${method}`, { defaultValue: method.replace(/_/g, ' ') });
}

/** The invoices a dispute or a promise holds, as links. */
export function InvoiceLinks({ invoices }: { invoices: readonly HeldInvoice[] }) {
  if (invoices.length === 0) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={6} wrap="wrap">
      {invoices.map((i) => (
        <Anchor key={i.id} component={Link} to={`/invoices/${i.id}`} size="sm" fw={600} style={NOWRAP}>
          {i.number}
        </Anchor>
      ))}
    </Group>
  );
}

/** The balance left on held invoices (they share the customer's currency). */
export function heldBalance(invoices: readonly HeldInvoice[]): { cents: number; currency: string } {
  return { cents: invoices.reduce((s, i) => s + i.balance_cents, 0), currency: invoices[0]?.currency ?? 'EUR' };
}

/** Downloads a debtor's attachment (never shown inline on our origin). */
export function AttachmentButton({ kind, id, name, size = 'compact-sm' }: { kind: 'question' | 'dispute'; id: string; name: string | null; size?: 'compact-sm' | 'sm' }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const file = await fetchAttachment(kind, id);
      saveBlob(file.blob, file.name ?? name ?? 'attachment');
    } catch (err) {
      notifications.show({ color: 'red', title: t('portal.attachment.failed'), message: describeError(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size={size}
      variant="light"
      color="gray"
      leftSection={<IconPaperclip size={14} />}
      loading={busy}
      onClick={download}
      aria-label={t('portal.attachment.download', { name: name ?? '' })}
      styles={{ label: { overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: 220 } }}
    >
      {name ?? t('portal.attachment.file')}
    </Button>
  );
}

/** Filters a list on one customer, searched by name; the choice lives in the URL as customer_id. */
export function CustomerFilter({ value, onChange }: { value: string; onChange: (id: string | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useCustomers({ q: q || undefined, sort: 'name', limit: 20, offset: 0 });
  const chosen = useCustomer(value);
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (value && chosen.data && !list.some((c) => c.value === value)) list.unshift({ value, label: chosen.data.name });
    return list;
  }, [found.data, value, chosen.data]);
  return (
    <Select
      placeholder={t('portal.filters.allCustomers')}
      aria-label={t('portal.filters.customer')}
      searchable
      clearable
      data={options}
      value={value || null}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('invoices.form.noCustomer')}
      w={{ base: '100%', xs: 240 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
