import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TokenResponse } from '../../api/types';
import { useAuth } from '../../auth/useAuth';
import { applyServerErrors } from '../../forms/serverErrors';

interface Options {
  /** Where to go once signed in ('/' by default). */
  next?: string;
  /** A message of its own for some failures (null: the usual field errors). */
  explain?: (err: unknown) => string | null;
}

/**
 * The submit of a form that signs in (log in, sign up, accept an invitation): `request` gets the
 * tokens, then the app opens at `next`; a failure lands on the form's `fields`, or above them.
 */
export function useSignIn<V>(form: UseFormReturnType<V>, fields: readonly string[], request: (values: V) => Promise<TokenResponse>, { next = '/', explain }: Options = {}) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const submit = form.onSubmit(async (values) => {
    setError(null);
    setSubmitting(true);
    try {
      signIn(await request(values));
      navigate(next, { replace: true });
    } catch (err) {
      setError(explain?.(err) ?? applyServerErrors(form, err, fields, t));
    } finally {
      setSubmitting(false);
    }
  });
  return { submit, error, submitting };
}
