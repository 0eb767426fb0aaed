import { Badge, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  icon: Icon;
  title: string;
  description: string;
  children?: ReactNode;
  comingSoon?: boolean;
}

/** A calm placeholder that says what will appear in this place. */
export function EmptyState({ icon: IconComponent, title, description, children, comingSoon = true }: Props) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="lg" p={{ base: 'lg', sm: 48 }} bg="white">
      <Stack align="center" gap="sm" maw={520} mx="auto" ta="center">
        <ThemeIcon size={64} radius="xl" variant="light" color="indigo">
          <IconComponent size={32} stroke={1.5} />
        </ThemeIcon>
        {comingSoon && (
          <Badge variant="light" color="gray" size="sm">
            {t('common.comingSoon')}
          </Badge>
        )}
        <Title order={3} fw={600} fz="lg">
          {title}
        </Title>
        <Text c="dimmed" size="sm" lh={1.6}>
          {description}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}
