import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A page's title, one line of context, and its main actions on the right. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="lg" gap="md">
      <Stack gap={4}>
        <Title order={2} fw={700} fz={{ base: 22, sm: 26 }}>
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions}
    </Group>
  );
}

interface PageAction {
  label: string;
  icon: ReactNode;
}

/** A page's actions: a link to a neighbouring page, then its main action (each when given). */
export function PageActions({ link, action }: { link?: PageAction & { to: string }; action?: (PageAction & { onClick: () => void }) | false }) {
  return (
    <Group gap="sm">
      {link && (
        <Button variant="default" leftSection={link.icon} component={Link} to={link.to}>
          {link.label}
        </Button>
      )}
      {action && (
        <Button leftSection={action.icon} onClick={action.onClick}>
          {action.label}
        </Button>
      )}
    </Group>
  );
}
