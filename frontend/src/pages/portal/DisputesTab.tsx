import { Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact';
import { useFormat } from '../../format/useFormat';
import { Money } from '../ledger/components';
import { AttachmentButton, CustomerLink, disputeReasonText, heldBalance, InvoiceLinks, LeadCells, NOWRAP, RequestStatusBadge, SourceBadge } from './components';
import { useDisputes, useResolveDispute, type Dispute } from './queries';
import { AttachmentName, OpenButton, OpenCard, OpenRow, ReplyForm, RequestDrawer } from './requestDrawer';
import { RequestListFrame, useOpenItem, useRequestList } from './requestList';

/** Resolving puts the invoices back in the dunning flow. */
function ResolveForm({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const { t } = useTranslation();
  const resolve = useResolveDispute();
  return (
    <ReplyForm
      field="resolution"
      label={t('portal.disputes.resolution')}
      description={t('portal.disputes.resolutionHelp')}
      required={t('portal.disputes.resolutionRequired')}
      rows={{ min: 3, max: 10 }}
      submit={{ label: t('portal.disputes.resolve'), icon: <IconCircleCheck size={16} />, color: 'teal' }}
      pending={resolve.isPending}
      send={(text, onError) =>
        resolve.mutate(
          { id: dispute.id, resolution: text },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: t('portal.disputes.resolved') });
              onDone();
            },
            onError,
          },
        )
      }
    />
  );
}

function DisputeDrawer({ dispute, onClose }: { dispute: Dispute | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <RequestDrawer tab="disputes" item={dispute} onClose={onClose} testId="dispute-detail">
      {(d) => ({
        header: (
          <>
            <RequestStatusBadge tab="disputes" status={d.status} />
            <SourceBadge source={d.source} />
            <Text size="sm" c="dimmed">
              {fmt.dateTime(d.opened_at)}
            </Text>
          </>
        ),
        facts: (
          <>
            <Fact label={t('portal.fields.customer')}>
              <CustomerLink id={d.customer_id} name={d.customer_name} plain />
            </Fact>
            <Fact label={t('portal.fields.reason')}>{disputeReasonText(d.reason, t)}</Fact>
            <Fact label={t('portal.fields.invoices')}>
              <InvoiceLinks invoices={d.invoices} />
            </Fact>
            <Fact label={t('portal.fields.balance')}>{fmt.money(heldBalance(d.invoices).cents, heldBalance(d.invoices).currency)}</Fact>
            {d.has_attachment && (
              <Fact label={t('portal.fields.attachment')}>
                <AttachmentButton kind="dispute" id={d.id} name={d.attachment_name} />
              </Fact>
            )}
          </>
        ),
        message: d.comment,
        outcome: d.status === 'resolved'
          ? {
              label: t('portal.disputes.resolution'),
              text: d.resolution ?? '',
              empty: t('portal.disputes.noResolution'),
              footer: t('portal.disputes.resolvedOn', { date: fmt.dateTime(d.resolved_at) }),
            }
          : null,
        form: <ResolveForm key={d.id} dispute={d} onDone={onClose} />,
      })}
    </RequestDrawer>
  );
}

function DisputeRow({ d, onOpen }: { d: Dispute; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const held = heldBalance(d.invoices);
  return (
    <OpenRow onOpen={onOpen}>
      <LeadCells tab="disputes" item={d} miw={200}>
        <div>
          <SourceBadge source={d.source} />
        </div>
      </LeadCells>
      <Table.Td miw={140}>
        <InvoiceLinks invoices={d.invoices} />
        <Money cents={held.cents} currency={held.currency} />
      </Table.Td>
      <Table.Td miw={260}>
        <Text size="sm" fw={500}>
          {disputeReasonText(d.reason, t)}
        </Text>
        {d.comment && (
          <Text size="xs" c="dimmed" lineClamp={2} title={d.comment}>
            {d.comment}
          </Text>
        )}
        {d.has_attachment && <AttachmentName name={d.attachment_name} mt={2} />}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={NOWRAP}>
          {fmt.date(d.opened_at)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <OpenButton status={d.status} action={{ label: t('portal.disputes.resolve'), icon: <IconCircleCheck size={14} />, color: 'teal' }} onOpen={onOpen} />
      </Table.Td>
    </OpenRow>
  );
}

function DisputeCard({ d, onOpen }: { d: Dispute; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const held = heldBalance(d.invoices);
  return (
    <OpenCard tab="disputes" item={d} onOpen={onOpen}>
      <Text size="sm" mt={2}>
        {disputeReasonText(d.reason, t)}
      </Text>
      <Group justify="space-between" mt={4} wrap="nowrap" gap="xs">
        <Text size="xs" c="dimmed" truncate>
          {[fmt.date(d.opened_at), d.invoices.map((i) => i.number).join(', ')].filter(Boolean).join(' · ')}
        </Text>
        <Money cents={held.cents} currency={held.currency} />
      </Group>
    </OpenCard>
  );
}

/** Disputes, whoever opened them; open ones first. */
export function DisputesTab() {
  const { t } = useTranslation();
  const state = useRequestList('disputes');
  const disputes = useDisputes(state.query);
  const { open, setOpenId, close } = useOpenItem(disputes.data?.items);
  return (
    <>
      <RequestListFrame
        tab="disputes"
        state={state}
        result={disputes}
        minWidth={1000}
        testId={{ cards: 'dispute-cards', table: 'disputes-table' }}
        statusWidth={120}
        columns={[
          { label: t('portal.fields.invoices') },
          { label: t('portal.fields.reason') },
          { label: t('portal.fields.openedOn'), sort: 'opened_at', w: 140 },
          { w: 130 },
        ]}
        card={(d) => <DisputeCard key={d.id} d={d} onOpen={() => setOpenId(d.id)} />}
        row={(d) => <DisputeRow key={d.id} d={d} onOpen={() => setOpenId(d.id)} />}
      />
      <DisputeDrawer dispute={open} onClose={close} />
    </>
  );
}
