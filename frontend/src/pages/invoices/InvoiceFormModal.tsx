import { Alert, FileInput, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf, IconLock } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceDetail } from '../../api/types';
import { DateField, todayISO } from '../../components/DateField';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { parseMoney } from '../../format/money';
import { applyServerErrorsAt, describeError } from '../../forms/serverErrors';
import { requiredText } from '../../forms/validators';
import { uploadInvoicePdf, useCreateInvoice, useCustomers, useUpdateInvoice } from '../ledger/queries';
import { addDays, invoiceBody, invoiceFormValues, isInvoiceLocked, isSettledConflict, nextDueDate, type CustomerChoice, type InvoiceFormValues } from './invoiceForm';

export const MAX_PDF_BYTES = 10 * 1024 * 1024;

export type { CustomerChoice } from './invoiceForm';

/** A customer, searched by name on the server. */
export function CustomerPicker({
  value,
  onChange,
  error,
  label,
  autoFocus = true,
}: {
  value: CustomerChoice | null;
  onChange: (c: CustomerChoice | null) => void;
  error?: string;
  label: string;
  autoFocus?: boolean;
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
      data-autofocus={autoFocus || undefined}
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

const PATHS = ['customer', 'number', 'external_id', 'issue_date', 'due_date', 'currency', 'total', 'tax', 'notes'];
const ALIASES = { customer_id: 'customer', total_cents: 'total', tax_cents: 'tax' };

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Creating from a customer's page: the customer is fixed. */
  customer?: CustomerChoice;
  /** The invoice to edit (PUT, the whole invoice); none to create one. */
  invoice?: InvoiceDetail;
  onCreated?: (invoice: Invoice) => void;
}

/**
 * "New invoice": the invoice, then its PDF if one was chosen (PUT /invoices/{id}/pdf).
 * "Edit the invoice": the same fields, without the PDF (its panel replaces it); once something
 * was applied to it, its customer, currency and total are read-only.
 */
export function InvoiceFormModal({ opened, onClose, customer, invoice, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const editing = Boolean(invoice);
  const create = useCreateInvoice();
  const update = useUpdateInvoice(invoice?.id ?? '');
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Settled since the page loaded: the server said so (409).
  const [lockedByServer, setLockedByServer] = useState(false);
  const locked = lockedByServer || (invoice ? isInvoiceLocked(invoice) : false);
  const initial = (): InvoiceFormValues => {
    if (invoice) return invoiceFormValues(invoice, lng, customer?.payment_terms_days ?? null);
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
  const form = useForm<InvoiceFormValues>({
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
      setLockedByServer(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const onError = (err: unknown) => {
    if (editing && isSettledConflict(err)) {
      // What was typed for the locked fields cannot be kept.
      setLockedByServer(true);
      if (invoice) {
        const back = invoiceFormValues(invoice, lng);
        form.setValues({ customer: back.customer, currency: back.currency, total: back.total });
      }
      setError(t('invoices.form.settledConflict'));
      return;
    }
    setError(applyServerErrorsAt(form, err, PATHS, t, ALIASES));
  };

  const submit = form.onSubmit((v) => {
    setError(null);
    const body = invoiceBody(v, lng, editing);
    if (invoice) {
      update.mutate(body, {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('invoices.form.saved', { number: saved.number }) });
          onClose();
        },
        onError,
      });
      return;
    }
    create.mutate(body, {
      onSuccess: async (created) => {
        if (v.pdf) {
          setUploading(true);
          try {
            await uploadInvoicePdf(created.id, v.pdf);
          } catch (err) {
            notifications.show({ color: 'orange', title: t('invoices.pdf.uploadFailedAfterCreate'), message: describeError(err, t) });
          } finally {
            setUploading(false);
          }
        }
        notifications.show({ color: 'green', message: t('invoices.form.created', { number: created.number }) });
        onClose();
        onCreated?.(created);
      },
      onError,
    });
  });

  const v = form.values;
  const fixedCustomer = customer ?? (locked ? v.customer : null);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={invoice ? t('invoices.form.editTitle', { number: invoice.number }) : t('invoices.form.newTitle')}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          {locked && !error && (
            <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="invoice-locked">
              {t('invoices.form.locked')}
            </Alert>
          )}
          {fixedCustomer ? (
            <Text size="sm">
              {t('invoices.fields.customer')}: <b>{fixedCustomer.name}</b>
            </Text>
          ) : (
            <CustomerPicker
              label={t('invoices.fields.customer')}
              autoFocus={!editing}
              value={v.customer}
              error={form.errors.customer as string | undefined}
              onChange={(c) => {
                form.setFieldValue('customer', c);
                if (c) {
                  form.setFieldValue('currency', c.currency);
                  if (v.issue_date && !editing) form.setFieldValue('due_date', addDays(v.issue_date, c.payment_terms_days ?? 30));
                }
              }}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('invoices.fields.number')} required data-autofocus={fixedCustomer || editing ? true : undefined} {...form.getInputProps('number')} />
            <TextInput label={t('invoices.fields.externalId')} {...form.getInputProps('external_id')} />
            <DateField
              label={t('invoices.fields.issueDate')}
              required
              {...form.getInputProps('issue_date')}
              onChange={(d) => {
                form.setFieldValue('issue_date', d ?? '');
                if (d) {
                  form.setFieldValue(
                    'due_date',
                    nextDueDate({ issue: d, previousIssue: v.issue_date, due: v.due_date, termsDays: v.customer?.payment_terms_days, editing }),
                  );
                }
              }}
            />
            <DateField label={t('invoices.fields.dueDate')} required {...form.getInputProps('due_date')} />
            <MoneyInput
              label={t('invoices.fields.totalTtc')}
              required
              currency={v.currency || 'EUR'}
              readOnly={locked}
              variant={locked ? 'filled' : undefined}
              {...form.getInputProps('total')}
            />
            <MoneyInput label={t('invoices.fields.tax')} currency={v.currency || 'EUR'} {...form.getInputProps('tax')} />
          </SimpleGrid>
          {!editing && (
            <FileInput
              label={t('invoices.pdf.label')}
              description={t('invoices.pdf.help')}
              accept="application/pdf"
              clearable
              leftSection={<IconFileTypePdf size={16} />}
              placeholder={t('invoices.pdf.choose')}
              {...form.getInputProps('pdf')}
            />
          )}
          <Textarea label={t('invoices.fields.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          <FormActions onCancel={onClose} label={editing ? t('common.save') : t('invoices.form.create')} loading={create.isPending || update.isPending || uploading} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
