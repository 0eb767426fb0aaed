import {
  Anchor,
  Badge,
  Box,
  Button,
  FileButton,
  Grid,
  Group,
  Menu,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useMediaQuery } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import {
  IconBan,
  IconCalendar,
  IconCalendarDue,
  IconCash,
  IconDownload,
  IconFileTypePdf,
  IconFileUpload,
  IconPencil,
  IconReceiptRefund,
  IconScale,
  IconReceipt,
  IconTrashX,
} from '@tabler/icons-react';
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { InvoiceDetail, Payment, Settlement } from '../../api/types';
import { useCanWrite } from '../../auth/useAuth';
import { MoreMenu } from '../../components/MoreMenu';
import { PageSkeleton, QueryState } from '../../components/QueryState';
import { PlainTh } from '../../components/table/SortableTh';
import { TableBodyState, TableBodyStateCards } from '../../components/table/TableBodyState';
import { useFormat } from '../../format/useFormat';
import { describeError } from '../../forms/serverErrors';
import { ActivityTimeline, InvoiceStatusBadge, Money, Panel, StatTile } from '../ledger/components';
import { useCloseInvoice, useInvoice, useInvoiceActivities, useInvoicePdf, usePayment, useUploadPdf } from '../ledger/queries';
import { InvoiceDunningCard } from '../dunning/DunningCards';
import { PaymentMenu, usePaymentActions } from '../payments/PaymentActions';
import { RecordPaymentModal, type PaymentTarget } from '../payments/RecordPaymentModal';
import { CreditNoteModal, type CreditNoteTarget } from './CreditNoteModal';
import { InvoiceFormModal, MAX_PDF_BYTES } from './InvoiceFormModal';
import { pdfFileName, saveBlob } from './pdf';
import { DetailBreadcrumbs } from '../../components/DetailBreadcrumbs';

const PdfViewer = lazy(() => import('./PdfViewer'));

/** Sends a PDF for the invoice, checking type and size first. */
function usePdfUpload(invoice: InvoiceDetail) {
  const { t } = useTranslation();
  const upload = useUploadPdf(invoice.id);
  const send = (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_PDF_BYTES) {
      notifications.show({ color: 'red', message: t('invoices.pdf.tooLarge') });
      return;
    }
    upload.mutate(file, {
      onSuccess: () => notifications.show({ color: 'green', message: t('invoices.pdf.uploaded', { number: invoice.number }) }),
      onError: (err) => notifications.show({ color: 'red', title: t('invoices.pdf.uploadFailed'), message: describeError(err, t) }),
    });
  };
  return { send, pending: upload.isPending };
}

/** The PDF drawn in the page (fetched with the token), with Download and Replace. */
function PdfPanel({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const pdf = useInvoicePdf(invoice.id, invoice.has_pdf);
  const { send, pending } = usePdfUpload(invoice);

  const actions = invoice.has_pdf ? (
    <Group gap="xs">
      <FileButton onChange={send} accept="application/pdf">
        {(props) => (
          <Button {...props} size="compact-sm" variant="subtle" leftSection={<IconFileUpload size={15} />} loading={pending}>
            {t('invoices.pdf.replace')}
          </Button>
        )}
      </FileButton>
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconDownload size={15} />}
        disabled={!pdf.data}
        onClick={() => pdf.data && saveBlob(pdf.data, pdfFileName(invoice.number))}
      >
        {t('invoices.pdf.download')}
      </Button>
    </Group>
  ) : null;

  let body: ReactNode;
  if (!invoice.has_pdf) {
    body = (
      <Dropzone
        onDrop={(files) => send(files[0] ?? null)}
        onReject={() => notifications.show({ color: 'red', message: t('invoices.pdf.notPdf') })}
        accept={['application/pdf']}
        maxSize={MAX_PDF_BYTES}
        maxFiles={1}
        multiple={false}
        loading={pending}
        m="md"
        radius="md"
        data-testid="pdf-dropzone"
      >
        <Stack align="center" gap={6} py="xl" style={{ pointerEvents: 'none' }}>
          <IconFileTypePdf size={40} stroke={1.3} color="var(--mantine-color-red-5)" />
          <Text fw={500}>{t('invoices.pdf.none')}</Text>
          <Text size="sm" c="dimmed">
            {t('invoices.pdf.drop')}
          </Text>
        </Stack>
      </Dropzone>
    );
  } else if (pdf.isPending) {
    body = <Skeleton h={480} radius={0} />;
  } else if (pdf.error || !pdf.data) {
    body = (
      <Text c="red" size="sm" p="md">
        {describeError(pdf.error, t)}
      </Text>
    );
  } else {
    body = (
      <Box bg="gray.1" p={{ base: 'xs', sm: 'md' }} mah={{ base: 'none', sm: 720 }} style={{ overflowY: 'auto' }}>
        <Suspense fallback={<Skeleton h={480} />}>
          <PdfViewer blob={pdf.data} label={t('invoices.pdf.preview', { number: invoice.number })} errorText={t('invoices.pdf.noPreview')} />
        </Suspense>
      </Box>
    );
  }
  return (
    <Panel title={t('invoices.pdf.title')} actions={actions}>
      {body}
    </Panel>
  );
}

