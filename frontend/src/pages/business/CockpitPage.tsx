import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChartBar, IconFileImport, IconKey, IconUserPlus, type Icon } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../auth/useAuth';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

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
              action={
                <Group>
                  <Badge variant="light" color="gray" size="sm">{t('common.comingSoon')}</Badge>
                </Group>
              }
            />
          </SimpleGrid>
        </Stack>
      </Stack>
    </>
  );
}
