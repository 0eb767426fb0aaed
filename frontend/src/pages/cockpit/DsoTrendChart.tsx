import { LineChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DsoTrendPoint } from '../../api/types';
import { intlLocale } from '../../i18n';
import { useFormat } from '../../format/useFormat';

/** The countback DSO at each month end, oldest first. */
export function DsoTrendChart({ points }: { points: DsoTrendPoint[] }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const month = new Intl.DateTimeFormat(intlLocale(i18n.resolvedLanguage ?? 'fr'), { month: 'short', year: '2-digit', timeZone: 'UTC' });
  const data = [...points]
    .sort((a, b) => a.month_end.localeCompare(b.month_end))
    .map((p) => ({ month: month.format(new Date(`${p.month_end}T00:00:00Z`)), dso: p.dso_countback }));
  if (data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('cockpit.dso.none')}
      </Text>
    );
  }
  return (
    <LineChart
      h={240}
      data={data}
      dataKey="month"
      series={[{ name: 'dso', label: t('cockpit.kpi.dso'), color: 'indigo.6' }]}
      valueFormatter={(v) => t('cockpit.kpi.days', { value: fmt.decimal(v), count: Math.round(v) })}
      curveType="monotone"
      yAxisProps={{ width: 72 }}
      connectNulls
      data-testid="dso-chart"
    />
  );
}
