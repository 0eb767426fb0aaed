import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Import } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ListFrame } from '../../components/table/ListFrame';
import { useListState } from '../../components/table/useListState';
import { useFormat } from '../../format/useFormat';
import { useImports } from '../ledger/queries';
import { isFailed, isFinished, isRunning } from './importSteps';

export function ImportStatusBadge({ imp }: { imp: Import }) {
  const { t } = useTranslation();
  const [color, key] = isFailed(imp)
    ? (['red', 'failed'] as const)
    : isFinished(imp)
      ? (['green', 'completed'] as const)
      : isRunning(imp)
        ? (['blue', 'running'] as const)
        : imp.status === 'validated'
          ? (['yellow', 'checked'] as const)
          : (['gray', 'draft'] as const);
  return (
    <Badge variant="light" color={color} radius="sm">
      {t(`imports.status.${key}`)}
    </Badge>
  );
}

/** Past and unfinished imports. */
export function ImportsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const list = useListState({ field: 'created_at', desc: true });
  const imports = useImports(list.query);
  return (
    <>
      <PageHeader
        title={t('imports.title')}
        description={t('imports.subtitle')}
        actions={
          <Button leftSection={<IconFileImport size={16} />} component={Link} to="/imports/new">
            {t('imports.new')}
          </Button>
        }
      />
      <ListFrame
        list={list}
        result={imports}
        empty={t('imports.list.empty')}
        minWidth={760}
        columns={[
          { label: t('imports.list.date'), sort: 'created_at' },
          { label: t('imports.list.kind') },
          { label: t('imports.list.file') },
          { label: t('fields.status') },
          { label: t('imports.list.result') },
        ]}
        row={(imp) => (
          <Table.Tr key={imp.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/imports/${imp.id}`)}>
            <Table.Td>
              <Text size="sm">{fmt.dateTime(imp.created_at)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{t(`imports.kindLabels.${imp.kind}`)}</Text>
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/imports/${imp.id}`} size="sm" fw={500}>
                {imp.filename}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <ImportStatusBadge imp={imp} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {imp.report && !imp.report.dry_run
                  ? [
                      t('imports.counts.created', { count: imp.report.created }),
                      t('imports.counts.updated', { count: imp.report.updated }),
                      t('imports.counts.skipped', { count: imp.report.skipped }),
                    ].join(' · ')
                  : '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </>
  );
}
