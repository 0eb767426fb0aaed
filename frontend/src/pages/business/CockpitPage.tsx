import { Anchor, Button, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChartBar, IconChevronRight, IconClockExclamation, IconFileImport, IconKey, IconUserPlus, IconUsersGroup, type Icon } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../auth/useAuth';
import { DateField, parseDay, todayISO } from '../../components/DateField';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../format/useFormat';
import { AgingChart } from '../cockpit/AgingChart';
import { previousMonthEnd } from '../cockpit/aging';
import { CockpitTiles } from '../cockpit/CockpitTiles';
import { DsoTrendChart } from '../cockpit/DsoTrendChart';
import { ForecastChart } from '../cockpit/ForecastChart';
import { useAnalyticsSummary, useDsoTrend, useForecast, useOrganization } from '../cockpit/queries';
import { TOP_DEBTORS_SORT, TopDebtors } from '../cockpit/TopDebtors';
import { Panel } from '../ledger/components';
import { useCustomers, useInvoices } from '../ledger/queries';

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

/** The first steps of a new organisation: invite the team, connect tools, import. */
function Onboarding() {
  const { t } = useTranslation();
  return (
    <>
      <EmptyState icon={IconChartBar} comingSoon={false} title={t('cockpit.emptyTitle')} description={t('cockpit.empty')} />
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
    </>
  );
}

/** "as of" from the URL (?as_of=YYYY-MM-DD), today when absent or not a day; set to today removes it. */
function useAsOf(): [string, (day: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const today = todayISO();
  const asOf = parseDay(params.get('as_of') ?? '') ?? today;
  const setAsOf = (day: string | null) => {
    const next = new URLSearchParams(params);
    if (day && day !== today) next.set('as_of', day);
    else next.delete('as_of');
    setParams(next, { replace: true });
  };
  return [asOf, setAsOf];
}

/** The figures, the aging chart and the DSO trend as of `asOf`, in `currency`. */
function Indicators({ asOf, currency }: { asOf: string; currency: string }) {
  const { t } = useTranslation();
  const summary = useAnalyticsSummary(asOf, currency);
  const trend = useDsoTrend(asOf, currency, 12);
  const previous = trend.data ? (trend.data.items.find((p) => p.month_end === previousMonthEnd(asOf))?.dso_countback ?? null) : undefined;
  return (
    <QueryState
      query={summary}
      loading={
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {Array.from({ length: 8 }, (_, i) => (
              <Skeleton key={i} h={96} radius="lg" />
            ))}
          </SimpleGrid>
          <Skeleton h={320} radius="lg" />
        </Stack>
      }
    >
      {(s) => (
        <Stack gap="lg">
          <CockpitTiles summary={s} previousDso={previous} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Panel title={t('cockpit.aging.title')} p="md">
              <AgingChart aging={s.aging} asOf={asOf} currency={s.currency} />
            </Panel>
            <Panel title={t('cockpit.dso.title')} p="md">
              <QueryState query={trend} loading={<Skeleton h={240} />} failure="text">
                {(d) => <DsoTrendChart points={d.items} />}
              </QueryState>
            </Panel>
          </SimpleGrid>
        </Stack>
      )}
    </QueryState>
  );
}

/** Below the indicators: the 13-week cash-in forecast as of `asOf`, and today's top debtors. */
function Outlook({ asOf, currency }: { asOf: string; currency: string }) {
  const { t } = useTranslation();
  const forecast = useForecast(asOf, currency);
  const debtors = useCustomers({ sort: TOP_DEBTORS_SORT, limit: 5, offset: 0, overdue: true });
  const past = asOf !== todayISO();
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, lg: 8 }} data-testid="forecast-panel">
        <Panel title={t('cockpit.forecast.title')} p="md">
          <QueryState query={forecast} loading={<Skeleton h={260} />} failure="text">
            {(f) => <ForecastChart forecast={f} />}
          </QueryState>
        </Panel>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }} data-testid="top-debtors">
        <Panel title={t('cockpit.topDebtors.title')} p="md">
          {past && (
            <Text size="xs" c="dimmed" pb="xs" data-testid="top-debtors-today">
              {t('cockpit.topDebtors.today')}
            </Text>
          )}
          <QueryState query={debtors} loading={<Skeleton h={200} />} failure="text">
            {(d) => <TopDebtors customers={d.items} />}
          </QueryState>
        </Panel>
      </Grid.Col>
    </Grid>
  );
}

/** The home page: where the cash is as of a day (today by default), or the first steps of a new organisation. */
export function CockpitPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data: me } = useMe();
  const firstName = me?.user?.name?.split(' ')[0];
  const organization = useOrganization();
  const anyInvoice = useInvoices({ limit: 1, offset: 0 });
  const [asOf, setAsOf] = useAsOf();
  const empty = anyInvoice.data?.total === 0;
  const today = todayISO();
  // The field keeps what was typed; going back to today gives it a new input showing today.
  const [field, setField] = useState(0);

  return (
    <>
      <PageHeader
        title={firstName ? t('cockpit.greeting', { name: firstName }) : t('nav.cockpit')}
        description={me ? t('cockpit.subtitle', { organization: me.organization.name }) : undefined}
        actions={
          !empty &&
          !anyInvoice.isPending && (
            <Group gap="xs" align="flex-end">
              <DateField key={field} label={t('cockpit.asOf')} value={asOf} onChange={(d) => d && setAsOf(d)} maxDate={today} w={170} />
              {asOf !== today && (
                <Button
                  variant="subtle"
                  onClick={() => {
                    setAsOf(null);
                    setField((k) => k + 1);
                  }}
                >
                  {t('cockpit.today')}
                </Button>
              )}
            </Group>
          )
        }
      />
      <Stack gap="xl">
        {anyInvoice.isPending ? (
          <Skeleton h={96} radius="lg" />
        ) : empty ? (
          <Onboarding />
        ) : (
          <>
            {asOf !== today && (
              <Text size="sm" c="dimmed" data-testid="as-of-note">
                {t('cockpit.asOfNote', { date: fmt.date(asOf) })}
              </Text>
            )}
            <QueryState query={organization} loading={<Skeleton h={96} radius="lg" />}>
              {(org) => (
                <Stack gap="lg">
                  <Indicators asOf={asOf} currency={org.currency} />
                  <Outlook asOf={asOf} currency={org.currency} />
                </Stack>
              )}
            </QueryState>
          </>
        )}
        <CustomerCounts />
      </Stack>
    </>
  );
}
