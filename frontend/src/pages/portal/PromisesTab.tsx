import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../auth/useAuth';
import { confirmDanger } from '../../components/confirmDanger';
import { todayISO } from '../../components/DateField';
import { useFormat } from '../../format/useFormat';
import { Money } from '../ledger/components';
import { CustomerLink, heldBalance, InvoiceLinks, LeadCells, methodText, NOWRAP, RequestStatusBadge, SourceBadge } from './components';
import { useCancelPromise, usePromises, type PromiseItem } from './queries';
import { RequestListFrame, useRequestList } from './requestList';

/** Days from today to a "YYYY-MM-DD" day (negative when past). */
export function daysUntil(day: string, today: string = todayISO()): number {
  const at = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((at(day) - at(today)) / 86_400_000);
}

/** "dans 3 jours" / "aujourd'hui" / "dépassée de 2 jours", for an open promise. */
function PromisedOn({ p }: { p: PromiseItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const days = daysUntil(p.promised_on);
  const hint = p.status !== 'open' ? null : days === 0 ? t('portal.promises.today') : days > 0 ? t('portal.promises.inDays', { count: days }) : t('portal.promises.pastDays', { count: -days });
  return (
    <>
      <Text size="sm" fw={600} style={NOWRAP}>
        {fmt.date(p.promised_on)}
      </Text>
      {hint && (
        <Text size="xs" c={days < 0 ? 'orange.8' : 'dimmed'} style={NOWRAP}>
          {hint}
        </Text>
      )}
    </>
  );
}

/** Cancelling makes reminders resume; it asks first. */
function useCancel() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const cancel = useCancelPromise();
  const ask = (p: PromiseItem) =>
    confirmDanger({
      title: t('portal.promises.cancelTitle'),
      message: t('portal.promises.cancelConfirm', { name: p.customer_name, date: fmt.date(p.promised_on) }),
      confirm: t('portal.promises.cancel'),
      run: (after) => cancel.mutate(p.id, after),
      done: t('portal.promises.cancelled'),
      failed: t('portal.promises.cancelFailed'),
      t,
    });
  return { ask, busy: cancel.isPending ? cancel.variables : null };
}

function CancelButton({ p, onCancel, busy }: { p: PromiseItem; onCancel: (p: PromiseItem) => void; busy: string | null | undefined }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  if (p.status !== 'open' || !canWrite) return null;
  return (
    <Button size="compact-sm" variant="light" color="gray" leftSection={<IconX size={14} />} loading={busy === p.id} onClick={() => onCancel(p)} aria-label={t('portal.promises.cancelNamed', { name: p.customer_name })}>
      {t('common.cancel')}
    </Button>
  );
}

/** Promises to pay, from the page, the team or the API; open ones first, the soonest first. */
export function PromisesTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const state = useRequestList('promises');
  const promises = usePromises(state.query);
  const cancel = useCancel();
  return (
    <RequestListFrame
      tab="promises"
      state={state}
      result={promises}
      minWidth={1040}
      testId={{ cards: 'promise-cards', table: 'promises-table' }}
      statusWidth={120}
      columns={[
        { label: t('portal.fields.invoices') },
        { label: t('portal.fields.balance'), align: 'right' },
        { label: t('portal.fields.promisedOn'), sort: 'promised_on' },
        { label: t('portal.fields.method') },
        { label: t('portal.fields.recordedOn'), sort: 'created_at' },
        { w: 120 },
      ]}
      card={(p) => {
        const held = heldBalance(p.invoices);
        return (
          <Stack key={p.id} gap={4} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <CustomerLink id={p.customer_id} name={p.customer_name} truncate />
              <RequestStatusBadge tab="promises" status={p.status} />
            </Group>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <div>
                <PromisedOn p={p} />
              </div>
              <Stack gap={0} align="flex-end">
                <Money cents={held.cents} currency={held.currency} />
                <Text size="xs" c="dimmed">
                  {methodText(p.method, t)}
                </Text>
              </Stack>
            </Group>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <InvoiceLinks invoices={p.invoices} />
              <CancelButton p={p} onCancel={cancel.ask} busy={cancel.busy} />
            </Group>
          </Stack>
        );
      }}
      row={(p) => {
        const held = heldBalance(p.invoices);
        return (
          <Table.Tr key={p.id} style={{ verticalAlign: 'top' }}>
            <LeadCells tab="promises" item={p}>
              <div>
                <SourceBadge source={p.source} />
              </div>
            </LeadCells>
            <Table.Td miw={140}>
              <InvoiceLinks invoices={p.invoices} />
            </Table.Td>
            <Table.Td ta="right">
              <Money cents={held.cents} currency={held.currency} />
            </Table.Td>
            <Table.Td>
              <PromisedOn p={p} />
            </Table.Td>
            <Table.Td>
              <Text size="sm">{methodText(p.method, t)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed" style={NOWRAP}>
                {fmt.date(p.created_at)}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <CancelButton p={p} onCancel={cancel.ask} busy={cancel.busy} />
            </Table.Td>
          </Table.Tr>
        );
      }}
    />
  );
}
