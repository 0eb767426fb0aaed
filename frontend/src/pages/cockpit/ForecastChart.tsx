import { CompositeChart } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Forecast } from '../../api/types';
import { intlLocale } from '../../i18n';
import { useFormat } from '../../format/useFormat';

/** One figure under the chart: a label and an amount. */
function Total({ label, cents, currency, testId }: { label: string; cents: number; currency: string; testId: string }) {
  const fmt = useFormat();
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {fmt.money(cents, currency)}
      </Text>
    </Stack>
  );
}

/**
 * The 13-week cash-in forecast: the cash expected each week (bars) with its P10–P90 band (the
 * shaded range), against what falls due that week (line); the totals over the 13 weeks and beyond.
 */
export function ForecastChart({ forecast }: { forecast: Forecast }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const day = new Intl.DateTimeFormat(intlLocale(i18n.resolvedLanguage ?? 'fr'), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const { currency, weeks } = forecast;
  const data = [...weeks]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((w) => ({ week: day.format(new Date(`${w.start}T00:00:00Z`)), expected: w.expected_cents, band: [w.p10_cents, w.p90_cents], due: w.by_due_date_cents }));
  const sum = (f: (w: Forecast['weeks'][number]) => number) => weeks.reduce((total, w) => total + f(w), 0);
  // The band's values are [P10, P90] pairs (a range area); the other series are plain amounts.
  const money = (v: number | number[]) => (Array.isArray(v) ? `${fmt.money(v[0], currency)} – ${fmt.money(v[1], currency)}` : fmt.money(v, currency));
  return (
    <Stack gap="md">
      <Text size="xs" c="dimmed" data-testid="forecast-legend">
        {t('cockpit.forecast.legend')}
      </Text>
      {weeks.length > 0 && (
        <CompositeChart
          h={260}
          data={data}
          dataKey="week"
          series={[
            { name: 'band', label: t('cockpit.forecast.band'), color: 'indigo.2', type: 'area' },
            { name: 'expected', label: t('cockpit.forecast.expected'), color: 'indigo.6', type: 'bar' },
            { name: 'due', label: t('cockpit.forecast.byDueDate'), color: 'orange.6', type: 'line' },
          ]}
          valueFormatter={money as (v: number) => string}
          areaProps={{ fillOpacity: 0.5, strokeOpacity: 0 }}
          withLegend
          withDots={false}
          curveType="linear"
          yAxisProps={{ width: 96 }}
          tooltipAnimationDuration={150}
          data-testid="forecast-chart"
        />
      )}
      <Group gap="xl" wrap="wrap">
        <Total testId="forecast-expected" label={t('cockpit.forecast.totalExpected')} cents={sum((w) => w.expected_cents)} currency={currency} />
        <Total testId="forecast-due" label={t('cockpit.forecast.totalByDueDate')} cents={sum((w) => w.by_due_date_cents)} currency={currency} />
        <Total testId="forecast-beyond" label={t('cockpit.forecast.beyond')} cents={forecast.beyond_cents} currency={currency} />
        <Total testId="forecast-open" label={t('cockpit.forecast.open')} cents={forecast.open_cents} currency={currency} />
      </Group>
    </Stack>
  );
}
