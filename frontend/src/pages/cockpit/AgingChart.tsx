import { BarChart } from '@mantine/charts';
import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { AgingRow } from '../../api/types';
import { useFormat } from '../../format/useFormat';
import { AGING_BUCKETS, bucketInvoicesLink, type AgingBucket } from './aging';

const COLORS: Record<AgingBucket, string> = { not_due: 'teal.6', '1_30': 'yellow.6', '31_60': 'orange.6', '61_90': 'red.6', over_90: 'red.9' };

/**
 * What is owed by age as of a day: one bar per bucket, clicking a bar (or its line under the chart)
 * opens the invoice list filtered to that bucket's due dates.
 */
export function AgingChart({ aging, asOf, currency }: { aging: AgingRow[]; asOf: string; currency: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const rows = AGING_BUCKETS.map((bucket) => {
    const row = aging.find((a) => a.bucket === bucket);
    return { bucket, label: t(`cockpit.aging.buckets.${bucket}`), short: t(`cockpit.aging.short.${bucket}`), cents: row?.cents ?? 0, invoices: row?.invoices ?? 0, color: COLORS[bucket] };
  });
  return (
    <Stack gap="md">
      <BarChart
        h={240}
        data={rows}
        dataKey="short"
        series={[{ name: 'cents', label: t('cockpit.aging.amount'), color: 'indigo.6' }]}
        valueFormatter={(v) => fmt.money(v, currency)}
        yAxisProps={{ width: 96 }}
        xAxisProps={{ interval: 0 }}
        tooltipAnimationDuration={150}
        barProps={{
          cursor: 'pointer',
          onClick: (data: { payload?: { bucket?: AgingBucket } }) => data.payload?.bucket && navigate(bucketInvoicesLink(data.payload.bucket, asOf)),
        }}
        data-testid="aging-chart"
      />
      <Stack gap={0}>
        {rows.map((r) => (
          <UnstyledButton
            key={r.bucket}
            component={Link}
            to={bucketInvoicesLink(r.bucket, asOf)}
            data-testid={`aging-${r.bucket}`}
            py={6}
            px="xs"
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
          >
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Group gap={8} wrap="nowrap">
                <span style={{ width: 10, height: 10, borderRadius: 5, flexShrink: 0, background: `var(--mantine-color-${r.color.replace('.', '-')})` }} />
                <Text size="sm" fw={500}>
                  {r.label}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('cockpit.aging.invoices', { count: r.invoices })}
                </Text>
              </Group>
              <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {fmt.money(r.cents, currency)}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Stack>
  );
}
