import { ActionIcon, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconMail, IconPencil, IconPhone, IconTrash, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Contact, Customer } from '../../api/types';
import { confirmDanger } from '../../components/confirmDanger';
import { PlainTh } from '../../components/table/SortableTh';
import { TableBodyState } from '../../components/table/TableBodyState';
import { Panel } from '../ledger/components';
import { useDeleteContact } from '../ledger/queries';
import { isEmail } from '../../forms/validators';


export function ContactsPanel({ customer, onAdd, onEdit }: { customer: Customer; onAdd: () => void; onEdit: (c: Contact, focus?: 'email' | 'phone') => void }) {
  const { t } = useTranslation();
  const remove = useDeleteContact(customer.id);
  const contacts = customer.contacts ?? [];
  const onDelete = (c: Contact) =>
    confirmDanger({
      title: t('customers.contacts.deleteTitle'),
      message: t('customers.contacts.deleteConfirm', { name: c.name || c.email }),
      confirm: t('customers.contacts.delete'),
      run: (after) => remove.mutate(c.id, after),
      failed: t('customers.contacts.deleteFailed'),
      t,
    });

  return (
    <Panel
      title={t('customers.contacts.title')}
      id="contacts"
      actions={
        <Button size="compact-sm" variant="light" leftSection={<IconUserPlus size={15} />} onClick={onAdd}>
          {t('customers.contacts.add')}
        </Button>
      }
    >
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" horizontalSpacing="md">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <PlainTh>{t('customers.contacts.name')}</PlainTh>
              <PlainTh>{t('customers.contacts.role')}</PlainTh>
              <PlainTh>{t('customers.contacts.reach')}</PlainTh>
              <PlainTh>{t('customers.contacts.channel')}</PlainTh>
              <PlainTh>{t('customers.contacts.reminders')}</PlainTh>
              <PlainTh w={80} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableBodyState columns={6} isPending={false} error={null} isEmpty={contacts.length === 0} emptyText={t('customers.contacts.empty')} />
            {contacts.map((c) => {
              const badEmail = c.email && !isEmail(c.email);
              return (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {c.name || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray" radius="sm" size="sm" tt="none" styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
                      {t(`customers.contacts.roles.${c.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {c.email && (
                        <Group gap={4} wrap="nowrap">
                          <IconMail size={14} color={badEmail ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-gray-6)'} />
                          <Text size="sm" c={badEmail ? 'red.7' : undefined}>
                            {c.email}
                          </Text>
                        </Group>
                      )}
                      {c.phone && (
                        <Group gap={4} wrap="nowrap">
                          <IconPhone size={14} color="var(--mantine-color-gray-6)" />
                          <Text size="sm">{c.phone}</Text>
                        </Group>
                      )}
                      {!c.email && !c.phone && <Text size="sm" c="dimmed">—</Text>}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`customers.contacts.channels.${c.preferred_channel}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {c.receives_reminders ? (
                      <Badge color="teal" variant="light" radius="sm" size="sm" tt="none">
                        {t('common.yes')}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('common.no')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap" justify="flex-end">
                      <Tooltip label={t('common.edit')}>
                        <ActionIcon variant="subtle" color="gray" onClick={() => onEdit(c)} aria-label={t('customers.contacts.editNamed', { name: c.name || c.email })}>
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={t('customers.contacts.delete')}>
                        <ActionIcon variant="subtle" color="red" onClick={() => onDelete(c)} aria-label={t('customers.contacts.deleteNamed', { name: c.name || c.email })}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Panel>
  );
}
