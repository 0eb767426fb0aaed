// Small pieces shared by the customer, invoice and payment pages.
import {
  Badge,
  Button,
  Group,
  List,
  Paper,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Timeline as MantineTimeline,
  Tooltip,
  type MantineColor,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPoint, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Activity, InvoiceStatus } from '../../api/types';
import { useFormat } from '../../format/useFormat';
import { describeError } from '../../forms/serverErrors';
import { describeActivity } from './activities';
import { problemSentences } from './problems';

/** An amount, right-aligned figures; red when `alert` and not zero. */
export function Money({ cents, currency, alert = false, dimZero = false, fw }: { cents: number; currency: string; alert?: boolean; dimZero?: boolean; fw?: number }) {
  const fmt = useFormat();
  const c = alert && cents > 0 ? 'red.7' : dimZero && cents === 0 ? 'dimmed' : undefined;
  return (
    <Text span size="sm" c={c} fw={fw ?? (alert && cents > 0 ? 600 : undefined)} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {fmt.money(cents, currency)}
    </Text>
  );
}

const STATUS_COLORS: Record<InvoiceStatus, MantineColor> = {
  open: 'blue',
  partially_paid: 'yellow',
  paid: 'green',
  cancelled: 'gray',
  written_off: 'gray',
};

const NO_TRUNCATE = { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } };

/** Paid (green), partially paid, open, overdue (red, "N days"), cancelled / written off (grey). */
export function InvoiceStatusBadge({ status, daysOverdue }: { status: InvoiceStatus; daysOverdue: number }) {
  const { t } = useTranslation();
  const overdue = (status === 'open' || status === 'partially_paid') && daysOverdue > 0;
  if (overdue) {
    return (
      <Group gap={4} wrap="nowrap">
        <Badge color="red" variant="light" radius="sm" tt="none" fw={600} styles={NO_TRUNCATE}>
          {t('invoices.overdueDays', { count: daysOverdue })}
        </Badge>
        {status === 'partially_paid' && (
          <Badge color="yellow" variant="light" radius="sm" tt="none" fw={600} styles={NO_TRUNCATE}>
            {t('invoices.status.partially_paid')}
          </Badge>
        )}
      </Group>
    );
  }
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" radius="sm" tt="none" fw={600} styles={NO_TRUNCATE}>
      {t(`invoices.status.${status}`)}
    </Badge>
  );
}

/** The count of a customer's data problems, with the list in plain words on hover; a check when there are none. */
export function DataQualityBadge({ problems }: { problems: readonly string[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) {
    return (
      <Tooltip label={t('customers.quality.complete')} withArrow>
        <ThemeIcon variant="transparent" color="teal" size="sm" aria-label={t('customers.quality.complete')}>
          <IconCircleCheck size={18} stroke={1.8} />
        </ThemeIcon>
      </Tooltip>
    );
  }
  const sentences = problemSentences(problems, t);
  return (
    <Tooltip
      multiline
      w={300}
      withArrow
      label={
        <List size="xs" spacing={2} c="white">
          {sentences.map((s) => (
            <List.Item key={s}>{s}</List.Item>
          ))}
        </List>
      }
    >
      <Badge
        color="orange"
        variant="light"
        radius="sm"
        styles={NO_TRUNCATE}
        leftSection={<IconAlertTriangle size={12} />}
        aria-label={t('customers.quality.problems', { count: problems.length }) + ': ' + sentences.join('; ')}
      >
        {problems.length}
      </Badge>
    </Tooltip>
  );
}

/** A KPI tile: label, a big figure, a line under it. */
export function StatTile({ label, value, hint, color, icon: I }: { label: string; value: ReactNode; hint?: ReactNode; color?: MantineColor; icon?: Icon }) {
  return (
    <Paper withBorder radius="lg" p={{ base: 'sm', sm: 'md' }} bg="white">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} miw={0}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
            {label}
          </Text>
          <Text fz={{ base: 17, sm: 22 }} fw={700} c={color} style={{ fontVariantNumeric: 'tabular-nums' }} lh={1.2}>
            {value}
          </Text>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </Stack>
        {I && (
          <ThemeIcon variant="light" color={color ?? 'indigo'} size={36} radius="md" visibleFrom="sm">
            <I size={20} stroke={1.6} />
          </ThemeIcon>
        )}
      </Group>
    </Paper>
  );
}

/** The timeline of a customer or an invoice, newest first. */
export function ActivityTimeline({
  activities,
  total = 0,
  isPending,
  error,
  currency,
  showInvoice = true,
  onMore,
  loadingMore = false,
}: {
  activities: readonly Activity[];
  total?: number;
  isPending: boolean;
  error: unknown;
  currency: string;
  showInvoice?: boolean;
  onMore?: () => void;
  loadingMore?: boolean;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (isPending) return <Skeleton h={80} radius="md" />;
  if (error) return <Text size="sm" c="red">{describeError(error, t)}</Text>;
  if (activities.length === 0) return <Text size="sm" c="dimmed">{t('timeline.empty')}</Text>;
  const sorted = [...activities].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
  return (
    <Stack gap="md">
    <MantineTimeline bulletSize={22} lineWidth={2} data-testid="timeline">
      {sorted.map((a) => {
        const view = describeActivity(a, t, fmt, currency);
        return (
          <MantineTimeline.Item
            key={a.id}
            color={view.tone}
            bullet={<IconPoint size={14} />}
            title={
              <Text size="sm" fw={500}>
                {view.sentence}
              </Text>
            }
          >
            {view.detail && (
              <Text size="xs" c="dimmed" mt={2}>
                {view.detail}
              </Text>
            )}
            <Text size="xs" c="dimmed" mt={2}>
              <Tooltip label={fmt.dateTime(a.occurred_at)} withArrow>
                <span>{fmt.relative(a.occurred_at)}</span>
              </Tooltip>
              {a.actor ? ` · ${a.actor}` : ''}
              {showInvoice && a.invoice_number && !view.sentence.includes(a.invoice_number) ? ` · ${a.invoice_number}` : ''}
            </Text>
          </MantineTimeline.Item>
        );
      })}
    </MantineTimeline>
    {onMore && total > activities.length && (
      <Button variant="subtle" size="compact-sm" onClick={onMore} loading={loadingMore} style={{ alignSelf: 'flex-start' }}>
        {t('timeline.more', { count: total - activities.length })}
      </Button>
    )}
    </Stack>
  );
}

/** A white card with a title and actions, holding a table or a list. */
export function Panel({ title, actions, children, p = 0, id }: { title: ReactNode; actions?: ReactNode; children: ReactNode; p?: number | string; id?: string }) {
  return (
    <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }} id={id}>
      <Group justify="space-between" px="md" py="sm" gap="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <Text fw={600}>{title}</Text>
        {actions}
      </Group>
      <div style={{ padding: typeof p === 'number' ? p : `var(--mantine-spacing-${p})` }}>{children}</div>
    </Paper>
  );
}
