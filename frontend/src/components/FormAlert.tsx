import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** A general error above a form (the problem's detail). */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
      {message}
    </Alert>
  );
}
