import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { describeError } from '../forms/serverErrors';

interface Options {
  title: ReactNode;
  /** The question, in the modal. */
  message: ReactNode;
  /** The red button's words. */
  confirm: string;
  /** Runs the action once confirmed, with what to do after. */
  run: (after: { onSuccess: () => void; onError: (err: unknown) => void }) => void;
  /** The green notice once done (none without), then what follows. */
  done?: string;
  onDone?: () => void;
  /** The red notice's title when it fails (its text is the error). */
  failed: string;
  t: TFunction;
}

/** Asks before an action that removes or undoes something (red button), runs it, and says how it went. */
export function confirmDanger({ title, message, confirm, run, done, onDone, failed, t }: Options) {
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{message}</Text>,
    labels: { confirm, cancel: t('common.cancel') },
    confirmProps: { color: 'red' },
    onConfirm: () =>
      run({
        onSuccess: () => {
          if (done) notifications.show({ color: 'green', message: done });
          onDone?.();
        },
        onError: (err) => notifications.show({ color: 'red', title: failed, message: describeError(err, t) }),
      }),
  });
}
