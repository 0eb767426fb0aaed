import { Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, todayISO } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { formatMoneyInput, parseMoney } from '../../format/money';
import { useFormat } from '../../format/useFormat';
import { applyServerErrorsAt } from '../../forms/serverErrors';
import { requiredText } from '../../forms/validators';
import { useCreateCreditNote, useInvoices } from '../ledger/queries';

export interface CreditNoteTarget {
  customerId: string;
  customerName: string;
  currency: string;
  /** Crediting one invoice: it is preselected and the amount capped by its balance. */
  invoice?: { id: string; number: string; balance_cents: number };
}

interface Values {
  number: string;
  issue_date: string;
  amount: string;
  reason: string;
  invoice_id: string | null;
}

const PATHS = ['number', 'issue_date', 'amount', 'reason', 'invoice_id'];
const ALIASES = { amount_cents: 'amount' };

/** A credit note for a customer, applied to one of their invoices or kept as credit. */
export function CreditNoteModal({ target, onClose }: { target: CreditNoteTarget | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const fmt = useFormat();
  const create = useCreateCreditNote();
  const [error, setError] = useState<string | null>(null);
  const currency = target?.currency ?? 'EUR';
  const open = useInvoices(
    { customer_id: target?.customerId, status: 'open,partially_paid', sort: 'due_date', limit: 100, offset: 0 },
    Boolean(target && !target.invoice),
  );
  const form = useForm<Values>({
    initialValues: { number: '', issue_date: todayISO(), amount: '', reason: '', invoice_id: null },
    validate: {
      number: requiredText(t),
      issue_date: (v) => (v ? null : t('validation.required')),
      amount: (v) => {
        if (v.trim() === '') return t('validation.required');
        const c = parseMoney(v, lng, currency);
        return c === null ? t('validation.amount') : c <= 0 ? t('validation.positive') : null;
      },
    },
  });

  useEffect(() => {
    if (target) {
      form.setValues({
        number: '',
        issue_date: todayISO(),
        amount: target.invoice ? formatMoneyInput(target.invoice.balance_cents, lng, currency) : '',
        reason: '',
        invoice_id: target.invoice?.id ?? null,
      });
      form.clearErrors();
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  const submit = form.onSubmit((v) => {
    if (!target) return;
    setError(null);
    create.mutate(
      {
        customer_id: target.customerId,
        number: v.number.trim(),
        issue_date: v.issue_date,
        currency,
        amount_cents: parseMoney(v.amount, lng, currency) ?? 0,
        reason: v.reason.trim() || undefined,
        invoice_id: v.invoice_id ?? undefined,
      },
      {
        onSuccess: (cn) => {
          notifications.show({ color: 'green', message: t('creditNotes.created', { number: cn.number }) });
          onClose();
        },
        onError: (err) => setError(applyServerErrorsAt(form, err, PATHS, t, ALIASES)),
      },
    );
  });

  const invoiceOptions = target?.invoice
    ? [{ value: target.invoice.id, label: target.invoice.number }]
    : (open.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.number} — ${fmt.money(i.balance_cents, i.currency)}` }));

  return (
    <Modal opened={target !== null} onClose={onClose} title={target ? t('creditNotes.newTitle', { name: target.customerName }) : ''} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('creditNotes.number')} required data-autofocus {...form.getInputProps('number')} />
            <DateField label={t('creditNotes.issueDate')} required {...form.getInputProps('issue_date')} />
            <MoneyInput label={t('creditNotes.amount')} required currency={currency} {...form.getInputProps('amount')} />
            <Select
              label={t('creditNotes.invoice')}
              placeholder={t('creditNotes.noInvoice')}
              clearable={!target?.invoice}
              disabled={Boolean(target?.invoice)}
              data={invoiceOptions}
              {...form.getInputProps('invoice_id')}
            />
          </SimpleGrid>
          <Textarea label={t('creditNotes.reason')} autosize minRows={2} {...form.getInputProps('reason')} />
          <FormActions onCancel={onClose} label={t('creditNotes.create')} loading={create.isPending} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
