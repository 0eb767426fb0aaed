import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';

/** The "Relance" wordmark. */
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 38 : 30} radius="md" variant="gradient" gradient={{ from: 'indigo.6', to: 'cyan.5', deg: 135 }}>
        <IconArrowBackUp size={large ? 22 : 18} stroke={2.2} />
      </ThemeIcon>
      <Text fw={800} fz={large ? 26 : 20} lts={-0.5} c="dark.8">
        Relance
      </Text>
    </Group>
  );
}