/** The "⋯" menu of a payment applied to the invoice (reverse it, allocate what is left of it). */
function SettlementPaymentMenu({ id, onReverse, onAllocate }: { id: string; onReverse: (p: Payment) => void; onAllocate: (p: Payment) => void }) {
  const payment = usePayment(id);
  if (!payment.data) return null;
  return <PaymentMenu payment={payment.data} onReverse={onReverse} onAllocate={onAllocate} />;
}

function SettlementsPanel({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const actions = usePaymentActions();
  const canWrite = useCanWrite();
  const rows = invoice.settlements ?? [];
  const phone = useMediaQuery('(max-width: 48em)');
  const kindBadge = (kind: Settlement['kind']) => (
    <Badge variant="light" color={kind === 'payment' ? 'teal' : 'grape'} radius="sm" size="sm" tt="none" styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
      {t(`invoices.settlements.kinds.${kind}`)}
    </Badge>
  );
  const total = <Money cents={rows.reduce((a, s) => a + s.amount_cents, 0)} currency={invoice.currency} fw={600} />;
  if (phone) {
    return (
      <Panel title={t('invoices.settlements.title')}>
        <Stack gap={0} data-testid="settlements">
          <TableBodyStateCards isPending={false} error={null} isEmpty={rows.length === 0} emptyText={t('invoices.settlements.none')} />
          {rows.map((s) => (
            <Group key={`${s.kind}-${s.id}`} justify="space-between" wrap="nowrap" align="flex-start" px="md" py="sm" gap="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <Stack gap={4} miw={0}>
                <Group gap="xs">
                  <Text size="sm">{fmt.date(s.date)}</Text>
                  {kindBadge(s.kind)}
                </Group>
                {s.reference && (
                  <Text size="xs" c="dimmed">
                    {s.reference}
                  </Text>
                )}
              </Stack>
              <Group gap={4} wrap="nowrap">
                <Money cents={s.amount_cents} currency={invoice.currency} />
                {canWrite && s.kind === 'payment' && <SettlementPaymentMenu id={s.id} onReverse={actions.reverse} onAllocate={actions.allocate} />}
              </Group>
            </Group>
          ))}
          {rows.length > 0 && (
            <Group justify="space-between" px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
              <Text size="sm" fw={600}>
                {t('invoices.settlements.total')}
              </Text>
              {total}
            </Group>
          )}
        </Stack>
        {actions.modals}
      </Panel>
    );
  }
  return (
    <Panel title={t('invoices.settlements.title')}>
      <Table.ScrollContainer minWidth={400}>
        <Table verticalSpacing="xs" horizontalSpacing="md" data-testid="settlements">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <PlainTh>{t('invoices.settlements.date')}</PlainTh>
              <PlainTh>{t('invoices.settlements.kind')}</PlainTh>
              <PlainTh>{t('payments.fields.reference')}</PlainTh>
              <PlainTh align="right">{t('payments.fields.amount')}</PlainTh>
              {canWrite && <PlainTh w={50} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <TableBodyState columns={canWrite ? 5 : 4} isPending={false} error={null} isEmpty={rows.length === 0} emptyText={t('invoices.settlements.none')} />
            {rows.map((s) => (
              <Table.Tr key={`${s.kind}-${s.id}`}>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {fmt.date(s.date)}
                  </Text>
                </Table.Td>
                <Table.Td>{kindBadge(s.kind)}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={s.reference ? undefined : 'dimmed'}>
                    {s.reference || '—'}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Money cents={s.amount_cents} currency={invoice.currency} />
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    {s.kind === 'payment' && <SettlementPaymentMenu id={s.id} onReverse={actions.reverse} onAllocate={actions.allocate} />}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
          {rows.length > 0 && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text size="sm" fw={600}>
                    {t('invoices.settlements.total')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{total}</Table.Td>
                {canWrite && <Table.Td />}
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
      {actions.modals}
    </Panel>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" component="div">
        {children}
      </Text>
    </Group>
  );
}

/** One invoice: amounts, dates, status, PDF preview, settlements, timeline and its actions. */
export function InvoicePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const invoice = useInvoice(id);
  const [timelineLimit, setTimelineLimit] = useState(15);
  const activities = useInvoiceActivities(id, timelineLimit);
  const close = useCloseInvoice(id);
  const [payment, setPayment] = useState<PaymentTarget | null>(null);
  const [creditNote, setCreditNote] = useState<CreditNoteTarget | null>(null);
  const [editing, setEditing] = useState(false);
  const canWrite = useCanWrite();
  const upload = useUploadPdf(id);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <QueryState query={invoice} loading={<PageSkeleton tiles={4} blocks={[400]} />} failure={{ notFound: t('invoices.notFound'), backTo: '/invoices', backLabel: t('invoices.backToList') }}>
      {(inv) => {
        const live = inv.status === 'open' || inv.status === 'partially_paid';
        const target = {
          customerId: inv.customer_id,
          customerName: inv.customer_name,
          currency: inv.currency,
          invoice: { id: inv.id, number: inv.number, balance_cents: inv.balance_cents },
        };

        const confirmClose = (action: 'cancel' | 'write-off') => {
          let reason = '';
          const key = action === 'cancel' ? 'cancel' : 'writeOff';
          modals.openConfirmModal({
            title: t(`invoices.${key}.title`, { number: inv.number }),
            children: (
              <Stack gap="sm">
                <Text size="sm">{t(`invoices.${key}.confirm`, { amount: fmt.money(inv.balance_cents, inv.currency) })}</Text>
                <Textarea label={t('invoices.closeReason')} autosize minRows={2} onChange={(e) => (reason = e.currentTarget.value)} />
              </Stack>
            ),
            labels: { confirm: t(`invoices.${key}.action`), cancel: t('common.cancel') },
            confirmProps: { color: 'red' },
            onConfirm: () =>
              close.mutate(
                { action, reason: reason.trim() || undefined },
                {
                  onSuccess: () => notifications.show({ color: 'green', message: t(`invoices.${key}.done`, { number: inv.number }) }),
                  onError: (err) => notifications.show({ color: 'red', title: t(`invoices.${key}.failed`), message: describeError(err, t) }),
                },
              ),
          });
        };

        const overdue = live && inv.days_overdue > 0;

        return (
          <>
            <Stack gap="lg">
              <Stack gap={6}>
                <DetailBreadcrumbs to="/invoices" list={t('nav.invoices')} current={inv.number} />
                <Group justify="space-between" align="flex-start" gap="md">
                  <Stack gap={4}>
                    <Group gap="sm">
                      <Title order={2} fw={700} fz={{ base: 22, sm: 26 }}>
                        {t('invoices.titleNumber', { number: inv.number })}
                      </Title>
                      <InvoiceStatusBadge status={inv.status} daysOverdue={inv.days_overdue} />
                    </Group>
                    <Text size="sm" c="dimmed">
                      {t('invoices.forCustomer')}{' '}
                      <Anchor component={Link} to={`/customers/${inv.customer_id}`} size="sm" fw={600}>
                        {inv.customer_name}
                      </Anchor>
                    </Text>
                  </Stack>
                  <Group gap="sm">
                    {live && inv.balance_cents > 0 && (
                      <Button leftSection={<IconCash size={16} />} onClick={() => setPayment(target)}>
                        {t('payments.record.action')}
                      </Button>
                    )}
                    <MoreMenu>
                      <Menu.Item leftSection={<IconPencil size={16} />} disabled={!canWrite} onClick={() => setEditing(true)}>
                        {t('invoices.edit')}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconFileUpload size={16} />} onClick={() => fileInput.current?.click()}>
                        {inv.has_pdf ? t('invoices.pdf.replace') : t('invoices.pdf.upload')}
                      </Menu.Item>
                      <Menu.Item leftSection={<IconReceiptRefund size={16} />} disabled={!live} onClick={() => setCreditNote(target)}>
                        {t('creditNotes.new')}
                      </Menu.Item>
                      <Menu.Divider />
                      <Menu.Item color="red" leftSection={<IconBan size={16} />} disabled={!live} onClick={() => confirmClose('cancel')}>
                        {t('invoices.cancel.action')}
                      </Menu.Item>
                      <Menu.Item color="red" leftSection={<IconTrashX size={16} />} disabled={!live} onClick={() => confirmClose('write-off')}>
                        {t('invoices.writeOff.action')}
                      </Menu.Item>
                    </MoreMenu>
                  </Group>
                </Group>
              </Stack>

              <SimpleGrid cols={{ base: 2, md: 4 }} spacing={{ base: 'xs', sm: 'md' }}>
                <StatTile label={t('invoices.fields.totalTtc')} value={fmt.money(inv.total_cents, inv.currency)} icon={IconReceipt} hint={t('invoices.taxIncluded', { tax: fmt.money(inv.tax_cents, inv.currency) })} />
                <StatTile
                  label={t('invoices.fields.balance')}
                  value={fmt.money(inv.balance_cents, inv.currency)}
                  icon={IconScale}
                  color={overdue ? 'red.7' : inv.balance_cents === 0 ? 'teal.7' : undefined}
                  hint={inv.paid_on ? t('invoices.paidOn', { date: fmt.date(inv.paid_on) }) : t('invoices.paidSoFar', { amount: fmt.money(inv.total_cents - inv.balance_cents, inv.currency) })}
                />
                <StatTile
                  label={t('invoices.fields.dueDate')}
                  value={fmt.date(inv.due_date)}
                  icon={IconCalendarDue}
                  color={overdue ? 'red.7' : undefined}
                  hint={overdue ? t('invoices.overdueDays', { count: inv.days_overdue }) : live ? t('invoices.notYetDue') : undefined}
                />
                <StatTile label={t('invoices.fields.issueDate')} value={fmt.date(inv.issue_date)} icon={IconCalendar} hint={inv.external_id ? t('invoices.externalIdHint', { id: inv.external_id }) : undefined} />
              </SimpleGrid>

              <Grid gutter="lg">
                <Grid.Col span={{ base: 12, lg: 8 }}>
                  <Stack gap="lg">
                    <PdfPanel invoice={inv} />
                    <SettlementsPanel invoice={inv} />
                  </Stack>
                </Grid.Col>
                <Grid.Col span={{ base: 12, lg: 4 }}>
                  <Stack gap="lg">
                    <InvoiceDunningCard invoiceId={inv.id} live={live} overdue={overdue} />
                    <Panel title={t('invoices.details')} p="md">
                      <Stack gap={8}>
                        <Fact label={t('invoices.fields.number')}>{inv.number}</Fact>
                        {inv.external_id && <Fact label={t('invoices.fields.externalId')}>{inv.external_id}</Fact>}
                        <Fact label={t('invoices.fields.total')}>{fmt.money(inv.total_cents, inv.currency)}</Fact>
                        <Fact label={t('invoices.fields.tax')}>{fmt.money(inv.tax_cents, inv.currency)}</Fact>
                        <Fact label={t('invoices.fields.currency')}>{inv.currency}</Fact>
                        <Fact label={t('invoices.fields.created')}>{fmt.date(inv.created_at)}</Fact>
                        {inv.notes && (
                          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} mt="xs">
                            {inv.notes}
                          </Text>
                        )}
                      </Stack>
                    </Panel>
                    <Panel title={t('timeline.title')} p="md">
                      <ActivityTimeline
                        activities={activities.data?.items ?? []}
                        total={activities.data?.total ?? 0}
                        isPending={activities.isPending}
                        error={activities.error}
                        currency={inv.currency}
                        showInvoice={false}
                        onMore={() => setTimelineLimit((n) => n + 30)}
                        loadingMore={activities.isFetching}
                      />
                    </Panel>
                  </Stack>
                </Grid.Col>
              </Grid>
            </Stack>
            <input
              ref={fileInput}
              type="file"
              accept="application/pdf"
              hidden
              data-testid="pdf-file-input"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f)
                  upload.mutate(f, {
                    onSuccess: () => notifications.show({ color: 'green', message: t('invoices.pdf.uploaded', { number: inv.number }) }),
                    onError: (err) => notifications.show({ color: 'red', title: t('invoices.pdf.uploadFailed'), message: describeError(err, t) }),
                  });
              }}
            />
            <RecordPaymentModal target={payment} onClose={() => setPayment(null)} />
            <CreditNoteModal target={creditNote} onClose={() => setCreditNote(null)} />
            <InvoiceFormModal opened={editing} onClose={() => setEditing(false)} invoice={inv} />
          </>
        );
      }}
    </QueryState>
  );
}
