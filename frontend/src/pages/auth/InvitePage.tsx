import { Alert, Anchor, Button, Center, Loader, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailOpened } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { InvitationLookup } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../format/useFormat';
import { describeError } from '../../forms/serverErrors';
import { requiredText, strongPassword } from '../../forms/validators';
import { AuthLayout } from './AuthLayout';
import { useSignIn } from './useSignIn';

const FIELDS = ['name', 'password'] as const;

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationLookup }) {
  const { t } = useTranslation();
  const isNew = !invitation.user_exists;
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: {
      name: (v) => (isNew ? requiredText(t)(v) : null),
      password: isNew ? strongPassword(t) : requiredText(t),
    },
  });

  const { submit, error, submitting } = useSignIn(form, FIELDS, (v) =>
    unwrap(api.POST('/api/v1/invitations/accept', { body: isNew ? { token, name: v.name.trim(), password: v.password } : { token, password: v.password } })),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormAlert message={error} />
        <TextInput label={t('fields.email')} value={invitation.email} readOnly variant="filled" />
        {isNew && <TextInput label={t('fields.name')} autoComplete="name" autoFocus {...form.getInputProps('name')} />}
        <PasswordInput
          label={isNew ? t('invite.choosePassword') : t('fields.password')}
          autoComplete={isNew ? 'new-password' : 'current-password'}
          autoFocus={!isNew}
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={submitting} fullWidth mt="xs">
          {isNew ? t('invite.createAndJoin') : t('invite.signInAndJoin')}
        </Button>
      </Stack>
    </form>
  );
}

export function InvitePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { token = '' } = useParams();
  const lookup = useQuery({
    queryKey: ['invitation-lookup', token],
    queryFn: () => unwrap(api.GET('/api/v1/invitations/lookup', { params: { query: { token } } })),
    retry: false,
  });

  if (lookup.isPending) {
    return (
      <AuthLayout title={t('invite.title')}>
        <Center py="lg">
          <Loader />
        </Center>
      </AuthLayout>
    );
  }
  if (lookup.isError) {
    return (
      <AuthLayout title={t('invite.title')} footer={<Anchor component={Link} to="/login">{t('invite.goToLogin')}</Anchor>}>
        <Alert color="orange" variant="light" title={t('invite.invalidTitle')}>
          {t('invite.invalid')} <Text span size="xs" c="dimmed">({describeError(lookup.error, t)})</Text>
        </Alert>
      </AuthLayout>
    );
  }

  const inv = lookup.data;
  return (
    <AuthLayout
      title={t('invite.joinTitle', { organization: inv.organization_name })}
      subtitle={
        <Trans
          i18nKey="invite.subtitle"
          values={{ role: t(`roles.${inv.role}`), date: fmt.date(inv.expires_at) }}
          components={{ b: <b /> }}
        />
      }
    >
      <Stack>
        <Alert variant="light" color="indigo" icon={<IconMailOpened size={18} />}>
          {inv.user_exists ? t('invite.existingUser') : t('invite.newUser')}
        </Alert>
        <AcceptForm token={token} invitation={inv} />
      </Stack>
    </AuthLayout>
  );
}
