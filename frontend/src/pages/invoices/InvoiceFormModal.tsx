import { Button, FileInput, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../api/types';
import { DateField, todayISO } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { parseMoney } from '../../format/money';
import { applyServerErrorsAt, describeError } from '../../forms/serverErrors';
import { requiredText } from '../../forms/validators';
import { uploadInvoicePdf, useCreateInvoice, useCustomers } from '../ledger/queries';

export const MAX_PDF_BYTES = 10 * 1024 * 1024;

export interface CustomerChoice {
  id: string;
  name: string;
  currency: string;
  payment_terms_days: number | null;
}

/** Adds days to a "YYYY-MM-DD" day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A customer, searched by name on the server. */
export function CustomerPicker({
  value,
  onChange,
  error,
  label,
}: {
  value: CustomerChoice | null;
  onChange: (c: CustomerChoice | null) => void;
  error?: string;
  label: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useCustomers({ q: q || undefined, sort: 'name', limit: 20, offset: 0 });
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((c) => ({ id: c.id, name: c.name, currency: c.currency, payment_terms_days: c.payment_terms_days }));
    if (value && !list.some((c) => c.id === value.id)) list.unshift(value);
    return list;
  }, [found.data, value]);
  return (
    <Select
      label={label}
      required
      searchable
      data-autofocus
      placeholder={t('invoices.form.customerPlaceholder')}
      nothingFoundMessage={t('invoices.form.noCustomer')}
      data={options.map((c) => ({ value: c.id, label: c.name }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((c) => c.id === id) ?? null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      error={error}
    />
  );
}

interface Values {
  customer: CustomerChoice | null;
  number: string;
  external_id: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total: string;
  tax: string;
  notes: string;
  pdf: File | null;
}

const PATHS = ['customer', 'number', 'external_id', 'issue_date', 'due_date', 'currency', 'total', 'tax', 'notes'];
const ALIASES = { customer_id: 'customer', total_cents: 'total', tax_cents: 'tax' };

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Creating from a customer's page: the customer is fixed. */
  customer?: CustomerChoice;
  onCreated?: (invoice: Invoice) => void;
}

/** "New invoice": the invoice, then its PDF if one was chosen (PUT /invoices/{id}/pdf). */
export function InvoiceFormModal({ opened, onClose, customer, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const create = useCreateInvoice();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const initial = (): Values => {
    const issue = todayISO();
    return {
      customer: customer ?? null,
      number: '',
      external_id: '',
      issue_date: issue,
      due_date: addDays(issue, customer?.payment_terms_days ?? 30),
      currency: customer?.currency ?? 'EUR',
      total: '',
      tax: '',
      notes: '',
      pdf: null,
    };
  };
  const form = useForm<Values>({
    initialValues: initial(),
    validate: {
      customer: (c) => (c ? null : t('validation.required')),
      number: requiredText(t),
      issue_date: (v) => (v ? null : t('validation.required')),
      due_date: (v, values) => (!v ? t('validation.required') : values.issue_date && v < values.issue_date ? t('invoices.form.dueBeforeIssue') : null),
      total: (v, values) => {
        if (v.trim() === '') return t('validation.required');
        const c = parseMoney(v, lng, values.currency);
        return c === null ? t('validation.amount') : c <= 0 ? t('validation.positive') : null;
      },
      tax: (v, values) => {
        if (v.trim() === '') return null;
        const c = parseMoney(v, lng, values.currency);
        const total = parseMoney(values.total, lng, values.currency);
        if (c === null || c < 0) return t('validation.amount');
        return total !== null && c > total ? t('invoices.form.taxAboveTotal') : null;
      },
      pdf: (f) => (!f ? null : f.size > MAX_PDF_BYTES ? t('invoices.pdf.tooLarge') : f.type && f.type !== 'application/pdf' ? t('invoices.pdf.notPdf') : null),
    },
  });

  useEffect(() => {
    if (opened) {
      form.setValues(initial());
      form.clearErrors();
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const submit = form.onSubmit((v) => {
    setError(null);
    create.mutate(
      {
        customer_id: v.customer!.id,
        number: v.number.trim(),
        external_id: v.external_id.trim() || undefined,
        issue_date: v.issue_date,
        due_date: v.due_date,
        currency: v.currency.trim().toUpperCase(),
        total_cents: parseMoney(v.total, lng, v.currency) ?? 0,
        tax_cents: v.tax.trim() ? (parseMoney(v.tax, lng, v.currency) ?? 0) : 0,
        notes: v.notes.trim() || undefined,
      },
      {
        onSuccess: async (invoice) => {
          if (v.pdf) {
            setUploading(true);
            try {
              await uploadInvoicePdf(invoice.id, v.pdf);
            } catch (err) {
              notifications.show({ color: 'orange', title: t('invoices.pdf.uploadFailedAfterCreate'), message: describeError(err, t) });
            } finally {
              setUploading(false);
            }
          }
          notifications.show({ color: 'green', message: t('invoices.form.created', { number: invoice.number }) });
          onClose();
          onCreated?.(invoice);
        },
        onError: (err) => setError(applyServerErrorsAt(form, err, PATHS, t, ALIASES)),
      },
    );
  });

  const v = form.values;
  return (
    <Modal opened={opened} onClose={onClose} title={t('invoices.form.newTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          {customer ? (
            <Text size="sm">
              {t('invoices.fields.customer')}: <b>{customer.name}</b>
            </Text>
          ) : (
            <CustomerPicker
              label={t('invoices.fields.customer')}
              value={v.customer}
              error={form.errors.customer as string | undefined}
              onChange={(c) => {
                form.setFieldValue('customer', c);
                if (c) {
                  form.setFieldValue('currency', c.currency);
                  if (v.issue_date) form.setFieldValue('due_date', addDays(v.issue_date, c.payment_terms_days ?? 30));
                }
              }}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('invoices.fields.number')} required data-autofocus={customer ? true : undefined} {...form.getInputProps('number')} />
            <TextInput label={t('invoices.fields.externalId')} {...form.getInputProps('external_id')} />
            <DateField
              label={t('invoices.fields.issueDate')}
              required
              {...form.getInputProps('issue_date')}
              onChange={(d) => {
                form.setFieldValue('issue_date', d ?? '');
                if (d) form.setFieldValue('due_date', addDays(d, v.customer?.payment_terms_days ?? 30));
              }}
            />
            <DateField label={t('invoices.fields.dueDate')} required {...form.getInputProps('due_date')} />
            <MoneyInput label={t('invoices.fields.totalTtc')} required currency={v.currency || 'EUR'} {...form.getInputProps('total')} />
            <MoneyInput label={t('invoices.fields.tax')} currency={v.currency || 'EUR'} {...form.getInputProps('tax')} />
          </SimpleGrid>
          <FileInput
            label={t('invoices.pdf.label')}
            description={t('invoices.pdf.help')}
            accept="application/pdf"
            clearable
            leftSection={<IconFileTypePdf size={16} />}
            placeholder={t('invoices.pdf.choose')}
            {...form.getInputProps('pdf')}
          />
          <Textarea label={t('invoices.fields.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || uploading}>
              {t('invoices.form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
