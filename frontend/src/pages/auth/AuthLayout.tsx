import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from '../../components/Brand';
import { Heading } from '../../components/Heading';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';

interface Props {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of the public pages: brand, language switcher and one centred card. */
export function AuthLayout({ title, subtitle, children, footer }: Props) {
  return (
    <Box mih="100dvh" bg="linear-gradient(160deg, var(--mantine-color-indigo-0) 0%, var(--mantine-color-gray-0) 55%)">
      <Group justify="space-between" px={{ base: 'md', sm: 'xl' }} py="md">
        <Brand />
        <LanguageSwitcher />
      </Group>
      <Center px="md" pb="xl" pt={{ base: 'md', sm: 48 }}>
        <Stack w="100%" maw={420} gap="lg">
          <Heading title={title} description={subtitle} order={2} fw={700} gap={6} />
          <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg">
            {children}
          </Paper>
          {footer && (
            <Text ta="center" size="sm" c="dimmed">
              {footer}
            </Text>
          )}
        </Stack>
      </Center>
    </Box>
  );
}
