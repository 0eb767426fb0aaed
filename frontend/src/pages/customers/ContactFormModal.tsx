import { Modal, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactRole, PreferredChannel } from '../../api/types';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { applyServerErrors } from '../../forms/serverErrors';
import { useSaveContact } from '../ledger/queries';
import { isEmail } from '../../forms/validators';

export const CONTACT_ROLES: ContactRole[] = ['accounting', 'billing', 'sales', 'other'];
export const CHANNELS: PreferredChannel[] = ['email', 'sms', 'letter', 'phone'];
const FIELDS = ['name', 'role', 'email', 'phone', 'preferred_channel', 'receives_reminders'] as const;

interface Values {
  name: string;
  role: ContactRole;
  email: string;
  phone: string;
  preferred_channel: PreferredChannel;
  receives_reminders: boolean;
}

const initial = (c: Contact | null): Values => ({
  name: c?.name ?? '',
  role: c?.role ?? 'accounting',
  email: c?.email ?? '',
  phone: c?.phone ?? '',
  preferred_channel: c?.preferred_channel ?? 'email',
  receives_reminders: c?.receives_reminders ?? true,
});

interface Props {
  customerId: string;
  opened: boolean;
  onClose: () => void;
  /** The contact to edit; null to add one. */
  contact: Contact | null;
  /** Which field to open on (a data problem's fix). */
  focus?: 'email' | 'phone' | null;
}

/** Add or edit a contact of a customer. */
export function ContactFormModal({ customerId, opened, onClose, contact, focus = null }: Props) {
  const { t } = useTranslation();
  const save = useSaveContact(customerId);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: initial(contact),
    validate: {
      email: (v, values) =>
        v.trim() === '' ? (values.receives_reminders && values.preferred_channel === 'email' ? t('customers.contacts.emailNeeded') : null) : isEmail(v) ? null : t('validation.email'),
      name: (v, values) => (v.trim() === '' && values.email.trim() === '' ? t('customers.contacts.nameOrEmail') : null),
    },
  });

  useEffect(() => {
    if (opened) {
      form.setValues(initial(contact));
      form.clearErrors();
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, contact?.id]);

  const submit = form.onSubmit((v) => {
    setError(null);
    save.mutate(
      { id: contact?.id, body: { ...v, name: v.name.trim(), email: v.email.trim(), phone: v.phone.trim() } },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: contact ? t('customers.contacts.saved') : t('customers.contacts.added') });
          onClose();
        },
        onError: (err) => setError(applyServerErrors(form, err, FIELDS, t)),
      },
    );
  });

  return (
    <Modal opened={opened} onClose={onClose} title={contact ? t('customers.contacts.editTitle') : t('customers.contacts.addTitle')} centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('customers.contacts.name')} data-autofocus={!focus || undefined} {...form.getInputProps('name')} />
            <Select
              label={t('customers.contacts.role')}
              allowDeselect={false}
              data={CONTACT_ROLES.map((r) => ({ value: r, label: t(`customers.contacts.roles.${r}`) }))}
              {...form.getInputProps('role')}
            />
            <TextInput label={t('fields.email')} type="email" data-autofocus={focus === 'email' || undefined} {...form.getInputProps('email')} />
            <TextInput
              label={t('customers.contacts.phone')}
              type="tel"
              placeholder="+33 6 12 34 56 78"
              description={t('customers.contacts.phoneHelp')}
              data-autofocus={focus === 'phone' || undefined}
              {...form.getInputProps('phone')}
            />
            <Select
              label={t('customers.contacts.channel')}
              allowDeselect={false}
              data={CHANNELS.map((c) => ({ value: c, label: t(`customers.contacts.channels.${c}`) }))}
              {...form.getInputProps('preferred_channel')}
            />
          </SimpleGrid>
          <Switch
            label={t('customers.contacts.receivesReminders')}
            description={t('customers.contacts.receivesRemindersHelp')}
            {...form.getInputProps('receives_reminders', { type: 'checkbox' })}
          />
          <FormActions onCancel={onClose} label={contact ? t('common.save') : t('customers.contacts.add')} loading={save.isPending} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
