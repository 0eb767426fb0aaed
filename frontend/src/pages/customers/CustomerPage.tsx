import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Menu,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArchive,
  IconCash,
  IconCreditCard,
  IconFileTypePdf,
  IconPencil,
  IconPlus,
  IconReceiptRefund,
  IconScale,
  IconUserPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Address, Contact, Customer } from '../../api/types';
import { MoreMenu } from '../../components/MoreMenu';
import { confirmDanger } from '../../components/confirmDanger';
import { Fact } from '../../components/Fact';
import { PageSkeleton, QueryState } from '../../components/QueryState';
import { TableBodyState, TableBodyStateCards } from '../../components/table/TableBodyState';
import { PlainTh } from '../../components/table/SortableTh';
import { useFormat } from '../../format/useFormat';
import { ActivityTimeline, InvoiceStatusBadge, Money, Panel, StatTile } from '../ledger/components';
import { describeProblem, type ProblemFix } from '../ledger/problems';
import {
  useArchiveCustomer,
  useCustomer,
  useCustomerActivities,
  useInvoices,
  usePayments,
} from '../ledger/queries';
import { CreditNoteModal, type CreditNoteTarget } from '../invoices/CreditNoteModal';
import { InvoiceFormModal } from '../invoices/InvoiceFormModal';
import { useDownloadPdf } from '../invoices/pdf';
import { PaymentAllocations, PaymentMenu, usePaymentActions } from '../payments/PaymentActions';
import { RecordPaymentModal, type PaymentTarget } from '../payments/RecordPaymentModal';
import { CustomerDunningCard } from '../dunning/DunningCards';
import { PortalLinkCard } from '../portal/PortalLinkCard';
import { ContactFormModal } from './ContactFormModal';
import { ContactsPanel } from './ContactsPanel';
import { CustomerFormModal, type CustomerFocus } from './CustomerFormModal';
import { isEmail } from '../../forms/validators';
import { DetailBreadcrumbs } from '../../components/DetailBreadcrumbs';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

function formatAddress(a: Address | null | undefined): string[] {
  if (!a) return [];
  return [a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.country].filter((l): l is string => Boolean(l && l.trim()));
}

