// A settings page's form, saved as a whole: its frame, and how it follows what the server has.
import { Button, Group, Paper, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useEffect, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from './FormAlert';

/**
 * Keeps a settings form on the server's values: when `source` changes (saved elsewhere) they come
 * in unless the user is editing. Returns `take`, which puts a saved answer in as the new start.
 */
export function useServerValues<V extends Record<string, unknown>>(form: UseFormReturnType<V>, source: unknown, toValues: () => V) {
  const take = (v: V) => {
    form.setValues(v);
    form.resetDirty(v);
  };
  useEffect(() => {
    if (!form.isDirty()) take(toValues());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source]);
  return take;
}

interface Props {
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  error: string | null;
  saving: boolean;
  /** Save is offered once something changed. */
  dirty: boolean;
  children: ReactNode;
}

/** The white card of a settings form: its error on top, its sections, then Save. */
export function SettingsFormFrame({ onSubmit, error, saving, dirty, children }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="form" onSubmit={onSubmit} noValidate>
      <Stack gap="lg">
        <FormAlert message={error} />
        {children}
        <Group justify="flex-end">
          <Button type="submit" loading={saving} disabled={!dirty}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
