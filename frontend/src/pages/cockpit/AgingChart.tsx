import { BarChart } from '@mantine/charts';
import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
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
    return { bucket, label: t(`cockpit.aging.buckets.${bucket}`), cents: row?.cents ?? 0, invoices: row?.invoices ?? 0, color: COLORS[bucket] };
  });
  return (
    <Stack gap="md">
      <BarChart
        h={240}
        data={rows}
        dataKey="label"
        series={[{ name: 'cents', label: t('cockpit.aging.amount'), color: 'indigo.6' }]}
        valueFormatter={(v) => fmt.money(v, currency)}
        yAxisProps={{ width: 96 }}
        tooltipAnimationDuration={150}
        barProps={{
          cursor: 'pointer',
          onClick: (data: { payload?: { bucket?: AgingBucket } }) => data.payload?.bucket && navigate(bucketInvoicesLink(data.payload.bucket, asOf)),
        }}
        data-testid="aging-chart"
      />
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
        {rows.map((r) => (
          <Anchor key={r.bucket} component={Link} to={bucketInvoicesLink(r.bucket, asOf)} underline="never" data-testid={`aging-${r.bucket}`}>
            <Stack gap={0} p="xs" style={{ borderRadius: 8, border: '1px solid var(--mantine-color-gray-2)' }}>
              <Group gap={6} wrap="nowrap">
                <span style={{ width: 8, height: 8, borderRadius: 4, background: `var(--mantine-color-${r.color.replace('.', '-')})` }} />
                <Text size="xs" c="dimmed" fw={600}>
                  {r.label}
                </Text>
              </Group>
              <Text size="sm" fw={700} c="dark" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {fmt.money(r.cents, currency)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('cockpit.aging.invoices', { count: r.invoices })}
              </Text>
            </Stack>
          </Anchor>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
