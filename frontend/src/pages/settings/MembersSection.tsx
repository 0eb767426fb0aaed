import { ActionIcon, Badge, Group, Select, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Member, Role } from '../../api/types';
import { useMe } from '../../auth/useAuth';
import { confirmDanger } from '../../components/confirmDanger';
import { useListState } from '../../components/table/useListState';
import { useFormat } from '../../format/useFormat';
import { describeError } from '../../forms/serverErrors';
import { grantableRoles } from './badges';
import { useChangeRole, useMembers, useRemoveMember } from './queries';
import { SectionList } from './SectionHeader';

function MemberRow({ member, myId, myRole }: { member: Member; myId?: string; myRole?: Role }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const roles = grantableRoles(myRole);
  const isMe = member.user_id === myId;
  // Only an owner touches owners; nobody demotes or removes themselves from here.
  const locked = isMe || (member.role === 'owner' && myRole !== 'owner');
  const options = (roles.includes(member.role) ? roles : [member.role, ...roles]).map((r) => ({ value: r, label: t(`roles.${r}`) }));

  const onRole = (role: string | null) => {
    if (!role || role === member.role) return;
    changeRole.mutate(
      { userId: member.user_id, role: role as Role },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('members.roleChanged', { name: member.name || member.email }) }),
        onError: (err) => notifications.show({ color: 'red', title: t('members.roleChangeFailed'), message: describeError(err, t) }),
      },
    );
  };

  const onRemove = () =>
    confirmDanger({
      title: t('members.removeTitle'),
      message: t('members.removeConfirm', { name: member.name || member.email }),
      confirm: t('members.remove'),
      run: (after) => remove.mutate(member.user_id, after),
      done: t('members.removed', { name: member.name || member.email }),
      failed: t('members.removeFailed'),
      t,
    });

  return (
    <Table.Tr>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>
            {member.name}
          </Text>
          {isMe && (
            <Badge size="xs" variant="outline" color="gray">
              {t('members.you')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {member.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          w={150}
          data={options}
          value={member.role}
          onChange={onRole}
          disabled={locked || changeRole.isPending}
          allowDeselect={false}
          aria-label={t('members.roleFor', { name: member.name || member.email })}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{fmt.date(member.created_at)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        {!locked && (
          <Tooltip label={t('members.remove')}>
            <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('members.removeNamed', { name: member.name || member.email })}>
              <IconUserMinus size={17} />
            </ActionIcon>
          </Tooltip>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The organisation's members: search, sort, change role, remove. */
export function MembersSection() {
  const { t } = useTranslation();
  const list = useListState({ field: 'name', desc: false });
  const members = useMembers(list.query);
  const { data: me } = useMe();

  return (
    <SectionList
      title={t('members.title')}
      description={t('members.description')}
      search={t('members.search')}
      list={list}
      result={members}
      empty={t('members.empty')}
      minWidth={680}
      columns={[
        { label: t('fields.name'), sort: 'name' },
        { label: t('fields.email'), sort: 'email' },
        { label: t('fields.role'), sort: 'role', w: 170 },
        { label: t('members.joined'), sort: 'created_at' },
        { w: 60 },
      ]}
      row={(m) => <MemberRow key={m.user_id} member={m} myId={me?.user?.id} myRole={me?.organization.role} />}
    />
  );
}
