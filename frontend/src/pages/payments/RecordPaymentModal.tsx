import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllocationMode } from '../../api/types';
import { DateField, todayISO } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { formatMoneyInput } from '../../format/money';
import { useFormat } from '../../format/useFormat';
import { PAYMENT_METHODS, applyPaymentErrors, checkPayment, paymentBody, type PaymentFormValues } from '../ledger/allocation';
import { useRecordPayment } from '../ledger/queries';
import { AllocationSection, fillOldestFirst, useOpenInvoiceLines } from './AllocationSection';

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
  const open = useOpenInvoiceLines(target.customerId, currency, {
    hasLines: form.values.lines.length > 0,
    onLoad: (lines) => form.setFieldValue('lines', lines),
    prefillInvoiceId: target.invoice?.id,
  });

  const v = form.values;
  const check = checkPayment(v, lng, currency);

  const errorText = (code: string | undefined) => (code ? t(`payments.errors.${code as 'required'}`) : undefined);

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
      onError: (err) => setError(applyPaymentErrors(form, err, lineIndexes, t)),
    });
  };

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

        <AllocationSection
          modes={MODES}
          mode={v.allocation}
          onMode={(m) => {
            form.setFieldValue('allocation', m);
            form.clearErrors();
          }}
          lines={v.lines}
          lineInput={(i) => form.getInputProps(`lines.${i}.amount`)}
          currency={currency}
          linesPending={open.isPending}
          remainingCents={check.remainingCents}
          canFill={Boolean(check.amountCents && check.amountCents > 0)}
          onFillOldest={() => {
            if (check.amountCents && check.amountCents > 0) form.setFieldValue('lines', fillOldestFirst(check.amountCents, v.lines, lng, currency));
          }}
          linesError={form.errors.lines as string | undefined}
        />

        <FormActions
          onCancel={onClose}
          label={check.amountCents && check.amountCents > 0 ? t('payments.record.submitAmount', { amount: fmt.money(check.amountCents, currency) }) : t('payments.record.submit')}
          loading={record.isPending}
          mt="sm"
        />
      </Stack>
    </form>
  );
}
