// The "Relances" card of the customer and invoice pages: which scenario applies and why, the rules
// (override, grace, pause, exclusion), the next actions, and on an invoice its penalties.
import {
  Anchor,
  Badge,
  Button,
  Collapse,
  Group,
  List,
  Menu,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  ThemeIcon,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconPlayerPause, IconPlayerPlay, IconPlayerSkipForward, IconReceipt2, IconSend, IconSettings } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { hasRole, useRole } from '../../auth/useAuth';
import { QueryState } from '../../components/QueryState';
import { DateField, todayISO } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../format/useFormat';
import { applyServerErrorsAt, describeError } from '../../forms/serverErrors';
import { Panel } from '../ledger/components';
import { ChannelIcon, channelText, StageBadge } from './components';
import type { CustomerRules, DunningSource, DunningView, InvoiceRules, NextAction } from '../../api/types';
import {
  useCustomerDunning,
  useInvoiceDunning,
  useInvoiceDunningCommand,
  usePenalties,
  useSaveCustomerRules,
  useSaveInvoiceRules,
  useScenarios,
} from './queries';

const SOURCE_COLORS: Record<DunningSource, string> = { invoice: 'grape', customer: 'violet', segment: 'cyan', default: 'gray', none: 'red' };

/** "YYYY-MM-DD" `days` after today. */
export function daysFromToday(days: number, now: Date = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return todayISO(d);
}

/**
 * The rules as the forms hold them: "none" is null (the API sends null and takes "" or null).
 */
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
type CustomerRulesValues = Nullable<CustomerRules, 'scenario_id' | 'paused_until'>;
type InvoiceRulesValues = Nullable<InvoiceRules, 'scenario_id' | 'paused_until'>;

function customerValues(r: CustomerRules | undefined): CustomerRulesValues {
  return {
    scenario_id: r?.scenario_id || null,
    grace_days: r?.grace_days ?? 0,
    letter_instead_of_email: r?.letter_instead_of_email ?? false,
    paused_until: r?.paused_until || null,
    disabled: r?.disabled ?? false,
  };
}

function invoiceValues(r: InvoiceRules | undefined): InvoiceRulesValues {
  return { scenario_id: r?.scenario_id || null, paused_until: r?.paused_until || null, excluded: r?.excluded ?? false };
}

/** The body of PUT …/dunning: "" for none. */
function withBlanks<T extends { scenario_id: string | null; paused_until: string | null }>(v: T): Omit<T, 'scenario_id' | 'paused_until'> & { scenario_id: string; paused_until: string } {
  return { ...v, scenario_id: v.scenario_id ?? '', paused_until: v.paused_until ?? '' };
}

/** Whether reminders are paused today by `paused_until`. */
export function isPaused(pausedUntil: string | null | undefined, today = todayISO()): boolean {
  return Boolean(pausedUntil && pausedUntil >= today);
}

