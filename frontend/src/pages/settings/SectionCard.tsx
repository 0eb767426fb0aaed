import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  description?: string;
  actions?: ReactNode;
  toolbar?: ReactNode;
  children: ReactNode;
}

/** A white card holding one list: title and actions, a toolbar (search, filters), the table. */
export function SectionCard({ title, description, actions, toolbar, children }: Props) {
  return (
    <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
      <Stack gap="md" p="md" pb={toolbar ? 'md' : 0}>
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={4} fw={600}>
              {title}
            </Title>
            {description && (
              <Text size="sm" c="dimmed">
                {description}
              </Text>
            )}
          </Stack>
          {actions}
        </Group>
        {toolbar && <Group gap="sm">{toolbar}</Group>}
      </Stack>
      {children}
    </Paper>
  );
}
