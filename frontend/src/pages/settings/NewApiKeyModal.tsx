import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeyRole, CreatedApiKey } from '../../api/types';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { applyServerErrors } from '../../forms/serverErrors';
import { requiredText } from '../../forms/validators';
import { useCreateApiKey } from './queries';

const FIELDS = ['name', 'role'] as const;
const ROLES: ApiKeyRole[] = ['admin', 'collector', 'viewer'];

interface Props {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}

/** "New API key": name + role. The created key goes to onCreated, to be shown once. */
export function NewApiKeyModal({ opened, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<{ name: string; role: ApiKeyRole }>({
    initialValues: { name: '', role: 'viewer' },
    validate: { name: requiredText(t) },
  });

  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };

  const submit = form.onSubmit((v) => {
    setError(null);
    create.mutate(
      { name: v.name.trim(), role: v.role },
      {
        onSuccess: (key) => {
          close();
          onCreated(key);
        },
        onError: (err) => setError(applyServerErrors(form, err, FIELDS, t)),
      },
    );
  });

  return (
    <Modal opened={opened} onClose={close} title={t('apiKeys.newTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          <TextInput label={t('fields.name')} placeholder={t('apiKeys.namePlaceholder')} data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t('fields.role')}
            description={t(`roles.help.${form.values.role}`)}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            allowDeselect={false}
            {...form.getInputProps('role')}
          />
          <FormActions onCancel={close} label={t('apiKeys.create')} loading={create.isPending} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
