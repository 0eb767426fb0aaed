import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Collapse,
  Divider,
  Drawer,
  Group,
  Modal,
  MultiSelect,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent, IconChevronDown, IconChevronUp, IconPlayerPlay, IconRefresh, IconRoute, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useRole } from '../../auth/useAuth';
import { DateField } from '../../components/DateField';
import { Fact } from '../../components/Fact';
import { FormAlert } from '../../components/FormAlert';
import { PageActions, PageHeader } from '../../components/PageHeader';
import { ListFrame } from '../../components/table/ListFrame';
import { SearchInput } from '../../components/table/SearchInput';
import { listParam, useUrlListState } from '../../components/table/useListState';
import { useFormat } from '../../format/useFormat';
import { describeError } from '../../forms/serverErrors';
import { Money } from '../ledger/components';
import {
  ActionStatusBadge,
  CHANNELS,
  ChannelLabel,
  channelText,
  displayStatus,
  inertEmailHtml,
  offsetLabel,
  skipReasonText,
  StageBadge,
  STAGES,
  STATUS_FILTERS,
} from './components';
import type { Action, Channel, PlannedAction, RunResult, Stage } from '../../api/types';
import { useAction, useActionCommand, useActions, useRunPlanner, useTomorrow } from './queries';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/**
 * Cancel (queued or pending) and retry (failed), for collectors and above. An uncertain email
 * may have reached the customer: "Send again" asks first, "Do not send" closes it.
 */
