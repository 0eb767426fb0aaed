import { ActionIcon, Button, Select, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMailPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invitation, InvitationStatus } from '../../api/types';
import { confirmDanger } from '../../components/confirmDanger';
import { useListState } from '../../components/table/useListState';
import { useFormat } from '../../format/useFormat';
import { InvitationStatusBadge, RoleBadge } from './badges';
import { InviteModal } from './InviteModal';
import { useInvitations, useRevokeInvitation } from './queries';
import { SectionList } from './SectionHeader';

const STATUSES: InvitationStatus[] = ['pending', 'accepted', 'revoked', 'expired'];

function InvitationRow({ inv }: { inv: Invitation }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const revoke = useRevokeInvitation();
  const onRevoke = () =>
    confirmDanger({
      title: t('invitations.revokeTitle'),
      message: t('invitations.revokeConfirm', { email: inv.email }),
      confirm: t('invitations.revoke'),
      run: (after) => revoke.mutate(inv.id, after),
      done: t('invitations.revoked', { email: inv.email }),
      failed: t('invitations.revokeFailed'),
      t,
    });

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>{inv.email}</Text>
      </Table.Td>
      <Table.Td><RoleBadge role={inv.role} /></Table.Td>
      <Table.Td><InvitationStatusBadge status={inv.status} /></Table.Td>
      <Table.Td><Text size="sm">{fmt.date(inv.created_at)}</Text></Table.Td>
      <Table.Td><Text size="sm" c="dimmed">{fmt.date(inv.expires_at)}</Text></Table.Td>
      <Table.Td ta="right">
        {inv.status === 'pending' && (
          <Tooltip label={t('invitations.revoke')}>
            <ActionIcon variant="subtle" color="red" onClick={onRevoke} aria-label={t('invitations.revokeNamed', { email: inv.email })}>
              <IconX size={17} />
            </ActionIcon>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Invitations sent from this organisation, with their status; invite and revoke. */
export function InvitationsSection() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [status, setStatus] = useState<InvitationStatus | null>(null);
  const list = useListState({ field: 'created_at', desc: true });
  const invitations = useInvitations({ ...list.query, ...(status ? { status } : {}) });

  return (
    <>
      <SectionList
        title={t('invitations.title')}
        description={t('invitations.description')}
        actions={
          <Button leftSection={<IconMailPlus size={16} />} onClick={open}>
            {t('invitations.invite')}
          </Button>
        }
        search={t('invitations.search')}
        filters={
          <Select
            placeholder={t('invitations.allStatuses')}
            aria-label={t('fields.status')}
            clearable
            w={200}
            value={status}
            onChange={(v) => {
              setStatus(v as InvitationStatus | null);
              list.setPage(1);
            }}
            data={STATUSES.map((v) => ({ value: v, label: t(`invitations.status.${v}`) }))}
          />
        }
        list={list}
        result={invitations}
        empty={t('invitations.empty')}
        minWidth={720}
        columns={[
          { label: t('fields.email'), sort: 'email' },
          { label: t('fields.role'), sort: 'role' },
          { label: t('fields.status'), sort: 'status' },
          { label: t('invitations.sentOn'), sort: 'created_at' },
          { label: t('invitations.expires'), sort: 'expires_at' },
          { w: 60 },
        ]}
        row={(inv) => <InvitationRow key={inv.id} inv={inv} />}
      />
      <InviteModal opened={opened} onClose={close} />
    </>
  );
}
