import { Alert, Tabs } from '@mantine/core';
import { IconKey, IconLock, IconRoute, IconUsers, IconWorldWww } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { hasRole, useMe } from '../../auth/useAuth';
import { PageHeader } from '../../components/PageHeader';

const TABS = [
  { value: 'users', icon: IconUsers },
  { value: 'api-keys', icon: IconKey },
  { value: 'dunning', icon: IconRoute },
  { value: 'portal', icon: IconWorldWww },
] as const;

const TAB_LABELS = { users: 'users', 'api-keys': 'apiKeys', dunning: 'dunning', portal: 'portal' } as const;

/** Settings: a tab per subpage (users, API keys), each its own route. Admins and owners only. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { data: me } = useMe();
  const current = TABS.find((tab) => pathname.startsWith(`/settings/${tab.value}`))?.value ?? 'users';
  const allowed = me ? hasRole(me.organization.role, 'admin') : true;

  return (
    <>
      <PageHeader title={t('nav.settings')} description={t('settings.subtitle')} />
      <Tabs value={current} onChange={(v) => v && navigate(`/settings/${v}`)} mb="lg" keepMounted={false}>
        <Tabs.List>
          {TABS.map(({ value, icon: I }) => (
            <Tabs.Tab key={value} value={value} leftSection={<I size={16} stroke={1.7} />}>
              {t(`settings.tabs.${TAB_LABELS[value]}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {allowed ? (
        <Outlet />
      ) : (
        <Alert variant="light" color="gray" icon={<IconLock size={18} />} title={t('settings.adminOnlyTitle')}>
          {t('settings.adminOnly')}
        </Alert>
      )}
    </>
  );
}
