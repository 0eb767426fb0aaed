import { Alert, Anchor, Group, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllocationMode } from '../../api/types';
import { MoneyInput } from '../../components/MoneyInput';
import { formatMoneyInput } from '../../format/money';
import { useFormat } from '../../format/useFormat';
import { spreadOldestFirst, type AllocationLine } from '../ledger/allocation';
import { useInvoices } from '../ledger/queries';

/**
 * The customer's open invoices in `currency`, as allocation lines (empty amounts, or the balance
 * of `prefillInvoiceId`), handed to `onLoad` once loaded when the form has none yet.
 */
export function useOpenInvoiceLines(
  customerId: string,
  currency: string,
  { hasLines, onLoad, prefillInvoiceId }: { hasLines: boolean; onLoad: (lines: AllocationLine[]) => void; prefillInvoiceId?: string },
) {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const open = useInvoices({ customer_id: customerId, status: 'open,partially_paid', sort: 'due_date', limit: 100, offset: 0 });
  const invoices = useMemo(() => (open.data?.items ?? []).filter((i) => i.currency === currency), [open.data, currency]);
  useEffect(() => {
    if (!open.data || hasLines) return;
    onLoad(
      invoices.map((i) => ({
        invoice_id: i.id,
        number: i.number,
        due_date: i.due_date,
        balance_cents: i.balance_cents,
        amount: prefillInvoiceId === i.id ? formatMoneyInput(i.balance_cents, lng, currency) : '',
      })),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open.data]);
  return { isPending: open.isPending };
}

/** Amounts spread oldest due date first, as the lines' typed amounts. */
export function fillOldestFirst(amountCents: number, lines: readonly AllocationLine[], lng: string, currency: string): AllocationLine[] {
  const spread = spreadOldestFirst(amountCents, lines);
  return lines.map((l, i) => ({ ...l, amount: spread[i] ? formatMoneyInput(spread[i]!, lng, currency) : '' }));
}

interface Props {
  modes: readonly AllocationMode[];
  mode: AllocationMode;
  onMode: (mode: AllocationMode) => void;
  lines: readonly AllocationLine[];
  /** The form's props for the amount of line i. */
  lineInput: (i: number) => GetInputPropsReturnType;
  currency: string;
  linesPending: boolean;
  /** What is left once the lines are allocated; null while the amount does not parse. */
  remainingCents: number | null;
  onFillOldest: () => void;
  canFill: boolean;
  linesError?: string;
}

/**
 * How a payment settles invoices: automatically, to chosen invoices (a line per open invoice, a
 * "fill oldest first" shortcut and what is left), or not now. Used to record a payment and to
 * allocate the rest of one.
 */
export function AllocationSection({ modes, mode, onMode, lines, lineInput, currency, linesPending, remainingCents, onFillOldest, canFill, linesError }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const remaining = remainingCents;
  return (
    <>
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('payments.record.allocation')}
        </Text>
        <SegmentedControl
          fullWidth
          value={mode}
          onChange={(m) => onMode(m as AllocationMode)}
          data={modes.map((m) => ({ value: m, label: t(`payments.record.modes.${m}`) }))}
        />
        <Text size="xs" c="dimmed">
          {t(`payments.record.modesHelp.${mode}`)}
        </Text>
      </Stack>

      {mode === 'manual' && (
        <Stack gap="xs">
          {linesPending ? (
            <Skeleton h={90} />
          ) : lines.length === 0 ? (
            <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
              {t('payments.record.noOpenInvoices')}
            </Alert>
          ) : (
            <>
              <Table.ScrollContainer minWidth={480}>
                <Table verticalSpacing={6} horizontalSpacing="sm" withTableBorder>
                  <Table.Thead bg="gray.0">
                    <Table.Tr>
                      <Table.Th>{t('invoices.fields.number')}</Table.Th>
                      <Table.Th>{t('invoices.fields.dueDate')}</Table.Th>
                      <Table.Th ta="right">{t('invoices.fields.balance')}</Table.Th>
                      <Table.Th ta="right" w={170}>
                        {t('payments.record.allocate')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {lines.map((line, i) => (
                      <Table.Tr key={line.invoice_id}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {line.number}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{fmt.date(line.due_date)}</Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                            {fmt.money(line.balance_cents, currency)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <MoneyInput size="xs" currency={currency} aria-label={t('payments.record.allocateTo', { number: line.number })} {...lineInput(i)} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Anchor component="button" type="button" size="sm" onClick={onFillOldest} disabled={!canFill}>
                  {t('payments.record.fillOldest')}
                </Anchor>
                {remaining !== null && (
                  <Text size="sm" fw={600} data-testid="remaining-to-allocate" c={remaining < 0 ? 'red.7' : remaining === 0 ? 'teal.7' : 'orange.7'}>
                    {remaining < 0
                      ? t('payments.record.overBy', { amount: fmt.money(-remaining, currency) })
                      : remaining === 0
                        ? t('payments.record.fullyAllocated')
                        : t('payments.record.remaining', { amount: fmt.money(remaining, currency) })}
                  </Text>
                )}
              </Group>
            </>
          )}
          {linesError && (
            <Text size="sm" c="red" role="alert">
              {linesError}
            </Text>
          )}
        </Stack>
      )}
    </>
  );
}