function ActionButtons({ action, size = 'compact-sm' }: { action: Pick<Action, 'id' | 'status' | 'customer_name'>; size?: 'compact-sm' | 'sm' }) {
  const { t } = useTranslation();
  const canWrite = hasRole(useRole(), 'collector');
  const command = useActionCommand();
  const [confirming, confirm] = useDisclosure(false);
  if (!canWrite) return null;
  type Done = 'dunning.outbox.cancelDone' | 'dunning.outbox.retryDone' | 'dunning.outbox.dontSendDone';
  const run = (c: 'cancel' | 'retry', done: Done = `dunning.outbox.${c}Done`) =>
    command.mutate(
      { id: action.id, command: c },
      {
        onSuccess: () => {
          confirm.close();
          notifications.show({ color: 'green', message: t(done) });
        },
        onError: (err) => notifications.show({ color: 'red', title: t(`dunning.outbox.${c}Failed`), message: describeError(err, t) }),
      },
    );
  if (action.status === 'uncertain') {
    return (
      <Group gap={6} wrap="nowrap">
        <Button size={size} variant="light" color="orange" leftSection={<IconRefresh size={14} />} onClick={confirm.open}>
          {t('dunning.outbox.sendAgain')}
        </Button>
        {size === 'sm' && ( // in the drawer only: a list row keeps one button
          <Button size={size} variant="light" color="gray" leftSection={<IconX size={14} />} loading={command.isPending} onClick={() => run('cancel', 'dunning.outbox.dontSendDone')}>
            {t('dunning.outbox.dontSend')}
          </Button>
        )}
        <Modal opened={confirming} onClose={confirm.close} title={t('dunning.outbox.sendAgainTitle')} centered>
          <Stack>
            <Text size="sm">{t('dunning.outbox.sendAgainConfirm', { customer: action.customer_name })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={confirm.close}>
                {t('common.cancel')}
              </Button>
              <Button color="orange" loading={command.isPending} onClick={() => run('retry')}>
                {t('dunning.outbox.sendAgain')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      </Group>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      {(action.status === 'queued' || action.status === 'pending') && (
        <Button size={size} variant="light" color="gray" leftSection={<IconX size={14} />} loading={command.isPending} onClick={() => run('cancel')}>
          {t('dunning.outbox.cancel')}
        </Button>
      )}
      {action.status === 'failed' && (
        <Button size={size} variant="light" color="orange" leftSection={<IconRefresh size={14} />} loading={command.isPending} onClick={() => run('retry')}>
          {t('dunning.outbox.retry')}
        </Button>
      )}
    </Group>
  );
}

/** One action in full: recipients, subject, invoices with their own status, error, Message-ID, the sent HTML. */
function ActionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const action = useAction(id);
  const a = action.data;
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title={a ? a.customer_name : t('dunning.outbox.detail')}>
      {action.isPending ? (
        <Stack>
          <Skeleton h={24} />
          <Skeleton h={200} />
        </Stack>
      ) : action.error || !a ? (
        <Text c="red" size="sm">
          {describeError(action.error, t)}
        </Text>
      ) : (
        <Stack gap="md" data-testid="action-detail">
          <Group justify="space-between" align="center">
            <Group gap="xs">
              <ActionStatusBadge status={displayStatus(a)} skipReason={a.skip_reason} />
              <StageBadge stage={a.stage} />
              <ChannelLabel channel={a.channel} />
            </Group>
            <ActionButtons action={a} size="sm" />
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Fact label={t('dunning.outbox.customer')}>
              <Anchor component={Link} to={`/customers/${a.customer_id}`} size="sm">
                {a.customer_name}
              </Anchor>
            </Fact>
            <Fact label={t('dunning.outbox.total')}>{fmt.money(a.total_cents, a.currency)}</Fact>
            <Fact label={t('dunning.outbox.plannedOn')}>{fmt.date(a.planned_on)}</Fact>
            <Fact label={a.sent_at ? t('dunning.outbox.sentAt') : t('dunning.outbox.sendAt')}>{fmt.dateTime(a.sent_at ?? a.send_at) || '—'}</Fact>
            {a.opened_at && <Fact label={t('dunning.outbox.openedAt')}>{fmt.dateTime(a.opened_at)}</Fact>}
            {a.clicked_at && <Fact label={t('dunning.outbox.clickedAt')}>{fmt.dateTime(a.clicked_at)}</Fact>}
            <Fact label={t('dunning.outbox.to')}>{(a.to ?? []).join(', ') || '—'}</Fact>
            <Fact label={t('dunning.outbox.cc')}>{(a.cc ?? []).join(', ') || '—'}</Fact>
            {a.message_id && <Fact label={t('dunning.outbox.messageId')}>
              <Text span size="xs" ff="monospace">{a.message_id}</Text>
            </Fact>}
            <Fact label={t('dunning.outbox.attempts')}>{a.attempts}</Fact>
          </SimpleGrid>
          {a.status === 'uncertain' && (
            <Alert color="orange" variant="light" title={t('dunning.outbox.uncertainTitle')} data-testid="uncertain-help">
              {t('dunning.outbox.uncertainHelp')}
            </Alert>
          )}
          {a.error && (
            <Alert color={a.status === 'uncertain' ? 'orange' : 'red'} variant="light" title={t('dunning.outbox.error')}>
              <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {a.error}
              </Text>
            </Alert>
          )}
          {a.skip_reason && a.status === 'skipped' && (
            <Alert color="gray" variant="light">
              {t('dunning.outbox.skippedBecause', { reason: skipReasonText(a.skip_reason, t) })}
            </Alert>
          )}
          <Divider label={t('dunning.outbox.items', { count: a.items?.length ?? 0 })} labelPosition="left" />
          <Stack gap={6}>
            {(a.items ?? []).map((it) => (
              <Group key={`${it.invoice_id}-${it.step_id}`} justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="xs" wrap="nowrap" miw={0}>
                  <Anchor component={Link} to={`/invoices/${it.invoice_id}`} size="sm" fw={600} style={NOWRAP}>
                    {it.invoice_number}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {offsetLabel(it.offset_days, t)}
                  </Text>
                </Group>
                <ActionStatusBadge status={it.status} skipReason={it.skip_reason} />
              </Group>
            ))}
          </Stack>
          {a.subject && (
            <>
              <Divider label={t('dunning.outbox.message')} labelPosition="left" />
              <Text size="sm" fw={600}>
                {a.subject}
              </Text>
            </>
          )}
          {a.html ? (
            <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
              <iframe title={t('dunning.outbox.sentHtml')} sandbox="" srcDoc={inertEmailHtml(a.html)} data-testid="sent-html" style={{ width: '100%', height: 480, border: 0, display: 'block', background: 'white' }} />
            </Paper>
          ) : a.text ? (
            <Paper withBorder radius="md" p="sm" bg="gray.0">
              <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>
                {a.text}
              </Text>
            </Paper>
          ) : null}
        </Stack>
      )}
    </Drawer>
  );
}

/** The actions a planner run made (or would make), as a short list. */
function PlannedList({ result, empty }: { result: RunResult; empty: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actions: PlannedAction[] = result.actions ?? [];
  if (actions.length === 0) return <Text size="sm" c="dimmed">{empty}</Text>;
  return (
    <ScrollArea.Autosize mah={420} type="auto" offsetScrollbars>
    <Stack gap={0} data-testid="planned-list">
      {actions.map((a) => (
        <Group key={a.id} justify="space-between" wrap="nowrap" gap="xs" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <Stack gap={2} miw={0}>
            <Anchor component={Link} to={`/customers/${a.customer_id}`} size="sm" fw={600} truncate>
              {a.customer_name}
            </Anchor>
            <Group gap={6}>
              <StageBadge stage={a.stage} size="xs" />
              <Text size="xs" c="dimmed">
                {channelText(a.channel, t)} · {(a.invoice_numbers ?? []).join(', ')}
              </Text>
            </Group>
          </Stack>
          <Stack gap={2} align="flex-end">
            <Money cents={a.total_cents} currency={a.currency} />
            {a.send_at && (
              <Text size="xs" c="dimmed" style={NOWRAP}>
                {fmt.dateTime(a.send_at)}
              </Text>
            )}
          </Stack>
        </Group>
      ))}
    </Stack>
    </ScrollArea.Autosize>
  );
}

/** Admins: run the planner now (outside the sending window), optionally as of another day. */
function RunPlannerModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const run = useRunPlanner();
  const [asOf, setAsOf] = useState<string | null>(null);
  const [ignoreWindow, setIgnoreWindow] = useState(true);
  const close = () => {
    run.reset();
    onClose();
  };
  const result = run.data;
  return (
    <Modal opened={opened} onClose={close} title={t('dunning.run.title')} size="lg" centered>
      <Stack gap="md">
        {!result ? (
          <>
            <Text size="sm" c="dimmed">
              {t('dunning.run.help')}
            </Text>
            <DateField label={t('dunning.run.asOf')} description={t('dunning.run.asOfHelp')} value={asOf} onChange={(v) => setAsOf(v as string | null)} clearable />
            <Checkbox label={t('dunning.run.ignoreWindow')} description={t('dunning.run.ignoreWindowHelp')} checked={ignoreWindow} onChange={(e) => setIgnoreWindow(e.currentTarget.checked)} />
            <FormAlert message={run.error ? describeError(run.error, t) : null} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button leftSection={<IconPlayerPlay size={16} />} loading={run.isPending} onClick={() => run.mutate({ ...(asOf ? { as_of: asOf } : {}), ignore_window: ignoreWindow })}>
                {t('dunning.run.action')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Alert color={result.planned > 0 ? 'teal' : 'gray'} variant="light" data-testid="run-result">
              {t('dunning.run.result', { count: result.planned, items: result.items, asOf: fmt.date(result.as_of), cutoff: fmt.date(result.cutoff) })}
            </Alert>
            <PlannedList result={result} empty={t('dunning.run.nothing')} />
            <Group justify="flex-end">
              <Button onClick={close}>{t('dunning.run.close')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** What the planner would plan tomorrow (a dry run), folded by default. */
function TomorrowPanel() {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  const tomorrow = useTomorrow();
  const planned = tomorrow.data?.planned ?? tomorrow.data?.actions?.length ?? 0;
  return (
    <Paper withBorder radius="lg" bg="white" mb="md" style={{ overflow: 'hidden' }} data-testid="tomorrow">
      <UnstyledButton onClick={toggle} w="100%" px="md" py="sm" aria-expanded={opened}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <IconCalendarEvent size={18} color="var(--mantine-color-indigo-6)" />
            <Text size="sm" fw={600}>
              {t('dunning.tomorrow.title')}
            </Text>
            {tomorrow.data && (
              <Badge variant="light" color={planned ? 'indigo' : 'gray'} radius="sm" tt="none">
                {t('dunning.tomorrow.count', { count: planned })}
              </Badge>
            )}
          </Group>
          {opened ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
        </Group>
      </UnstyledButton>
      <Collapse in={opened}>
        <Box px="md" pb="sm">
          {tomorrow.isPending ? (
            <Skeleton h={40} />
          ) : tomorrow.error || !tomorrow.data ? (
            <Text size="sm" c="red">
              {describeError(tomorrow.error, t)}
            </Text>
          ) : (
            <PlannedList result={tomorrow.data} empty={t('dunning.tomorrow.nothing')} />
          )}
        </Box>
      </Collapse>
    </Paper>
  );
}

function ActionRow({ a, onOpen }: { a: Action; onOpen: () => void }) {
  const fmt = useFormat();
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={(e) => !(e.target as HTMLElement).closest('a,button') && onOpen()}>
      <Table.Td>
        <ActionStatusBadge status={displayStatus(a)} skipReason={a.skip_reason} />
      </Table.Td>
      <Table.Td miw={200}>
        <Anchor component={Link} to={`/customers/${a.customer_id}`} size="sm" fw={600} c="dark">
          {a.customer_name}
        </Anchor>
        {a.subject && (
          <Text size="xs" c="dimmed" lineClamp={1} title={a.subject}>
            {a.subject}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <StageBadge stage={a.stage} />
      </Table.Td>
      <Table.Td>
        <ChannelLabel channel={a.channel} />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">{a.invoice_count}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Money cents={a.total_cents} currency={a.currency} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={NOWRAP}>
          {fmt.date(a.planned_on)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={a.sent_at ? undefined : 'dimmed'} style={NOWRAP}>
          {fmt.dateTime(a.sent_at) || '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <ActionButtons action={a} />
      </Table.Td>
    </Table.Tr>
  );
}

/** An action on a phone: customer and status, then stage, channel, total, date. */
function ActionCard({ a, onOpen }: { a: Action; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <UnstyledButton onClick={onOpen} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)', display: 'block', width: '100%' }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Stack gap={0} miw={0}>
          <Text size="sm" fw={600} truncate>
            {a.customer_name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {[channelText(a.channel, t), t('dunning.outbox.invoiceCount', { count: a.invoice_count }), fmt.date(a.planned_on)].join(' · ')}
          </Text>
        </Stack>
        <Money cents={a.total_cents} currency={a.currency} />
      </Group>
      <Group justify="space-between" mt={6} gap="xs">
        <StageBadge stage={a.stage} />
        <ActionStatusBadge status={displayStatus(a)} skipReason={a.skip_reason} />
      </Group>
    </UnstyledButton>
  );
}

/** The outbox: every planned, sent, failed or skipped action; filters in the URL; run the planner. */
export function OutboxPage() {
  const { t } = useTranslation();
  const isAdmin = hasRole(useRole(), 'admin');
  const list = useUrlListState({ field: 'planned_on', desc: true });
  const params = list.params;
  const [open, setOpen] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const statuses = listParam(params, 'status', STATUS_FILTERS);
  const channel = (params.get('channel') as Channel | null) ?? null;
  const stage = (params.get('stage') as Stage | null) ?? null;
  const customerId = params.get('customer_id') ?? '';
  const invoiceId = params.get('invoice_id') ?? '';

  const { query, filtered } = list.filter({ status: statuses.join(','), channel, stage, customer_id: customerId, invoice_id: invoiceId });
  const actions = useActions(query);

  return (
    <>
      <PageHeader
        title={t('dunning.outbox.title')}
        description={t('dunning.outbox.subtitle')}
        actions={
          <PageActions
            link={{ to: '/dunning', icon: <IconRoute size={16} />, label: t('dunning.scenarios.title') }}
            action={isAdmin && { icon: <IconPlayerPlay size={16} />, label: t('dunning.run.open'), onClick: () => setRunning(true) }}
          />
        }
      />
      <TomorrowPanel />
      <ListFrame
        toolbar={
          <Stack gap="sm" p="md">
            <Group gap="sm" align="center">
              <SearchInput value={list.search} onChange={list.setSearch} placeholder={t('dunning.outbox.search')} />
              <MultiSelect
                placeholder={statuses.length ? undefined : t('dunning.outbox.allStatuses')}
                aria-label={t('dunning.outbox.status')}
                data={STATUS_FILTERS.map((v) => ({ value: v, label: t(`dunning.statuses.${v}`) }))}
                value={statuses}
                onChange={(v) => list.setFilters({ status: v.join(',') || null })}
                clearable
                w={{ base: '100%', xs: 220 }}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                placeholder={t('dunning.outbox.allChannels')}
                aria-label={t('dunning.outbox.channel')}
                data={CHANNELS.map((v) => ({ value: v, label: t(`dunning.channels.${v}`) }))}
                value={channel}
                onChange={(v) => list.setFilters({ channel: v })}
                clearable
                w={{ base: '100%', xs: 160 }}
                comboboxProps={{ withinPortal: true }}
              />
              <Select
                placeholder={t('dunning.outbox.allStages')}
                aria-label={t('dunning.outbox.stage')}
                data={STAGES.map((v) => ({ value: v, label: t(`dunning.stages.${v}`) }))}
                value={stage}
                onChange={(v) => list.setFilters({ stage: v })}
                clearable
                w={{ base: '100%', xs: 180 }}
                comboboxProps={{ withinPortal: true }}
              />
            </Group>
            {(customerId || invoiceId) && (
              <Group gap={6}>
                <Text size="sm" c="dimmed">
                  {customerId ? t('dunning.outbox.forCustomer') : t('dunning.outbox.forInvoice')}
                </Text>
                <Button size="compact-xs" variant="light" color="gray" rightSection={<IconX size={12} />} onClick={() => list.setFilters({ customer_id: null, invoice_id: null })}>
                  {t('common.clear')}
                </Button>
              </Group>
            )}
          </Stack>
        }
        list={list}
        result={actions}
        empty={filtered ? t('dunning.outbox.emptyFiltered') : t('dunning.outbox.empty')}
        minWidth={1100}
        testId={{ cards: 'action-cards', table: 'outbox-table' }}
        columns={[
          { label: t('dunning.outbox.status'), sort: 'status' },
          { label: t('dunning.outbox.customer'), sort: 'customer' },
          { label: t('dunning.outbox.stage') },
          { label: t('dunning.outbox.channel') },
          { label: t('dunning.outbox.invoices'), align: 'right' },
          { label: t('dunning.outbox.total'), align: 'right' },
          { label: t('dunning.outbox.plannedOn'), sort: 'planned_on' },
          { label: t('dunning.outbox.sentAt'), sort: 'sent_at' },
          { w: 120 },
        ]}
        card={(a) => <ActionCard key={a.id} a={a} onOpen={() => setOpen(a.id)} />}
        row={(a) => <ActionRow key={a.id} a={a} onOpen={() => setOpen(a.id)} />}
      />
      <ActionDrawer id={open} onClose={() => setOpen(null)} />
      {isAdmin && <RunPlannerModal opened={running} onClose={() => setRunning(false)} />}
    </>
  );
}
