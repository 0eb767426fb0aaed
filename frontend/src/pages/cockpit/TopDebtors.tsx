import { Anchor, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerSummary } from '../../api/types';
import { useFormat } from '../../format/useFormat';

/** The sort of the top debtors, also given to the customer list behind "see all". */
export const TOP_DEBTORS_SORT = '-overdue';

/** The customers owing the most overdue, each linking to its page, with its overdue and open balance. */
export function TopDebtors({ customers }: { customers: CustomerSummary[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const debtors = customers.filter((c) => c.overdue_cents > 0);
  return (
    <Stack gap={0}>
      {debtors.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('cockpit.topDebtors.none')}
        </Text>
      ) : (
        debtors.map((c) => (
          <UnstyledButton
            key={c.id}
            component={Link}
            to={`/customers/${c.id}`}
            data-testid="top-debtor"
            py={8}
            px="xs"
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
          >
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('cockpit.topDebtors.balance', { amount: fmt.money(c.balance_cents, c.currency) })}
                </Text>
              </Stack>
              <Text size="sm" fw={600} c="red.7" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {fmt.money(c.overdue_cents, c.currency)}
              </Text>
            </Group>
          </UnstyledButton>
        ))
      )}
      <Anchor component={Link} to={`/customers?sort=${encodeURIComponent(TOP_DEBTORS_SORT)}`} size="sm" fw={600} pt="sm" px="xs">
        {t('cockpit.topDebtors.all')}
      </Anchor>
    </Stack>
  );
}
