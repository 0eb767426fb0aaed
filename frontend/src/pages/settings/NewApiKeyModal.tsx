import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { ApiKeyRole, CreatedApiKey } from '../../api/types';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { requiredText } from '../../forms/validators';
import { useCreateApiKey } from './queries';
import { useModalForm } from './useModalForm';

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
  const form = useForm<{ name: string; role: ApiKeyRole }>({
    initialValues: { name: '', role: 'viewer' },
    validate: { name: requiredText(t) },
  });
  const { error, clearError, fail, close } = useModalForm(form, FIELDS, onClose);

  const submit = form.onSubmit((v) => {
    clearError();
    create.mutate(
      { name: v.name.trim(), role: v.role },
      {
        onSuccess: (key) => {
          close();
          onCreated(key);
        },
        onError: fail,
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