/** The data problems of a customer, each with the button that fixes it. */
function ProblemsAlert({ customer, onFix }: { customer: Customer; onFix: (fix: ProblemFix, code: string) => void }) {
  const { t } = useTranslation();
  const problems = (customer.data_problems ?? []).map((c) => describeProblem(c, t));
  if (problems.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      radius="lg"
      icon={<IconAlertTriangle size={20} />}
      title={t('customers.quality.alertTitle', { count: problems.length })}
      data-testid="data-problems"
    >
      <Stack gap={6} mt={4}>
        {problems.map((p) => (
          <Group key={p.code} justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm">{p.text}</Text>
            {p.fix && (
              <Button size="compact-sm" variant="white" color="orange" onClick={() => onFix(p.fix!, p.code)} style={{ flexShrink: 0 }}>
                {p.fixLabel}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}

function InvoicesPanel({ customer, onNew }: { customer: Customer; onNew: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const invoices = useInvoices({
    customer_id: customer.id,
    ...(scope === 'open' ? { status: 'open,partially_paid' } : {}),
    sort: scope === 'open' ? 'due_date' : '-issue_date',
    limit: 50,
    offset: 0,
  });
  const { download, busy } = useDownloadPdf();
  const rows = invoices.data?.items ?? [];
  const total = invoices.data?.total ?? 0;
  return (
    <Panel
      title={
        <Group gap="sm">
          <span>{t('customers.invoices.title')}</span>
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(v) => setScope(v as 'open' | 'all')}
            data={[
              { value: 'open', label: t('customers.invoices.open') },
              { value: 'all', label: t('customers.invoices.all') },
            ]}
          />
        </Group>
      }
      actions={
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={15} />} onClick={onNew}>
          {t('invoices.new')}
        </Button>
      }
    >
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="xs" horizontalSpacing="md" highlightOnHover>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <PlainTh>{t('invoices.fields.number')}</PlainTh>
              <PlainTh>{t('invoices.fields.dueDate')}</PlainTh>
              <PlainTh align="right">{t('invoices.fields.total')}</PlainTh>
              <PlainTh align="right">{t('invoices.fields.balance')}</PlainTh>
              <PlainTh>{t('fields.status')}</PlainTh>
              <PlainTh w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableBodyState
              columns={6}
              isPending={invoices.isPending}
              error={invoices.error}
              isEmpty={rows.length === 0}
              emptyText={scope === 'open' ? t('customers.invoices.noneOpen') : t('customers.invoices.none')}
            />
            {rows.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/invoices/${i.id}`} size="sm" fw={600} style={NOWRAP}>
                    {i.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={NOWRAP} c={i.days_overdue > 0 && i.balance_cents > 0 ? 'red.7' : undefined}>
                    {fmt.date(i.due_date)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Money cents={i.total_cents} currency={i.currency} />
                </Table.Td>
                <Table.Td ta="right">
                  <Money cents={i.balance_cents} currency={i.currency} dimZero fw={600} />
                </Table.Td>
                <Table.Td>
                  <InvoiceStatusBadge status={i.status} daysOverdue={i.days_overdue} />
                </Table.Td>
                <Table.Td>
                  {i.has_pdf && (
                    <Tooltip label={t('invoices.pdf.download')}>
                      <ActionIcon variant="subtle" color="red" loading={busy === i.id} onClick={() => void download(i.id, i.number)} aria-label={t('invoices.pdf.downloadNamed', { number: i.number })}>
                        <IconFileTypePdf size={18} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {total > rows.length && (
        <Group justify="center" py="xs">
          <Anchor component={Link} to={`/invoices?customer_id=${customer.id}`} size="sm">
            {t('customers.invoices.seeAll', { count: total })}
          </Anchor>
        </Group>
      )}
    </Panel>
  );
}

function PaymentsPanel({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const payments = usePayments({ customer_id: customer.id, sort: '-received_on', limit: 20, offset: 0 });
  const actions = usePaymentActions();
  const rows = payments.data?.items ?? [];
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Panel title={t('customers.payments.title')}>
      {phone ? (
        <Stack gap={0} data-testid="customer-payments">
          <TableBodyStateCards isPending={payments.isPending} error={payments.error} isEmpty={rows.length === 0} emptyText={t('customers.payments.none')} />
          {rows.map((p) => (
            <Group key={p.id} justify="space-between" wrap="nowrap" align="flex-start" px="md" py="sm" gap="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <Stack gap={4} miw={0}>
                <Text size="sm" fw={600} c={p.reversed_at ? 'dimmed' : undefined} td={p.reversed_at ? 'line-through' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {fmt.money(p.amount_cents, p.currency)}
                </Text>
                <Text size="xs" c="dimmed">
                  {[fmt.date(p.received_on), t(`payments.methods.${p.method}`), p.reference].filter(Boolean).join(' · ')}
                </Text>
                <PaymentAllocations payment={p} />
              </Stack>
              <PaymentMenu payment={p} onReverse={actions.reverse} onAllocate={actions.allocate} />
            </Group>
          ))}
        </Stack>
      ) : (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="customer-payments">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <PlainTh>{t('payments.fields.receivedOn')}</PlainTh>
              <PlainTh align="right">{t('payments.fields.amount')}</PlainTh>
              <PlainTh>{t('payments.fields.method')}</PlainTh>
              <PlainTh>{t('payments.fields.reference')}</PlainTh>
              <PlainTh>{t('payments.fields.allocatedTo')}</PlainTh>
              <PlainTh w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableBodyState columns={6} isPending={payments.isPending} error={payments.error} isEmpty={rows.length === 0} emptyText={t('customers.payments.none')} />
            {rows.map((p) => (
              <Table.Tr key={p.id} c={p.reversed_at ? 'dimmed' : undefined} style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <Text size="sm" style={NOWRAP}>
                    {fmt.date(p.received_on)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={500} td={p.reversed_at ? 'line-through' : undefined} style={{ fontVariantNumeric: 'tabular-nums', ...NOWRAP }}>
                    {fmt.money(p.amount_cents, p.currency)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`payments.methods.${p.method}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={p.reference ? undefined : 'dimmed'}>
                    {p.reference || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <PaymentAllocations payment={p} />
                </Table.Td>
                <Table.Td>
                  <PaymentMenu payment={p} onReverse={actions.reverse} onAllocate={actions.allocate} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      )}
      {actions.modals}
    </Panel>
  );
}

function DetailsPanel({ customer, onEdit }: { customer: Customer; onEdit: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const billing = formatAddress(customer.billing_address);
  const postal = formatAddress(customer.postal_address);
  return (
    <Panel
      title={t('customers.details.title')}
      p="md"
      actions={
        <Button size="compact-sm" variant="subtle" leftSection={<IconPencil size={15} />} onClick={onEdit}>
          {t('common.edit')}
        </Button>
      }
    >
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Fact label={t('customers.fields.paymentTerms')}>
          {customer.payment_terms_days != null ? t('customers.details.termsDays', { count: customer.payment_terms_days }) : <Text span c="dimmed" size="sm">—</Text>}
        </Fact>
        <Fact label={t('customers.fields.creditLimit')}>
          {customer.credit_limit_cents != null ? fmt.money(customer.credit_limit_cents, customer.currency) : <Text span c="dimmed" size="sm">—</Text>}
        </Fact>
        <Fact label={t('customers.fields.language')}>{customer.language === 'en' ? 'English' : 'Français'}</Fact>
        <Fact label={t('customers.fields.currency')}>{customer.currency}</Fact>
        <Fact label={t('customers.details.billing')}>
          {billing.length ? billing.map((l) => <div key={l}>{l}</div>) : <Text span c="dimmed" size="sm">—</Text>}
        </Fact>
        <Fact label={t('customers.details.postal')}>
          {postal.length ? postal.map((l) => <div key={l}>{l}</div>) : <Text span c="dimmed" size="sm">{billing.length ? t('customers.details.sameAsBilling') : '—'}</Text>}
        </Fact>
        <Fact label={t('customers.details.accountingOwner')}>{customer.accounting_owner?.name ?? <Text span c="dimmed" size="sm">—</Text>}</Fact>
        <Fact label={t('customers.details.salesOwner')}>{customer.sales_owner?.name ?? <Text span c="dimmed" size="sm">—</Text>}</Fact>
      </SimpleGrid>
      {customer.notes && (
        <Stack gap={2} mt="md">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
            {t('customers.fields.notes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {customer.notes}
          </Text>
        </Stack>
      )}
    </Panel>
  );
}

/** One customer: balances, data problems with fixes, contacts, invoices, payments, details, timeline. */
export function CustomerPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const customer = useCustomer(id);
  const [timelineLimit, setTimelineLimit] = useState(15);
  const activities = useCustomerActivities(id, timelineLimit);
  const archive = useArchiveCustomer(id);
  const [edit, setEdit] = useState<{ focus: CustomerFocus } | null>(null);
  const [contact, setContact] = useState<{ contact: Contact | null; focus: 'email' | 'phone' | null } | null>(null);
  const [payment, setPayment] = useState<PaymentTarget | null>(null);
  const [creditNote, setCreditNote] = useState<CreditNoteTarget | null>(null);
  const [newInvoice, setNewInvoice] = useState(false);

  return (
    <QueryState query={customer} loading={<PageSkeleton tiles={3} blocks={[240]} />} failure={{ notFound: t('customers.notFound'), backTo: '/customers', backLabel: t('customers.backToList') }}>
      {(c) => {
        const contacts = c.contacts ?? [];

        const onFix = (fix: ProblemFix, code: string) => {
          if (fix.kind === 'addContact') setContact({ contact: null, focus: 'email' });
          else if (fix.kind === 'editContacts') {
            const target =
              code === 'invalid_email' ? contacts.find((k) => k.email && !isEmail(k.email)) : code === 'missing_phone' ? contacts[0] : undefined;
            setContact({ contact: target ?? null, focus: code === 'missing_phone' ? 'phone' : 'email' });
          } else setEdit({ focus: fix.field });
        };

        const payTarget: PaymentTarget = { customerId: c.id, customerName: c.name, currency: c.currency };
        const onArchive = () =>
          confirmDanger({
            title: t('customers.archive.title'),
            message: t('customers.archive.confirm', { name: c.name }),
            confirm: t('customers.archive.action'),
            run: (after) => archive.mutate(undefined, after),
            done: t('customers.archive.done', { name: c.name }),
            onDone: () => navigate('/customers'),
            failed: t('customers.archive.failed'),
            t,
          });

        const ids = [
          c.external_id && { label: t('customers.fields.externalId'), value: c.external_id },
          c.siren && { label: 'SIREN', value: c.siren },
          c.siret && { label: 'SIRET', value: c.siret },
          c.vat_number && { label: t('customers.fields.vatShort'), value: c.vat_number },
        ].filter((x): x is { label: string; value: string } => Boolean(x));

        return (
          <>
            <Stack gap="lg">
              <Stack gap={6}>
                <DetailBreadcrumbs to="/customers" list={t('nav.customers')} current={c.name} truncate />
                <Group justify="space-between" align="flex-start" gap="md">
                  <Stack gap={6} miw={0}>
                    <Group gap="sm">
                      <Title order={2} fw={700} fz={{ base: 22, sm: 26 }}>
                        {c.name}
                      </Title>
                      {c.archived_at && (
                        <Badge color="gray" variant="light">
                          {t('customers.archived')}
                        </Badge>
                      )}
                      {c.segment && (
                        <Badge variant="light" color="indigo" radius="sm" tt="none">
                          {c.segment}
                        </Badge>
                      )}
                      {(c.tags ?? []).map((tag) => (
                        <Badge key={tag} variant="outline" color="gray" radius="sm" tt="none">
                          {tag}
                        </Badge>
                      ))}
                    </Group>
                    {ids.length > 0 && (
                      <Group gap="md">
                        {ids.map((i) => (
                          <Text key={i.label} size="sm" c="dimmed">
                            {i.label} <Text span c="dark" ff="monospace" size="sm">{i.value}</Text>
                          </Text>
                        ))}
                      </Group>
                    )}
                  </Stack>
                  <Group gap="sm">
                    <Button leftSection={<IconCash size={16} />} onClick={() => setPayment(payTarget)}>
                      {t('payments.record.action')}
                    </Button>
                    <MoreMenu>
                      <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEdit({ focus: null })}>
                        {t('customers.edit')}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconPlus size={16} />} onClick={() => setNewInvoice(true)}>
                        {t('invoices.new')}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconReceiptRefund size={16} />} onClick={() => setCreditNote(payTarget)}>
                        {t('creditNotes.new')}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconUserPlus size={16} />} onClick={() => setContact({ contact: null, focus: null })}>
                        {t('customers.contacts.add')}
                      </Menu.Item>
                      {!c.archived_at && (
                        <>
                          <Menu.Divider />
                          <Menu.Item color="red" leftSection={<IconArchive size={16} />} onClick={onArchive}>
                            {t('customers.archive.action')}
                          </Menu.Item>
                        </>
                      )}
                    </MoreMenu>
                  </Group>
                </Group>
              </Stack>

              <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
                <StatTile label={t('customers.fields.balance')} value={fmt.money(c.balance_cents, c.currency)} icon={IconScale} hint={t('customers.tiles.openInvoices', { count: c.open_invoices })} />
                <StatTile
                  label={t('customers.fields.overdue')}
                  value={fmt.money(c.overdue_cents, c.currency)}
                  color={c.overdue_cents > 0 ? 'red.7' : undefined}
                  icon={IconAlertTriangle}
                  hint={c.oldest_due_date ? t('customers.tiles.oldestDue', { date: fmt.date(c.oldest_due_date) }) : t('customers.tiles.nothingDue')}
                />
                <StatTile
                  label={t('customers.fields.unallocated')}
                  value={fmt.money(c.unallocated_credit_cents ?? 0, c.currency)}
                  icon={IconCreditCard}
                  hint={t('customers.tiles.unallocatedHint')}
                />
                <StatTile
                  label={t('customers.fields.creditLimit')}
                  value={c.credit_limit_cents != null ? fmt.money(c.credit_limit_cents, c.currency) : '—'}
                  color={c.credit_limit_cents != null && c.balance_cents > c.credit_limit_cents ? 'orange.7' : undefined}
                  hint={c.credit_limit_cents != null && c.balance_cents > c.credit_limit_cents ? t('customers.tiles.overLimit') : t('customers.tiles.limitHint')}
                />
              </SimpleGrid>

              <ProblemsAlert customer={c} onFix={onFix} />

              <Grid gutter="lg">
                <Grid.Col span={{ base: 12, lg: 8 }}>
                  <Stack gap="lg">
                    <InvoicesPanel customer={c} onNew={() => setNewInvoice(true)} />
                    <ContactsPanel customer={c} onAdd={() => setContact({ contact: null, focus: null })} onEdit={(k) => setContact({ contact: k, focus: null })} />
                    <PaymentsPanel customer={c} />
                  </Stack>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 4 }}>
                  <Stack gap="lg">
                    <CustomerDunningCard customerId={c.id} />
                    <PortalLinkCard customer={c} />
                    <DetailsPanel customer={c} onEdit={() => setEdit({ focus: null })} />
                    <Panel title={t('timeline.title')} p="md">
                      <ActivityTimeline
                        activities={activities.data?.items ?? []}
                        total={activities.data?.total ?? 0}
                        isPending={activities.isPending}
                        error={activities.error}
                        currency={c.currency}
                        onMore={() => setTimelineLimit((n) => n + 30)}
                        loadingMore={activities.isFetching}
                      />
                    </Panel>
                  </Stack>
                </Grid.Col>
              </Grid>
            </Stack>

            <CustomerFormModal opened={edit !== null} onClose={() => setEdit(null)} customer={c} focus={edit?.focus ?? null} />
            <ContactFormModal customerId={c.id} opened={contact !== null} onClose={() => setContact(null)} contact={contact?.contact ?? null} focus={contact?.focus ?? null} />
            <RecordPaymentModal target={payment} onClose={() => setPayment(null)} />
            <CreditNoteModal target={creditNote} onClose={() => setCreditNote(null)} />
            <InvoiceFormModal
              opened={newInvoice}
              onClose={() => setNewInvoice(false)}
              customer={{ id: c.id, name: c.name, currency: c.currency, payment_terms_days: c.payment_terms_days }}
            />
          </>
        );
      }}
    </QueryState>
  );
}
