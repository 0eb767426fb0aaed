import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { FormAlert } from '../../components/FormAlert';
import { applyServerErrors } from '../../forms/serverErrors';
import { strongPassword } from '../../forms/validators';
import { AuthLayout } from './AuthLayout';

const FIELDS = ['password'] as const;

/** The token of the emailed link: it travels in the fragment (#token=…), which never reaches a server. */
export function resetToken(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
}

/** A link the server refused: unknown, expired or already used. */
function isBadLink(err: unknown): boolean {
  return err instanceof ApiError && err.status === 422 && (err.problem.errors ?? []).some((e) => e.field === 'token');
}

/** "Choose a new password", reached from the password-reset email. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const token = resetToken(useLocation().hash);
  const [error, setError] = useState<string | null>(null);
  const [badLink, setBadLink] = useState(token === '');
  const [done, setDone] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: strongPassword(t),
      confirm: (v, values) => (v !== values.password ? t('auth.reset.mismatch') : null),
    },
  });

  const submit = form.onSubmit(async ({ password }) => {
    setError(null);
    setSubmitting(true);
    try {
      await unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }));
      setDone(true);
    } catch (err) {
      if (isBadLink(err)) setBadLink(true);
      else setError(applyServerErrors(form, err, FIELDS, t));
    } finally {
      setSubmitting(false);
    }
  });

  const login = (
    <Anchor component={Link} to="/login" fw={600}>
      {t('auth.forgot.backToLogin')}
    </Anchor>
  );
  if (done) {
    return (
      <AuthLayout title={t('auth.reset.doneTitle')}>
        <Stack>
          <Alert variant="light" color="teal" icon={<IconCircleCheck size={18} />} role="status">
            {t('auth.reset.done')}
          </Alert>
          <Button component={Link} to="/login" fullWidth>
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }
  if (badLink) {
    return (
      <AuthLayout title={t('auth.reset.title')} footer={login}>
        <Stack>
          <Alert variant="light" color="orange" title={t('auth.reset.badLinkTitle')}>
            {t('auth.reset.badLink')}
          </Alert>
          <Button component={Link} to="/forgot-password" variant="light" fullWidth>
            {t('auth.reset.askAgain')}
          </Button>
        </Stack>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('auth.reset.title')} subtitle={t('auth.reset.subtitle')} footer={login}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          <PasswordInput label={t('auth.reset.password')} autoComplete="new-password" autoFocus {...form.getInputProps('password')} />
          <PasswordInput label={t('auth.reset.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            {t('auth.reset.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
