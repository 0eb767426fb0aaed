import { AppShell, Box, NavLink as MantineNavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { RequestsNavBadge } from '../pages/portal/RequestsPage';
import { OrgSwitcher } from './OrgSwitcher';
import { MAIN_NAV, SECONDARY_NAV, type NavItem } from './navItems';

function Item({ item, onNavigate }: { item: NavItem; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const under = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  const active = item.end ? pathname === item.to : under(item.to) && !(item.except ?? []).some(under);
  const Icon = item.icon;
  return (
    <MantineNavLink
      component={NavLink}
      to={item.to}
      end={item.end}
      active={active}
      onClick={onNavigate}
      label={t(`nav.${item.label}`)}
      leftSection={<Icon size={item.sub ? 17 : 19} stroke={1.7} />}
      rightSection={item.label === 'requests' ? <RequestsNavBadge /> : undefined}
      variant="light"
      pl={item.sub ? 34 : undefined}
      styles={{ root: { borderRadius: 'var(--mantine-radius-md)' }, label: { fontWeight: 500, fontSize: 'var(--mantine-font-size-sm)' } }}
    />
  );
}

/** The side navigation: business pages, then settings at the bottom. */
export function Navbar({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <AppShell.Section grow component={ScrollArea} p="sm">
        <Box hiddenFrom="sm" pb="sm">
          <OrgSwitcher />
        </Box>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={4} pb={8} lts={0.4}>
          {t('nav.sectionMain')}
        </Text>
        <Stack gap={4}>
          {MAIN_NAV.map((item) => (
            <Item key={item.to} item={item} onNavigate={onNavigate} />
          ))}
        </Stack>
      </AppShell.Section>
      <AppShell.Section p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        {SECONDARY_NAV.map((item) => (
          <Item key={item.to} item={item} onNavigate={onNavigate} />
        ))}
      </AppShell.Section>
    </>
  );
}
