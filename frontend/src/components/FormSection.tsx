import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled group of fields in a settings form, with an optional line saying what it is for. */
export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Stack gap={0}>
        <Title order={5} fw={600}>
          {title}
        </Title>
        {description && (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        )}
      </Stack>
      {children}
    </Stack>
  );
}
