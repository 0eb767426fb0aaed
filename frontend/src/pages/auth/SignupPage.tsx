import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { FormAlert } from '../../components/FormAlert';
import { MIN_PASSWORD, requiredText, strongPassword, validEmail } from '../../forms/validators';
import { currentLanguage } from '../../i18n';
import { AuthLayout } from './AuthLayout';
import { useSignIn } from './useSignIn';

const FIELDS = ['organization_name', 'name', 'email', 'password'] as const;

export function SignupPage() {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { organization_name: '', name: '', email: '', password: '' },
    validate: {
      organization_name: requiredText(t),
      name: requiredText(t),
      email: validEmail(t),
      password: strongPassword(t),
    },
  });

  const { submit, error, submitting } = useSignIn(form, FIELDS, (v) => {
    const body = {
      organization_name: v.organization_name.trim(),
      name: v.name.trim(),
      email: v.email.trim(),
      password: v.password,
      locale: currentLanguage(),
    };
    return unwrap(api.POST('/api/v1/auth/signup', { body }));
  });

  return (
    <AuthLayout
      title={t('auth.signup.title')}
      subtitle={t('auth.signup.subtitle')}
      footer={
        <>
          {t('auth.signup.haveAccount')}{' '}
          <Anchor component={Link} to="/login" fw={600}>
            {t('auth.signup.login')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert message={error} />
          <TextInput label={t('fields.organizationName')} autoComplete="organization" autoFocus {...form.getInputProps('organization_name')} />
          <TextInput label={t('fields.name')} autoComplete="name" {...form.getInputProps('name')} />
          <TextInput label={t('fields.email')} type="email" autoComplete="email" {...form.getInputProps('email')} />
          <PasswordInput
            label={t('fields.password')}
            description={t('validation.passwordLength', { count: MIN_PASSWORD })}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={submitting} fullWidth mt="xs">
            {t('auth.signup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
