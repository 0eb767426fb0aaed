import { Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { useMe } from '../../auth/useAuth';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { validEmail } from '../../forms/validators';
import { grantableRoles } from './badges';
import { useInvite } from './queries';
import { useModalForm } from './useModalForm';

const FIELDS = ['email', 'role'] as const;

/** "Invite a teammate": email + role; the server emails them a link to /invite/{token}. */
export function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const invite = useInvite();
  const form = useForm<{ email: string; role: Role }>({
    initialValues: { email: '', role: 'collector' },
    validate: { email: validEmail(t) },
  });
  const { error, clearError, fail, close } = useModalForm(form, FIELDS, onClose);

  const submit = form.onSubmit((v) => {
    clearError();
    invite.mutate(
      { email: v.email.trim(), role: v.role },
      {
        onSuccess: (inv) => {
          notifications.show({ color: 'green', title: t('invitations.sentTitle'), message: t('invitations.sent', { email: inv.email }) });
          close();
        },
        onError: fail,
      },
    );
  });

  const roles = grantableRoles(me?.organization.role).map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <Modal opened={opened} onClose={close} title={t('invitations.inviteTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          <TextInput label={t('fields.email')} type="email" placeholder={t('invitations.emailPlaceholder')} data-autofocus {...form.getInputProps('email')} />
          <Select label={t('fields.role')} description={t(`roles.help.${form.values.role}`)} data={roles} allowDeselect={false} {...form.getInputProps('role')} />
          <FormActions onCancel={close} label={t('invitations.send')} loading={invite.isPending} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}
