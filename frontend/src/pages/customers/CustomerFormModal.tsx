import {
  Anchor,
  Autocomplete,
  Checkbox,
  Divider,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { Address, Customer, CustomerInput } from '../../api/types';
import { hasRole, useRole } from '../../auth/useAuth';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { formatMoneyInput, parseMoney } from '../../format/money';
import { applyServerErrorsAt } from '../../forms/serverErrors';
import { requiredText } from '../../forms/validators';
import { useMembers } from '../settings/queries';
import { compact, frenchVat, sirenValid, siretValid } from '../ledger/identifiers';
import { useCreateCustomer, useCustomerSegments, useUpdateCustomer } from '../ledger/queries';
import { segmentOptions } from './segments';

/** A field the page can ask the form to open on (the "fix" of a data problem). */
export type CustomerFocus = 'siren' | 'siret' | 'vat_number' | 'postal_address' | 'payment_terms_days' | null;

const EMPTY_ADDRESS: Address = { line1: '', line2: '', postal_code: '', city: '', country: 'FR' };

interface Values {
  name: string;
  external_id: string;
  siren: string;
  siret: string;
  vat_number: string;
  language: 'fr' | 'en';
  currency: string;
  payment_terms_days: number | string;
  segment: string;
  tags: string[];
  credit_limit: string;
  notes: string;
  accounting_owner_id: string | null;
  sales_owner_id: string | null;
  billing_address: Address;
  postal_same: boolean;
  postal_address: Address;
}

const ADDRESS_KEYS = ['line1', 'line2', 'postal_code', 'city', 'country'] as const;
const PATHS = [
  'name',
  'external_id',
  'siren',
  'siret',
  'vat_number',
  'language',
  'currency',
  'payment_terms_days',
  'segment',
  'tags',
  'credit_limit',
  'notes',
  'accounting_owner_id',
  'sales_owner_id',
  ...ADDRESS_KEYS.map((k) => `billing_address.${k}`),
  ...ADDRESS_KEYS.map((k) => `postal_address.${k}`),
];
const ALIASES = { credit_limit_cents: 'credit_limit' };

const isEmptyAddress = (a: Address | null | undefined) => !a || ADDRESS_KEYS.every((k) => k === 'country' || !(a[k] ?? '').trim());
const address = (a: Address | null | undefined): Address => ({ ...EMPTY_ADDRESS, ...(a ?? {}) });

function initialValues(c: Customer | undefined, lng: string): Values {
  return {
    name: c?.name ?? '',
    external_id: c?.external_id ?? '',
    siren: c?.siren ?? '',
    siret: c?.siret ?? '',
    vat_number: c?.vat_number ?? '',
    language: c?.language ?? (lng.startsWith('en') ? 'en' : 'fr'),
    currency: c?.currency ?? 'EUR',
    payment_terms_days: c?.payment_terms_days ?? (c ? '' : 30),
    segment: c?.segment ?? '',
    tags: c?.tags ?? [],
    credit_limit: c?.credit_limit_cents != null ? formatMoneyInput(c.credit_limit_cents, lng, c.currency) : '',
    notes: c?.notes ?? '',
    accounting_owner_id: c?.accounting_owner?.user_id ?? null,
    sales_owner_id: c?.sales_owner?.user_id ?? null,
    billing_address: address(c?.billing_address),
    postal_same: isEmptyAddress(c?.postal_address),
    postal_address: address(c?.postal_address),
  };
}

function trimAddress(a: Address): Address {
  return { line1: a.line1.trim(), line2: (a.line2 ?? '').trim(), postal_code: a.postal_code.trim(), city: a.city.trim(), country: a.country.trim().toUpperCase() };
}

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The customer to edit; none to create one. */
  customer?: Customer;
  focus?: CustomerFocus;
  onCreated?: (c: Customer) => void;
}

