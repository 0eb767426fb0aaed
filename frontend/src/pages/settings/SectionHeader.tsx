import { Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Heading } from '../../components/Heading';

interface Props {
  title: string;
  description?: string;
  actions?: ReactNode;
  toolbar?: ReactNode;
}

/** The top of a settings list: title and actions, then a toolbar (search, filters). */
export function SectionHeader({ title, description, actions, toolbar }: Props) {
  return (
    <Stack gap="md" p="md" pb={toolbar ? 'md' : 0}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Heading title={title} description={description} order={4} gap={2} />
        {actions}
      </Group>
      {toolbar && <Group gap="sm">{toolbar}</Group>}
    </Stack>
  );
}
