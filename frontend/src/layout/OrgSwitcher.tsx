import { Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconCheck, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../auth/useAuth';
import { describeError } from '../forms/serverErrors';

/** The current organisation; with several memberships, a menu to switch. */
export function OrgSwitcher() {
  const { t } = useTranslation();
  const { switchOrganization } = useAuth();
  const navigate = useNavigate();
  const { data: me } = useMe();
  if (!me) return null;
  const current = me.organization;

  const pick = async (id: string) => {
    if (id === current.id) return;
    try {
      await switchOrganization(id);
      navigate('/');
    } catch (err) {
      notifications.show({ color: 'red', title: t('org.switchFailed'), message: describeError(err, t) });
    }
  };

  return (
    <Menu position="bottom-end" width={300} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label={t('org.switch')}
          px="sm"
          py={6}
          style={{ borderRadius: 'var(--mantine-radius-md)', border: '1px solid var(--mantine-color-gray-3)' }}
        >
          <Group gap={8} wrap="nowrap">
            <IconBuilding size={17} stroke={1.7} color="var(--mantine-color-indigo-6)" />
            <Text size="sm" fw={600} truncate maw={{ base: 110, sm: 200 }} data-testid="current-organization">
              {current.name}
            </Text>
            <IconSelector size={15} color="var(--mantine-color-gray-6)" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('org.yourOrganizations')}</Menu.Label>
        {me.memberships.map((m) => (
          <Menu.Item
            key={m.organization_id}
            onClick={() => void pick(m.organization_id)}
            rightSection={m.organization_id === current.id ? <IconCheck size={16} /> : null}
          >
            <Stack gap={0}>
              <Text size="sm" fw={500} truncate>
                {m.organization_name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`roles.${m.role}`)}
              </Text>
            </Stack>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
