import { Badge, Tabs } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconBuildingBank, IconCalendarDollar, IconMessageQuestion, IconScale, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { hasRole, useRole } from '../../auth/useAuth';
import { PageActions, PageHeader } from '../../components/PageHeader';
import { oneOfParam } from '../../components/table/useListState';
import { BankChangesTab } from './BankChangesTab';
import { REQUEST_TABS, type RequestTab } from './components';
import { DisputesTab } from './DisputesTab';
import { PromisesTab } from './PromisesTab';
import { useRequestCounts } from './queries';
import { QuestionsTab } from './QuestionsTab';

const ICONS = { questions: IconMessageQuestion, disputes: IconScale, promises: IconCalendarDollar, bank: IconBuildingBank } as const;

/** The count of what waits for someone, beside a tab or a nav item; nothing at zero. */
export function CountBadge({ count, label }: { count: number | undefined; label?: string }) {
  if (!count) return null;
  return (
    <Badge size="sm" variant="filled" color="orange" radius="xl" aria-label={label} styles={{ root: { minWidth: 20, paddingInline: 6 } }}>
      {count > 99 ? '99+' : count}
    </Badge>
  );
}

/** The navbar's badge: open questions and disputes, bank details to check. */
export function RequestsNavBadge() {
  const { t } = useTranslation();
  const counts = useRequestCounts();
  return <CountBadge count={counts.data?.total} label={t('portal.requests.waiting', { count: counts.data?.total ?? 0 })} />;
}

/**
 * What debtors told us on their page (and disputes and promises however they came): an inbox in
 * four tabs, each with its filters in the URL.
 */
export function RequestsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const isAdmin = hasRole(useRole(), 'admin');
  const phone = useMediaQuery('(max-width: 48em)');
  const counts = useRequestCounts();
  const tab: RequestTab = oneOfParam(params, 'tab', REQUEST_TABS, 'questions');
  const count: Record<RequestTab, number | undefined> = {
    questions: counts.data?.questions,
    disputes: counts.data?.disputes,
    promises: undefined,
    bank: counts.data?.bank,
  };

  const onTab = (v: string | null) => {
    if (!v) return;
    // The statuses differ from tab to tab; the customer filter stays.
    const next = new URLSearchParams();
    next.set('tab', v);
    const customer = params.get('customer_id');
    if (customer) next.set('customer_id', customer);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t('portal.requests.title')}
        description={t('portal.requests.subtitle')}
        actions={isAdmin && <PageActions link={{ to: '/settings/portal', icon: <IconSettings size={16} />, label: t('portal.requests.settings') }} />}
      />
      {/* On a phone the four tabs do not fit on a line: pills, on two lines, all visible. */}
      <Tabs value={tab} onChange={onTab} mb="md" keepMounted={false} variant={phone ? 'pills' : 'default'}>
        <Tabs.List style={phone ? { flexWrap: 'wrap', gap: 4 } : { flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'none' }}>
          {REQUEST_TABS.map((v) => {
            const I = ICONS[v];
            return (
              <Tabs.Tab key={v} value={v} leftSection={<I size={16} stroke={1.7} />} rightSection={<CountBadge count={count[v]} />} style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>
                {phone && v === 'bank' ? t('portal.tabs.bankShort') : t(`portal.tabs.${v}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
      </Tabs>
      {tab === 'questions' && <QuestionsTab />}
      {tab === 'disputes' && <DisputesTab />}
      {tab === 'promises' && <PromisesTab />}
      {tab === 'bank' && <BankChangesTab />}
    </>
  );
}
