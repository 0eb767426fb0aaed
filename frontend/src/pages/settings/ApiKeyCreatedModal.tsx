import { ActionIcon, Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from '../../api/types';

/** Shows a newly created key once, with a copy button. It cannot be closed by clicking outside. */
export function ApiKeyCreatedModal({ apiKey, onClose }: { apiKey: CreatedApiKey | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={apiKey !== null}
      onClose={onClose}
      title={t('apiKeys.createdTitle')}
      centered
      size="lg"
      closeOnClickOutside={false}
    >
      {apiKey && (
        <Stack>
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
            {t('apiKeys.shownOnce')}
          </Alert>
          <Text size="sm">{t('apiKeys.createdFor', { name: apiKey.name })}</Text>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code block data-testid="new-api-key" style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} fz="sm">
              {apiKey.key}
            </Code>
            <CopyButton value={apiKey.key} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                  <ActionIcon size="lg" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : 'indigo'} onClick={copy} aria-label={t('common.copy')}>
                    {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <Group justify="flex-end" mt="sm">
            <Button onClick={onClose}>{t('apiKeys.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
