import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../forms/serverErrors';

/**
 * The state of a form in a modal that creates something: its error line, `fail` putting the
 * server's errors on `fields` (or on that line), and `close`, which forgets what was typed.
 */
export function useModalForm<V>(form: UseFormReturnType<V>, fields: readonly string[], onClose: () => void) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    form.reset();
    setError(null);
    onClose();
  };
  const fail = (err: unknown) => setError(applyServerErrors(form, err, fields, t));
  return { error, clearError: () => setError(null), fail, close };
}
