import { Anchor, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChartBar, IconChevronRight, IconClockExclamation, IconFileImport, IconKey, IconUserPlus, IconUsersGroup, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useCustomers } from '../ledger/queries';

function Step({ icon: I, title, text, action }: { icon: Icon; title: string; text: string; action: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="lg" bg="white">
      <Stack gap="xs" h="100%">
        <ThemeIcon variant="light" color="indigo" size={40} radius="md">
          <I size={22} stroke={1.6} />
        </ThemeIcon>
        <Text fw={600}>{title}</Text>
        <Text size="sm" c="dimmed" style={{ flexGrow: 1 }}>
          {text}
        </Text>
        {action}
      </Stack>
    </Paper>
  );
}

/** A small count linking to the list it counts. */
function CountTile({ icon: I, label, count, to, color, testId }: { icon: Icon; label: string; count: number | undefined; to: string; color: string; testId: string }) {
  return (
    <UnstyledButton component={Link} to={to} data-testid={testId}>
      <Paper withBorder radius="lg" p="md" bg="white">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color={color} size={40} radius="md">
              <I size={22} stroke={1.6} />
            </ThemeIcon>
            <Stack gap={0}>
              {count === undefined ? (
                <Skeleton h={26} w={40} />
              ) : (
                <Text fz={24} fw={700} lh={1.1} c={count > 0 && color !== 'indigo' ? `${color}.7` : undefined}>
                  {count}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {label}
              </Text>
            </Stack>
          </Group>
          <IconChevronRight size={18} color="var(--mantine-color-gray-5)" />
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

/** How many customers, how many overdue, how many records too poor to follow up. */
function CustomerCounts() {
  const { t } = useTranslation();
  const all = useCustomers({ limit: 1, offset: 0 });
  const overdue = useCustomers({ limit: 1, offset: 0, overdue: true });
  const incomplete = useCustomers({ limit: 1, offset: 0, incomplete: true });
  if (all.error) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      <CountTile icon={IconUsersGroup} color="indigo" label={t('cockpit.tiles.customers', { count: all.data?.total ?? 0 })} count={all.data?.total} to="/customers" testId="tile-customers" />
      <CountTile icon={IconClockExclamation} color="red" label={t('cockpit.tiles.overdue', { count: overdue.data?.total ?? 0 })} count={overdue.data?.total} to="/customers?overdue=true" testId="tile-overdue" />
      <CountTile
        icon={IconAlertTriangle}
        color="orange"
        label={t('cockpit.tiles.incomplete', { count: incomplete.data?.total ?? 0 })}
        count={incomplete.data?.total}
        to="/customers?incomplete=true"
        testId="tile-incomplete"
      />
    </SimpleGrid>
  );
}

/** The home page: a greeting, what the cockpit will show, and the first steps available today. */
export function CockpitPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const firstName = me?.user?.name?.split(' ')[0];

  return (
    <>
      <PageHeader
        title={firstName ? t('cockpit.greeting', { name: firstName }) : t('nav.cockpit')}
        description={me ? t('cockpit.subtitle', { organization: me.organization.name }) : undefined}
      />
      <Stack gap="xl">
        <CustomerCounts />
        <EmptyState icon={IconChartBar} title={t('cockpit.emptyTitle')} description={t('cockpit.empty')} />
        <Stack gap="sm">
          <Title order={4} fw={600}>
            {t('cockpit.gettingStarted')}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
            <Step
              icon={IconUserPlus}
              title={t('cockpit.steps.team.title')}
              text={t('cockpit.steps.team.text')}
              action={<Anchor component={Link} to="/settings/users" size="sm" fw={600}>{t('cockpit.steps.team.action')}</Anchor>}
            />
            <Step
              icon={IconKey}
              title={t('cockpit.steps.apiKey.title')}
              text={t('cockpit.steps.apiKey.text')}
              action={<Anchor component={Link} to="/settings/api-keys" size="sm" fw={600}>{t('cockpit.steps.apiKey.action')}</Anchor>}
            />
            <Step
              icon={IconFileImport}
              title={t('cockpit.steps.import.title')}
              text={t('cockpit.steps.import.text')}
              action={<Anchor component={Link} to="/imports/new" size="sm" fw={600}>{t('cockpit.steps.import.action')}</Anchor>}
            />
          </SimpleGrid>
        </Stack>
      </Stack>
    </>
  );
}
