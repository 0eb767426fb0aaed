import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { AllocationMode } from '../../api/types';
import { DateField, todayISO } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { formatMoneyInput } from '../../format/money';
import { useFormat } from '../../format/useFormat';
import { describeError } from '../../forms/serverErrors';
import {
  PAYMENT_METHODS,
  checkPayment,
  mapPaymentErrors,
  paymentBody,
  spreadOldestFirst,
  type AllocationLine,
  type PaymentFormValues,
} from '../ledger/allocation';
import { useInvoices, useRecordPayment } from '../ledger/queries';

export interface PaymentTarget {
  customerId: string;
  customerName: string;
  currency: string;
  /** Paying one invoice: the amount is prefilled with its balance and allocated to it. */
  invoice?: { id: string; number: string; balance_cents: number };
}

const MODES: AllocationMode[] = ['auto', 'manual', 'none'];

/** Record a payment received from a customer, and how it settles their invoices. */
export function RecordPaymentModal({ target, onClose }: { target: PaymentTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? t('payments.record.title', { name: target.customerName }) : ''}
      size="xl"
      centered
    >
      {target && <PaymentForm target={target} onClose={onClose} />}
    </Modal>
  );
}

function PaymentForm({ target, onClose }: { target: PaymentTarget; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const fmt = useFormat();
  const { currency } = target;
  const record = useRecordPayment();
  const [error, setError] = useState<string | null>(null);
  const open = useInvoices({ customer_id: target.customerId, status: 'open,partially_paid', sort: 'due_date', limit: 100, offset: 0 });

  const form = useForm<PaymentFormValues>({
    initialValues: {
      amount: target.invoice ? formatMoneyInput(target.invoice.balance_cents, lng, currency) : '',
      received_on: todayISO(),
      method: 'transfer',
      reference: '',
      allocation: target.invoice ? 'manual' : 'auto',
      lines: [],
    },
    // A message about the whole allocation is stale as soon as anything changes.
    onValuesChange: () => {
      if (form.errors.lines) form.clearFieldError('lines');
    },
  });

  // The customer's open invoices become the allocation lines once loaded (the paid invoice prefilled).
  const invoices = useMemo(() => (open.data?.items ?? []).filter((i) => i.currency === currency), [open.data, currency]);
  useEffect(() => {
    if (!open.data || form.values.lines.length > 0) return;
    const lines: AllocationLine[] = invoices.map((i) => ({
      invoice_id: i.id,
      number: i.number,
      due_date: i.due_date,
      balance_cents: i.balance_cents,
      amount: target.invoice?.id === i.id ? formatMoneyInput(i.balance_cents, lng, currency) : '',
    }));
    form.setFieldValue('lines', lines);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open.data]);

  const v = form.values;
  const check = checkPayment(v, lng, currency);

  const errorText = (code: string | undefined) => (code ? t(`payments.errors.${code as 'required'}`) : undefined);

  const fillOldestFirst = () => {
    if (check.amountCents === null || check.amountCents <= 0) return;
    const spread = spreadOldestFirst(check.amountCents, v.lines);
    form.setFieldValue(
      'lines',
      v.lines.map((l, i) => ({ ...l, amount: spread[i] ? formatMoneyInput(spread[i]!, lng, currency) : '' })),
    );
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const c = checkPayment(form.values, lng, currency);
    if (Object.keys(c.errors).length > 0) {
      form.setErrors(Object.fromEntries(Object.entries(c.errors).map(([k, code]) => [k, errorText(code) ?? ''])));
      return;
    }
    form.clearErrors();
    const { body, lineIndexes } = paymentBody(form.values, target.customerId, currency, lng);
    record.mutate(body, {
      onSuccess: (p) => {
        notifications.show({
          color: 'green',
          title: t('payments.record.done'),
          message:
            p.unallocated_cents > 0
              ? t('payments.record.doneUnallocated', { amount: fmt.money(p.amount_cents, currency), credit: fmt.money(p.unallocated_cents, currency) })
              : t('payments.record.doneAllocated', { amount: fmt.money(p.amount_cents, currency) }),
        });
        onClose();
      },
      onError: (err) => {
        if (err instanceof ApiError && err.problem.errors?.length) {
          const { fields, rest } = mapPaymentErrors(err.problem, lineIndexes);
          form.setErrors(fields);
          setError(rest.length > 0 ? [err.problem.detail, ...rest].filter(Boolean).join(' — ') : Object.keys(fields).length ? null : describeError(err, t));
        } else setError(describeError(err, t));
      },
    });
  };

  const remaining = check.remainingCents;
  const linesError = form.errors.lines as string | undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormAlert message={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <MoneyInput label={t('payments.fields.amount')} required currency={currency} data-autofocus {...form.getInputProps('amount')} />
          <DateField label={t('payments.fields.receivedOn')} required {...form.getInputProps('received_on')} />
          <Select
            label={t('payments.fields.method')}
            allowDeselect={false}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`payments.methods.${m}`) }))}
            {...form.getInputProps('method')}
          />
          <TextInput label={t('payments.fields.reference')} placeholder={t('payments.record.referencePlaceholder')} {...form.getInputProps('reference')} />
        </SimpleGrid>

        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('payments.record.allocation')}
          </Text>
          <SegmentedControl
            fullWidth
            value={v.allocation}
            onChange={(m) => {
              form.setFieldValue('allocation', m as AllocationMode);
              form.clearErrors();
            }}
            data={MODES.map((m) => ({ value: m, label: t(`payments.record.modes.${m}`) }))}
          />
          <Text size="xs" c="dimmed">
            {t(`payments.record.modesHelp.${v.allocation}`)}
          </Text>
        </Stack>

        {v.allocation === 'manual' && (
          <Stack gap="xs">
            {open.isPending ? (
              <Skeleton h={90} />
            ) : v.lines.length === 0 ? (
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
                      {v.lines.map((line, i) => (
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
                            <MoneyInput
                              size="xs"
                              currency={currency}
                              aria-label={t('payments.record.allocateTo', { number: line.number })}
                              {...form.getInputProps(`lines.${i}.amount`)}
                            />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Anchor component="button" type="button" size="sm" onClick={fillOldestFirst} disabled={!check.amountCents}>
                    {t('payments.record.fillOldest')}
                  </Anchor>
                  {remaining !== null && (
                    <Text
                      size="sm"
                      fw={600}
                      data-testid="remaining-to-allocate"
                      c={remaining < 0 ? 'red.7' : remaining === 0 ? 'teal.7' : 'orange.7'}
                    >
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

        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {check.amountCents && check.amountCents > 0
              ? t('payments.record.submitAmount', { amount: fmt.money(check.amountCents, currency) })
              : t('payments.record.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
