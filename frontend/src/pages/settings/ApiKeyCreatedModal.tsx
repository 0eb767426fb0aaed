import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CreatedApiKey } from '../../api/types';
import { CopyableValue } from '../../components/CopyableValue';

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
          <CopyableValue value={apiKey.key} testId="new-api-key" copyLabel={t('common.copy')} />
          <Group justify="flex-end" mt="sm">
            <Button onClick={onClose}>{t('apiKeys.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
