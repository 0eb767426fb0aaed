import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Heading } from './Heading';

/** A titled group of fields in a settings form, with an optional line saying what it is for. */
export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Heading title={title} description={description} order={5} gap={0} />
      {children}
    </Stack>
  );
}
