import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { applyServerErrors } from '../../forms/serverErrors';
import { validEmail } from '../../forms/validators';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['email'] as const;

/** "Forgot password?": asks for a link to choose a new password. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({ initialValues: { email: '' }, validate: { email: validEmail(t) } });

  const submit = form.onSubmit(async ({ email }) => {
    setError(null);
    setSubmitting(true);
    try {
      await unwrap(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } }));
      setSentTo(email.trim());
    } catch (err) {
      setError(applyServerErrors(form, err, FIELDS, t));
    } finally {
      setSubmitting(false);
    }
  });

  const back = (
    <Anchor component={Link} to="/login" fw={600}>
      {t('auth.forgot.backToLogin')}
    </Anchor>
  );
  if (sentTo) {
    return (
      <AuthLayout title={t('auth.forgot.sentTitle')} footer={back}>
        <Alert variant="light" color="indigo" icon={<IconMailForward size={18} />} role="status">
          <Text size="sm">{t('auth.forgot.sent', { email: sentTo })}</Text>
        </Alert>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('auth.forgot.title')} subtitle={t('auth.forgot.subtitle')} footer={back}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          <TextInput label={t('fields.email')} type="email" autoComplete="email" autoFocus {...form.getInputProps('email')} />
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            {t('auth.forgot.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
