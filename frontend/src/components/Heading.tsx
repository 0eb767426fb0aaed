import { Stack, Text, Title, type MantineSpacing, type TitleOrder } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** A dimmed line under the title, saying what it is for. */
  description?: ReactNode;
  order: TitleOrder;
  fw?: number;
  gap: MantineSpacing | number;
}

/** A title and, under it, what it is for: of a page section, a settings card, a form group. */
export function Heading({ title, description, order, fw = 600, gap }: Props) {
  return (
    <Stack gap={gap}>
      <Title order={order} fw={fw}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      )}
    </Stack>
  );
}
