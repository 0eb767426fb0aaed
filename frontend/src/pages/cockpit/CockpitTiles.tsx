import { Group, SimpleGrid, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight, IconCalendarDollar, IconCash, IconClockExclamation, IconGauge, IconHandStop, IconReceipt, IconTarget, IconTrophy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AnalyticsSummary } from '../../api/types';
import { useFormat } from '../../format/useFormat';
import { StatTile } from '../ledger/components';

/**
 * The DSO against last month's: up (worse, red), down (better, green) or level, with the difference
 * in days; nothing while last month's is awaited (undefined), a word when there is none (null).
 */
export function DsoTrend({ current, previous }: { current: number; previous: number | null | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (previous === undefined) return null;
  if (previous === null) return <>{t('cockpit.kpi.noPrevious')}</>;
  const delta = Math.round((current - previous) * 10) / 10;
  const [I, color, key] =
    delta > 0
      ? ([IconArrowUpRight, 'red.7', 'cockpit.kpi.dsoUp'] as const)
      : delta < 0
        ? ([IconArrowDownRight, 'teal.7', 'cockpit.kpi.dsoDown'] as const)
        : ([IconArrowRight, 'dimmed', 'cockpit.kpi.dsoLevel'] as const);
  return (
    <Group gap={4} wrap="nowrap" component="span" data-testid="dso-trend" data-direction={delta > 0 ? 'up' : delta < 0 ? 'down' : 'level'}>
      <I size={14} color={`var(--mantine-color-${color === 'dimmed' ? 'gray-6' : color.replace('.', '-')})`} aria-hidden />
      <Text span size="xs" c={color}>
        {t(key, { days: fmt.decimal(Math.abs(delta)) })}
      </Text>
    </Group>
  );
}

/**
 * The cockpit's figures as of a day: what is owed and how much of it is late, how fast it comes in
 * (DSO, its trend, the best possible, CEI), what came in this month, what is promised and disputed.
 */
export function CockpitTiles({ summary, previousDso }: { summary: AnalyticsSummary; previousDso: number | null | undefined }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const money = (cents: number) => fmt.money(cents, summary.currency);
  const days = (v: number | null | undefined) => (v == null ? '—' : t('cockpit.kpi.days', { value: fmt.decimal(v), count: Math.round(v) }));
  const share = summary.receivables_cents > 0 ? (summary.overdue_cents / summary.receivables_cents) * 100 : null;
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" data-testid="cockpit-tiles">
      <StatTile icon={IconReceipt} label={t('cockpit.kpi.receivables')} value={money(summary.receivables_cents)} hint={t('cockpit.kpi.openInvoices', { count: summary.open_invoices })} />
      <StatTile
        icon={IconClockExclamation}
        color={summary.overdue_cents > 0 ? 'red.7' : undefined}
        label={t('cockpit.kpi.overdue')}
        value={money(summary.overdue_cents)}
        hint={share == null ? undefined : t('cockpit.kpi.overdueShare', { share: fmt.percent(share) })}
      />
      <StatTile icon={IconGauge} label={t('cockpit.kpi.dso')} value={days(summary.dso_countback)} hint={<DsoTrend current={summary.dso_countback} previous={previousDso} />} />
      <StatTile
        icon={IconTrophy}
        label={t('cockpit.kpi.bestPossibleDso')}
        value={days(summary.best_possible_dso_90)}
        hint={t('cockpit.kpi.averageDaysDelinquent', { days: fmt.decimal(summary.average_days_delinquent) })}
      />
      <StatTile icon={IconTarget} label={t('cockpit.kpi.cei')} value={fmt.percent(summary.cei_90)} hint={t('cockpit.kpi.ceiHint')} />
      <StatTile icon={IconCash} color="teal.7" label={t('cockpit.kpi.collected')} value={money(summary.collected_cents)} hint={t('cockpit.kpi.collectedHint')} />
      <StatTile icon={IconCalendarDollar} label={t('cockpit.kpi.promised')} value={money(summary.promised_cents)} hint={t('cockpit.kpi.promisedHint')} />
      <StatTile icon={IconHandStop} color={summary.disputed_cents > 0 ? 'orange.7' : undefined} label={t('cockpit.kpi.disputed')} value={money(summary.disputed_cents)} hint={t('cockpit.kpi.disputedHint')} />
    </SimpleGrid>
  );
}
