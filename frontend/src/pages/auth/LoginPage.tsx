import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/problem';
import { FormAlert } from '../../components/FormAlert';
import { requiredText, validEmail } from '../../forms/validators';
import { AuthLayout } from './AuthLayout';
import { useSignIn } from './useSignIn';

const FIELDS = ['email', 'password'] as const;

/** A same-site path to go back to after signing in (never an absolute URL). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: { email: validEmail(t), password: requiredText(t) },
  });

  const { submit, error, submitting } = useSignIn(form, FIELDS, (v) => unwrap(api.POST('/api/v1/auth/login', { body: { email: v.email.trim(), password: v.password } })), {
    next: safeNext(params.get('next')),
    explain: (err) => (err instanceof ApiError && err.status === 401 ? t('auth.login.invalid') : null),
  });

  return (
    <AuthLayout
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      footer={
        <>
          {t('auth.login.noAccount')}{' '}
          <Anchor component={Link} to="/signup" fw={600}>
            {t('auth.login.createOrg')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          <TextInput label={t('fields.email')} type="email" autoComplete="email" autoFocus {...form.getInputProps('email')} />
          <Stack gap={4}>
            <PasswordInput label={t('fields.password')} autoComplete="current-password" {...form.getInputProps('password')} />
            <Anchor component={Link} to="/forgot-password" size="sm" ta="right">
              {t('auth.login.forgot')}
            </Anchor>
          </Stack>
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
