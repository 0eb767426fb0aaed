import { Button, Center, Code, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/** Shown when a page crashes: a calm message and a way out, never a blank screen. */
export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = error instanceof Error ? error.message : null;
  return (
    <Center mih="60dvh" p="md">
      <Stack align="center" gap="sm" maw={520} ta="center">
        <Title order={2}>{t('crash.title')}</Title>
        <Text c="dimmed">{t('crash.text')}</Text>
        {message && (
          <Code block fz="xs" c="dimmed" w="100%">
            {message}
          </Code>
        )}
        <Button onClick={() => window.location.assign('/')} variant="light">
          {t('crash.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
