import { ActionIcon, Button, Code, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKey, CreatedApiKey } from '../../api/types';
import { confirmDanger } from '../../components/confirmDanger';
import { useListState } from '../../components/table/useListState';
import { useFormat } from '../../format/useFormat';
import { ApiKeyCreatedModal } from './ApiKeyCreatedModal';
import { ApiKeyStatusBadge, RoleBadge } from './badges';
import { NewApiKeyModal } from './NewApiKeyModal';
import { useApiKeys, useRevokeApiKey } from './queries';
import { SectionList } from './SectionHeader';

function ApiKeyRow({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const revoke = useRevokeApiKey();
  const revoked = Boolean(apiKey.revoked_at);
  const onRevoke = () =>
    confirmDanger({
      title: t('apiKeys.revokeTitle'),
      message: t('apiKeys.revokeConfirm', { name: apiKey.name }),
      confirm: t('apiKeys.revoke'),
      run: (after) => revoke.mutate(apiKey.id, after),
      done: t('apiKeys.revokedNotice', { name: apiKey.name }),
      failed: t('apiKeys.revokeFailed'),
      t,
    });

  return (
    <Table.Tr c={revoked ? 'dimmed' : undefined}>
      <Table.Td><Text size="sm" fw={500}>{apiKey.name}</Text></Table.Td>
      <Table.Td><Code fz="xs">{apiKey.prefix}…</Code></Table.Td>
      <Table.Td><RoleBadge role={apiKey.role} /></Table.Td>
      <Table.Td><Text size="sm">{fmt.date(apiKey.created_at)}</Text></Table.Td>
      <Table.Td>
        {apiKey.last_used_at ? (
          <Tooltip label={fmt.dateTime(apiKey.last_used_at)}>
            <Text size="sm">{fmt.relative(apiKey.last_used_at)}</Text>
          </Tooltip>
        ) : (
          <Text size="sm" c="dimmed">{t('apiKeys.neverUsed')}</Text>
        )}
      </Table.Td>
      <Table.Td><ApiKeyStatusBadge revoked={revoked} /></Table.Td>
      <Table.Td ta="right">
        {!revoked && (
          <Tooltip label={t('apiKeys.revoke')}>
            <ActionIcon variant="subtle" color="red" onClick={onRevoke} aria-label={t('apiKeys.revokeNamed', { name: apiKey.name })}>
              <IconTrash size={17} />
            </ActionIcon>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Settings → API keys: list, create (shown once), revoke. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const list = useListState({ field: 'created_at', desc: true });
  const keys = useApiKeys(list.query);

  return (
    <>
      <SectionList
        title={t('apiKeys.title')}
        description={t('apiKeys.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            {t('apiKeys.new')}
          </Button>
        }
        search={t('apiKeys.search')}
        list={list}
        result={keys}
        empty={t('apiKeys.empty')}
        minWidth={820}
        columns={[
          { label: t('fields.name'), sort: 'name' },
          { label: t('apiKeys.prefix') },
          { label: t('fields.role'), sort: 'role' },
          { label: t('apiKeys.created'), sort: 'created_at' },
          { label: t('apiKeys.lastUsed'), sort: 'last_used_at' },
          { label: t('fields.status') },
          { w: 60 },
        ]}
        row={(k) => <ApiKeyRow key={k.id} apiKey={k} />}
      />
      <NewApiKeyModal opened={opened} onClose={close} onCreated={setCreated} />
      <ApiKeyCreatedModal apiKey={created} onClose={() => setCreated(null)} />
    </>
  );
}