/** Create or edit a customer: identity, identifiers, terms, addresses, internal owners. */
export function CustomerFormModal({ opened, onClose, customer, focus = null, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const create = useCreateCustomer();
  const update = useUpdateCustomer(customer?.id ?? '');
  // GET /members is for collectors and above: viewers keep seeing the current owners, read-only.
  const role = useRole();
  const mayListMembers = hasRole(role, 'collector');
  const members = useMembers({ sort: 'name', limit: 200, offset: 0 }, opened && mayListMembers);
  const segments = useCustomerSegments(opened);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initialValues(customer, lng),
    validate: {
      name: requiredText(t),
      credit_limit: (v, values) => (v.trim() === '' || (parseMoney(v, lng, values.currency) ?? -1) >= 0 ? null : t('validation.amount')),
      payment_terms_days: (v) => (v === '' || (Number(v) >= 0 && Number(v) <= 365) ? null : t('customers.form.termsRange')),
    },
  });

  useEffect(() => {
    if (opened) {
      form.setValues(initialValues(customer, lng));
      form.resetDirty();
      form.clearErrors();
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, customer?.id]);

  const v = form.values;
  const suggestedVat = frenchVat(v.siren);
  const ownersLocked = role !== undefined && (!mayListMembers || (members.error instanceof ApiError && members.error.status === 403));
  const memberOptions = [
    ...(members.data?.items ?? []).map((m) => ({ value: m.user_id, label: m.name || m.email })),
    ...[customer?.accounting_owner, customer?.sales_owner]
      .filter((o): o is NonNullable<typeof o> => Boolean(o))
      .map((o) => ({ value: o.user_id, label: o.name })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);

  const submit = form.onSubmit((values) => {
    setError(null);
    const credit = values.credit_limit.trim() === '' ? null : parseMoney(values.credit_limit, lng, values.currency);
    const body: CustomerInput = {
      name: values.name.trim(),
      external_id: values.external_id.trim() || undefined,
      siren: compact(values.siren),
      siret: compact(values.siret),
      vat_number: compact(values.vat_number),
      language: values.language,
      currency: values.currency.trim().toUpperCase(),
      payment_terms_days: values.payment_terms_days === '' ? undefined : Number(values.payment_terms_days),
      segment: values.segment.trim(),
      tags: values.tags,
      credit_limit_cents: credit ?? undefined,
      notes: values.notes,
      accounting_owner_id: values.accounting_owner_id ?? undefined,
      sales_owner_id: values.sales_owner_id ?? undefined,
      billing_address: trimAddress(values.billing_address),
      postal_address: values.postal_same ? { line1: '', line2: '', postal_code: '', city: '', country: '' } : trimAddress(values.postal_address),
    };
    const onError = (err: unknown) => setError(applyServerErrorsAt(form, err, PATHS, t, ALIASES));
    if (customer) {
      update.mutate(body, {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('customers.form.saved') });
          onClose();
        },
        onError,
      });
    } else {
      create.mutate(body, {
        onSuccess: (c) => {
          notifications.show({ color: 'green', message: t('customers.form.created', { name: c.name }) });
          onClose();
          onCreated?.(c);
        },
        onError,
      });
    }
  });

  const addressFields = (prefix: 'billing_address' | 'postal_address', autoFocus: boolean) => (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={t('customers.form.line1')} data-autofocus={autoFocus || undefined} {...form.getInputProps(`${prefix}.line1`)} />
      <TextInput label={t('customers.form.line2')} {...form.getInputProps(`${prefix}.line2`)} />
      <TextInput label={t('customers.form.postalCode')} {...form.getInputProps(`${prefix}.postal_code`)} />
      <TextInput label={t('customers.form.city')} {...form.getInputProps(`${prefix}.city`)} />
      <TextInput label={t('customers.form.country')} maxLength={2} description={t('customers.form.countryHelp')} {...form.getInputProps(`${prefix}.country`)} />
    </SimpleGrid>
  );

  const sirenWarning = v.siren.trim() && !sirenValid(v.siren) ? t('customers.form.sirenInvalid') : undefined;
  const siretWarning = v.siret.trim() && !siretValid(v.siret) ? t('customers.form.siretInvalid') : undefined;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={customer ? t('customers.form.editTitle', { name: customer.name }) : t('customers.form.newTitle')}
      size="xl"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert message={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('customers.fields.name')} required data-autofocus={!focus || undefined} {...form.getInputProps('name')} />
            <TextInput
              label={t('customers.fields.externalId')}
              description={t('customers.form.externalIdHelp')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              {...form.getInputProps('external_id')}
            />
          </SimpleGrid>

          <Divider label={t('customers.form.identifiers')} labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('customers.fields.siren')}
              data-autofocus={focus === 'siren' || undefined}
              description={sirenWarning}
              styles={sirenWarning ? { description: { color: 'var(--mantine-color-orange-8)' } } : undefined}
              {...form.getInputProps('siren')}
            />
            <TextInput
              label={t('customers.fields.siret')}
              data-autofocus={focus === 'siret' || undefined}
              description={siretWarning}
              styles={siretWarning ? { description: { color: 'var(--mantine-color-orange-8)' } } : undefined}
              {...form.getInputProps('siret')}
            />
            <TextInput
              label={t('customers.fields.vat')}
              data-autofocus={focus === 'vat_number' || undefined}
              description={
                suggestedVat && compact(v.vat_number) !== suggestedVat ? (
                  <Anchor component="button" type="button" size="xs" onClick={() => form.setFieldValue('vat_number', suggestedVat)}>
                    {t('customers.form.useVat', { vat: suggestedVat })}
                  </Anchor>
                ) : undefined
              }
              {...form.getInputProps('vat_number')}
            />
          </SimpleGrid>

          <Divider label={t('customers.form.terms')} labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <NumberInput
              label={t('customers.fields.paymentTerms')}
              suffix={` ${t('customers.form.days')}`}
              min={0}
              max={365}
              allowDecimal={false}
              data-autofocus={focus === 'payment_terms_days' || undefined}
              {...form.getInputProps('payment_terms_days')}
            />
            <MoneyInput label={t('customers.fields.creditLimit')} currency={v.currency || 'EUR'} {...form.getInputProps('credit_limit')} />
            <Group grow gap="sm" align="flex-start">
              <Select
                label={t('customers.fields.language')}
                data={[
                  { value: 'fr', label: 'Français' },
                  { value: 'en', label: 'English' },
                ]}
                allowDeselect={false}
                {...form.getInputProps('language')}
              />
              <TextInput label={t('customers.fields.currency')} maxLength={3} {...form.getInputProps('currency')} />
            </Group>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Autocomplete
              label={t('customers.fields.segment')}
              placeholder={t('customers.form.segmentPlaceholder')}
              data={segmentOptions(segments.data?.items)}
              limit={20}
              {...form.getInputProps('segment')}
            />
            <TagsInput label={t('customers.fields.tags')} placeholder={t('customers.form.tagsPlaceholder')} clearable {...form.getInputProps('tags')} />
          </SimpleGrid>

          <Divider label={t('customers.form.billingAddress')} labelPosition="left" />
          {addressFields('billing_address', focus === 'postal_address' && v.postal_same)}
          <Checkbox
            label={t('customers.form.postalSame')}
            checked={v.postal_same}
            onChange={(e) => form.setFieldValue('postal_same', e.currentTarget.checked)}
          />
          {!v.postal_same && (
            <>
              <Text size="sm" fw={500}>
                {t('customers.form.postalAddress')}
              </Text>
              {addressFields('postal_address', focus === 'postal_address')}
            </>
          )}

          <Divider label={t('customers.form.owners')} labelPosition="left" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('customers.fields.accountingOwner')}
              description={t('customers.form.ownersHelp')}
              data={memberOptions}
              clearable={!ownersLocked}
              searchable
              disabled={ownersLocked}
              {...form.getInputProps('accounting_owner_id')}
            />
            <Select
              label={t('customers.fields.salesOwner')}
              description=" "
              data={memberOptions}
              clearable={!ownersLocked}
              searchable
              disabled={ownersLocked}
              {...form.getInputProps('sales_owner_id')}
            />
          </SimpleGrid>
          {ownersLocked && (
            <Group gap={6} wrap="nowrap" mt={-6} data-testid="owners-locked">
              <IconLock size={14} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
              <Text size="xs" c="dimmed">
                {t('customers.form.ownersViewer')}
              </Text>
            </Group>
          )}
          <Textarea label={t('customers.fields.notes')} autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />

          <FormActions onCancel={onClose} label={customer ? t('common.save') : t('customers.form.create')} loading={create.isPending || update.isPending} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