/** Which scenario applies, and the server's sentences saying why. */
function Explanation({ view }: { view: DunningView }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid="dunning-explanation">
      <Group gap="xs">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
          {t('dunning.card.scenario')}
        </Text>
        <Badge size="xs" variant="light" color={SOURCE_COLORS[view.source] ?? 'gray'} radius="sm" tt="none">
          {t(`dunning.sources.${view.source}`, { defaultValue: view.source })}
        </Badge>
      </Group>
      {view.scenario_id ? (
        <Anchor component={Link} to={`/dunning/scenarios/${view.scenario_id}`} size="sm" fw={600}>
          {view.scenario_name}
        </Anchor>
      ) : (
        <Text size="sm" c="dimmed">
          {t('dunning.card.noScenario')}
        </Text>
      )}
      {view.explanation?.length > 0 && (
        <List size="sm" spacing={2} c="dimmed">
          {view.explanation.map((s) => (
            <List.Item key={s}>{s}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** The next actions (120 days): date, stage, channel, invoices; `actions` adds buttons to a row. */
function NextActions({ items, actions }: { items: readonly NextAction[]; actions?: (a: NextAction, i: number) => ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Stack gap={6} data-testid="next-actions">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {t('dunning.card.next')}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('dunning.card.noNext')}
        </Text>
      ) : (
        items.map((a, i) => (
          <Stack key={`${a.date}-${a.step_id}-${i}`} gap={4} py={6} style={{ borderTop: i ? '1px solid var(--mantine-color-gray-2)' : undefined }}>
            <Group gap={8} wrap="nowrap" miw={0}>
              <ThemeIcon variant="light" color="gray" size="sm" radius="sm">
                <ChannelIcon channel={a.channel} size={14} />
              </ThemeIcon>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {fmt.date(a.date)}
              </Text>
              <StageBadge stage={a.stage} size="xs" />
            </Group>
            <Text size="xs" c="dimmed" pl={30}>
              {[channelText(a.channel, t), (a.invoice_numbers ?? []).join(', ')].filter(Boolean).join(' · ')}
            </Text>
            {actions && <Group pl={30}>{actions(a, i)}</Group>}
          </Stack>
        ))
      )}
    </Stack>
  );
}

/** Pause for a week, two weeks or a month; or resume now: `quick` saves the rules with the new date and says so. */
function PauseButtons({ pausedUntil, quick, busy }: { pausedUntil: string | null; quick: (patch: { paused_until: string | null }, message: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const onPause = (until: string) => quick({ paused_until: until }, t('dunning.rules.pausedDone'));
  const onResume = () => quick({ paused_until: null }, t('dunning.rules.resumedDone'));
  if (isPaused(pausedUntil)) {
    return (
      <Button size="compact-sm" variant="light" color="teal" leftSection={<IconPlayerPlay size={14} />} loading={busy} onClick={onResume}>
        {t('dunning.card.resume')}
      </Button>
    );
  }
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="light" color="orange" leftSection={<IconPlayerPause size={14} />} rightSection={<IconChevronDown size={12} />} loading={busy}>
          {t('dunning.card.pause')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {[7, 14, 30].map((d) => (
          <Menu.Item key={d} onClick={() => onPause(daysFromToday(d))}>
            {t('dunning.card.pauseFor', { count: d })}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function ScenarioOverride(props: { value?: string | null; onChange: (v: string | null) => void; error?: ReactNode; disabled?: boolean }) {
  const { t } = useTranslation();
  const scenarios = useScenarios();
  return (
    <Select
      label={t('dunning.rules.scenario')}
      placeholder={t('dunning.rules.automatic')}
      data={(scenarios.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
      clearable
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}

/** Status line above the card: paused until, disabled, excluded. */
function RuleState({ paused, disabled, excluded }: { paused: string | null; disabled?: boolean; excluded?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const badges: string[] = [];
  if (disabled) badges.push(t('dunning.rules.disabledBadge'));
  if (excluded) badges.push(t('dunning.rules.excludedBadge'));
  if (isPaused(paused)) badges.push(t('dunning.rules.pausedBadge', { date: fmt.date(paused) }));
  if (badges.length === 0) return null;
  return (
    <Group gap={6} data-testid="rule-state">
      {badges.map((b) => (
        <Badge key={b} color="orange" variant="light" radius="sm" tt="none">
          {b}
        </Badge>
      ))}
    </Group>
  );
}


const CARD_LOADING = <Skeleton h={120} radius="md" />;

function CustomerRulesForm({ customerId, rules, onDone }: { customerId: string; rules: CustomerRules; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCustomerRules(customerId);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<CustomerRulesValues>({ initialValues: customerValues(rules) });
  useEffect(() => {
    form.setValues(customerValues(rules));
    form.resetDirty(customerValues(rules));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rules]);
  const submit = form.onSubmit((v) => {
    setError(null);
    save.mutate(
      withBlanks({ ...v, grace_days: Number(v.grace_days) || 0 }),
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('dunning.rules.saved') });
          onDone();
        },
        onError: (err) => setError(applyServerErrorsAt(form, err, ['scenario_id', 'grace_days', 'letter_instead_of_email', 'paused_until', 'disabled'], t)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate data-testid="rules-form">
      <Stack gap="sm">
        <FormAlert message={error} />
        <ScenarioOverride {...form.getInputProps('scenario_id')} />
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput label={t('dunning.rules.graceDays')} description={t('dunning.rules.graceDaysHelp')} min={0} max={365} allowDecimal={false} {...form.getInputProps('grace_days')} />
          <DateField label={t('dunning.rules.pausedUntil')} clearable minDate={todayISO()} {...form.getInputProps('paused_until')} />
        </SimpleGrid>
        <Switch label={t('dunning.rules.letterInsteadOfEmail')} {...form.getInputProps('letter_instead_of_email', { type: 'checkbox' })} />
        <Switch label={t('dunning.rules.disabled')} description={t('dunning.rules.disabledHelp')} color="red" {...form.getInputProps('disabled', { type: 'checkbox' })} />
        <Group justify="flex-end" gap="xs">
          <Button size="compact-sm" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button size="compact-sm" type="submit" loading={save.isPending}>
            {t('dunning.rules.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Change the rules", and under it the rules form (`form`, told when it is done) while open. */
function RulesToggle({ form }: { form: (done: () => void) => ReactNode }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <>
      <Button
        size="compact-sm"
        variant="subtle"
        leftSection={<IconSettings size={15} />}
        onClick={() => setEditing((e) => !e)}
        aria-expanded={editing}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('dunning.rules.edit')}
      </Button>
      <Collapse in={editing}>{editing && form(() => setEditing(false))}</Collapse>
    </>
  );
}

/** The customer page's card. */
export function CustomerDunningCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const canWrite = hasRole(useRole(), 'collector');
  const view = useCustomerDunning(customerId);
  const save = useSaveCustomerRules(customerId);
  const rules = view.data?.customer;
  const quick = (patch: Partial<CustomerRulesValues>, message: string) =>
    rules &&
    save.mutate(
      withBlanks({ ...customerValues(rules), ...patch }),
      {
        onSuccess: () => notifications.show({ color: 'green', message }),
        onError: (err) => notifications.show({ color: 'red', title: t('dunning.rules.failed'), message: describeError(err, t) }),
      },
    );
  return (
    <Panel
      title={t('dunning.card.title')}
      p="md"
      id="dunning"
      actions={
        canWrite && rules ? (
          <PauseButtons pausedUntil={rules.paused_until} busy={save.isPending} quick={quick} />
        ) : undefined
      }
    >
      <QueryState query={view} loading={CARD_LOADING} failure="text">
        {(v) => (
          <Stack gap="md">
            <RuleState paused={v.customer.paused_until} disabled={v.customer.disabled} />
            <Explanation view={v} />
            <NextActions items={v.next_actions ?? []} />
            <Anchor component={Link} to={`/dunning/outbox?customer_id=${customerId}`} size="sm">
              {t('dunning.card.history')}
            </Anchor>
            {canWrite && (
              <RulesToggle form={(done) => <CustomerRulesForm customerId={customerId} rules={v.customer} onDone={done} />} />
            )}
          </Stack>
        )}
      </QueryState>
    </Panel>
  );
}

function InvoiceRulesForm({ invoiceId, rules, onDone }: { invoiceId: string; rules: InvoiceRules | undefined; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveInvoiceRules(invoiceId);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<InvoiceRulesValues>({ initialValues: invoiceValues(rules) });
  useEffect(() => {
    form.setValues(invoiceValues(rules));
    form.resetDirty(invoiceValues(rules));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rules]);
  const submit = form.onSubmit((v) => {
    setError(null);
    save.mutate(withBlanks(v), {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('dunning.rules.saved') });
        onDone();
      },
      onError: (err) => setError(applyServerErrorsAt(form, err, ['scenario_id', 'paused_until', 'excluded'], t)),
    });
  });
  return (
    <form onSubmit={submit} noValidate data-testid="rules-form">
      <Stack gap="sm">
        <FormAlert message={error} />
        <ScenarioOverride {...form.getInputProps('scenario_id')} />
        <DateField label={t('dunning.rules.pausedUntil')} clearable minDate={todayISO()} {...form.getInputProps('paused_until')} />
        <Switch label={t('dunning.rules.excluded')} description={t('dunning.rules.excludedHelp')} color="red" {...form.getInputProps('excluded', { type: 'checkbox' })} />
        <Group justify="flex-end" gap="xs">
          <Button size="compact-sm" variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button size="compact-sm" type="submit" loading={save.isPending}>
            {t('dunning.rules.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Interest and indemnity as of today, and the button that invoices them. */
function PenaltiesBlock({ invoiceId, canWrite }: { invoiceId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const penalties = usePenalties(invoiceId);
  const command = useInvoiceDunningCommand(invoiceId);
  const p = penalties.data;
  if (penalties.isPending) return <Skeleton h={60} />;
  if (penalties.error || !p) return null;
  const issue = () =>
    modals.openConfirmModal({
      title: t('dunning.penalties.issueTitle'),
      children: <Text size="sm">{t('dunning.penalties.issueConfirm', { amount: fmt.money(p.total_cents, p.currency) })}</Text>,
      labels: { confirm: t('dunning.penalties.issue'), cancel: t('common.cancel') },
      onConfirm: () =>
        command.mutate(
          { command: 'penalty-invoice' },
          {
            onSuccess: (created) => {
              const inv = created as { id?: string; number?: string } | undefined;
              notifications.show({ color: 'green', message: t('dunning.penalties.issued', { number: inv?.number ?? '' }) });
              if (inv?.id) navigate(`/invoices/${inv.id}`);
            },
            onError: (err) => notifications.show({ color: 'red', title: t('dunning.penalties.issueFailed'), message: describeError(err, t) }),
          },
        ),
    });
  const row = (label: string, value: ReactNode) => (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        {value}
      </Text>
    </Group>
  );
  return (
    <Stack gap={6} data-testid="penalties">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {t('dunning.penalties.title', { date: fmt.date(p.as_of) })}
      </Text>
      {row(t('dunning.penalties.interest', { rate: fmt.number(p.rate), days: p.days_late }), fmt.money(p.interest_cents, p.currency))}
      {row(t('dunning.penalties.indemnity'), fmt.money(p.indemnity_cents, p.currency))}
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>
          {t('dunning.penalties.total')}
        </Text>
        <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {fmt.money(p.total_cents, p.currency)}
        </Text>
      </Group>
      {canWrite && p.total_cents > 0 && (
        <Button size="compact-sm" variant="light" leftSection={<IconReceipt2 size={15} />} loading={command.isPending} onClick={issue} style={{ alignSelf: 'flex-start' }}>
          {t('dunning.penalties.issue')}
        </Button>
      )}
    </Stack>
  );
}

/** The invoice page's card: also "Send now" and "Skip this step", and the penalties of a late invoice. */
export function InvoiceDunningCard({ invoiceId, live, overdue }: { invoiceId: string; live: boolean; overdue: boolean }) {
  const { t } = useTranslation();
  const canWrite = hasRole(useRole(), 'collector');
  const view = useInvoiceDunning(invoiceId);
  const save = useSaveInvoiceRules(invoiceId);
  const command = useInvoiceDunningCommand(invoiceId);
  const rules = view.data ? invoiceValues(view.data.invoice) : undefined;
  const quick = (patch: Partial<InvoiceRulesValues>, message: string) =>
    rules &&
    save.mutate(
      withBlanks({ ...rules, ...patch }),
      {
        onSuccess: () => notifications.show({ color: 'green', message }),
        onError: (err) => notifications.show({ color: 'red', title: t('dunning.rules.failed'), message: describeError(err, t) }),
      },
    );
  const sendNow = () =>
    command.mutate(
      { command: 'send-now' },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('dunning.card.sentNow') }),
        onError: (err) => notifications.show({ color: 'red', title: t('dunning.card.sendNowFailed'), message: describeError(err, t) }),
      },
    );
  const skip = (a: NextAction) =>
    command.mutate(
      { command: 'skip', stepId: a.step_id },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('dunning.card.skipped') }),
        onError: (err) => notifications.show({ color: 'red', title: t('dunning.card.skipFailed'), message: describeError(err, t) }),
      },
    );
  const rowActions = canWrite && live
    ? (a: NextAction, i: number) => (
        <Group gap={4} wrap="nowrap">
          {i === 0 && (
            <Tooltip label={t('dunning.card.sendNowHelp')}>
              <Button size="compact-xs" variant="light" leftSection={<IconSend size={13} />} onClick={sendNow} loading={command.isPending && command.variables?.command === 'send-now'}>
                {t('dunning.card.sendNow')}
              </Button>
            </Tooltip>
          )}
          <Tooltip label={t('dunning.card.skipHelp')}>
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              leftSection={<IconPlayerSkipForward size={13} />}
              onClick={() => skip(a)}
              aria-label={t('dunning.card.skipNamed', { date: a.date })}
            >
              {t('dunning.card.skip')}
            </Button>
          </Tooltip>
        </Group>
      )
    : undefined;
  return (
    <Panel
      title={t('dunning.card.title')}
      p="md"
      id="dunning"
      actions={
        canWrite && rules && live ? (
          <PauseButtons pausedUntil={rules.paused_until} busy={save.isPending} quick={quick} />
        ) : undefined
      }
    >
      <QueryState query={view} loading={CARD_LOADING} failure="text">
        {(v) => (
          <Stack gap="md">
            <RuleState paused={v.invoice?.paused_until ?? null} excluded={v.invoice?.excluded} disabled={v.customer.disabled} />
            <Explanation view={v} />
            <NextActions items={v.next_actions ?? []} actions={rowActions} />
            {overdue && <PenaltiesBlock invoiceId={invoiceId} canWrite={canWrite} />}
            {canWrite && (
              <RulesToggle form={(done) => <InvoiceRulesForm invoiceId={invoiceId} rules={v.invoice} onDone={done} />} />
            )}
            <Anchor component={Link} to={`/dunning/outbox?invoice_id=${invoiceId}`} size="sm">
              {t('dunning.card.history')}
            </Anchor>
          </Stack>
        )}
      </QueryState>
    </Panel>
  );
}
