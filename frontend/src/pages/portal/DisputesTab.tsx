import { Alert, Anchor, Button, Divider, Drawer, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCanWrite } from '../../auth/useAuth';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../format/useFormat';
import { applyServerErrors } from '../../forms/serverErrors';
import { Money } from '../ledger/components';
import { AttachmentButton, disputeReasonText, Fact, heldBalance, InvoiceLinks, NOWRAP, RequestStatusBadge, SourceBadge } from './components';
import { useDisputes, useResolveDispute, type Dispute } from './queries';
import { RequestListFrame, useRequestList } from './requestList';

/** Resolving puts the invoices back in the dunning flow. */
function ResolveForm({ dispute, onDone }: { dispute: Dispute; onDone: () => void }) {
  const { t } = useTranslation();
  const resolve = useResolveDispute();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { resolution: '' },
    validate: {
      resolution: (v) => (v.trim() === '' ? t('portal.disputes.resolutionRequired') : v.length > 5000 ? t('portal.questions.answerTooLong', { count: 5000 }) : null),
    },
  });
  const submit = form.onSubmit((v) => {
    setError(null);
    resolve.mutate(
      { id: dispute.id, resolution: v.resolution.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('portal.disputes.resolved') });
          onDone();
        },
        onError: (err) => setError(applyServerErrors(form, err, ['resolution'], t)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert message={error} />
        <Textarea
          label={t('portal.disputes.resolution')}
          description={t('portal.disputes.resolutionHelp')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('resolution')}
        />
        <Group justify="flex-end">
          <Button type="submit" color="teal" leftSection={<IconCircleCheck size={16} />} loading={resolve.isPending}>
            {t('portal.disputes.resolve')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisputeDrawer({ dispute, onClose }: { dispute: Dispute | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const d = dispute;
  const held = d ? heldBalance(d.invoices) : null;
  return (
    <Drawer opened={d !== null} onClose={onClose} position="right" size="lg" title={d ? t('portal.disputes.drawerTitle', { name: d.customer_name }) : ''}>
      {d && held && (
        <Stack gap="md" data-testid="dispute-detail">
          <Group gap="xs">
            <RequestStatusBadge tab="disputes" status={d.status} />
            <SourceBadge source={d.source} />
            <Text size="sm" c="dimmed">
              {fmt.dateTime(d.opened_at)}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Fact label={t('portal.fields.customer')}>
              <Anchor component={Link} to={`/customers/${d.customer_id}`} size="sm">
                {d.customer_name}
              </Anchor>
            </Fact>
            <Fact label={t('portal.fields.reason')}>{disputeReasonText(d.reason, t)}</Fact>
            <Fact label={t('portal.fields.invoices')}>
              <InvoiceLinks invoices={d.invoices} />
            </Fact>
            <Fact label={t('portal.fields.balance')}>{fmt.money(held.cents, held.currency)}</Fact>
            {d.has_attachment && (
              <Fact label={t('portal.fields.attachment')}>
                <AttachmentButton kind="dispute" id={d.id} name={d.attachment_name} />
              </Fact>
            )}
          </SimpleGrid>
          {d.comment && (
            <Paper withBorder radius="md" p="sm" bg="gray.0">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {d.comment}
              </Text>
            </Paper>
          )}
          {d.status === 'resolved' ? (
            <Stack gap={6}>
              <Divider label={t('portal.disputes.resolution')} labelPosition="left" />
              <Paper withBorder radius="md" p="sm">
                <Text size="sm" c={d.resolution ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {d.resolution || t('portal.disputes.noResolution')}
                </Text>
              </Paper>
              <Text size="xs" c="dimmed">
                {t('portal.disputes.resolvedOn', { date: fmt.dateTime(d.resolved_at) })}
              </Text>
            </Stack>
          ) : canWrite ? (
            <>
              <Divider />
              <ResolveForm key={d.id} dispute={d} onDone={onClose} />
            </>
          ) : (
            <Alert color="gray" variant="light">
              {t('portal.readOnly')}
            </Alert>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

function DisputeRow({ d, onOpen }: { d: Dispute; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const held = heldBalance(d.invoices);
  return (
    <Table.Tr style={{ cursor: 'pointer', verticalAlign: 'top' }} onClick={(e) => !(e.target as HTMLElement).closest('a,button') && onOpen()}>
      <Table.Td>
        <RequestStatusBadge tab="disputes" status={d.status} />
      </Table.Td>
      <Table.Td miw={200}>
        <Anchor component={Link} to={`/customers/${d.customer_id}`} size="sm" fw={600} c="dark">
          {d.customer_name}
        </Anchor>
        <div>
          <SourceBadge source={d.source} />
        </div>
      </Table.Td>
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
        {d.has_attachment && (
          <Group gap={2} wrap="nowrap" mt={2}>
            <IconPaperclip size={12} color="var(--mantine-color-dimmed)" />
            <Text size="xs" c="dimmed" truncate maw={200}>
              {d.attachment_name}
            </Text>
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={NOWRAP}>
          {fmt.date(d.opened_at)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {d.status === 'open' && canWrite ? (
          <Button size="compact-sm" variant="light" color="teal" leftSection={<IconCircleCheck size={14} />} onClick={onOpen}>
            {t('portal.disputes.resolve')}
          </Button>
        ) : (
          <Button size="compact-sm" variant="subtle" color="gray" onClick={onOpen}>
            {t('portal.view')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function DisputeCard({ d, onOpen }: { d: Dispute; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const held = heldBalance(d.invoices);
  return (
    <UnstyledButton onClick={onOpen} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)', display: 'block', width: '100%' }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text size="sm" fw={600} truncate>
          {d.customer_name}
        </Text>
        <RequestStatusBadge tab="disputes" status={d.status} />
      </Group>
      <Text size="sm" mt={2}>
        {disputeReasonText(d.reason, t)}
      </Text>
      <Group justify="space-between" mt={4} wrap="nowrap" gap="xs">
        <Text size="xs" c="dimmed" truncate>
          {[fmt.date(d.opened_at), d.invoices.map((i) => i.number).join(', ')].filter(Boolean).join(' · ')}
        </Text>
        <Money cents={held.cents} currency={held.currency} />
      </Group>
    </UnstyledButton>
  );
}

/** Disputes, whoever opened them; open ones first. */
export function DisputesTab() {
  const { t } = useTranslation();
  const state = useRequestList('disputes');
  const disputes = useDisputes(state.query);
  const rows = disputes.data?.items ?? [];
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows.find((d) => d.id === openId) ?? null;
  return (
    <>
      <RequestListFrame
        tab="disputes"
        state={state}
        result={disputes}
        minWidth={1000}
        testId={{ cards: 'dispute-cards', table: 'disputes-table' }}
        columns={[
          { label: t('portal.fields.status'), sort: 'status', w: 120 },
          { label: t('portal.fields.customer'), sort: 'customer' },
          { label: t('portal.fields.invoices') },
          { label: t('portal.fields.reason') },
          { label: t('portal.fields.openedOn'), sort: 'opened_at', w: 140 },
          { w: 130 },
        ]}
        card={(d) => <DisputeCard key={d.id} d={d} onOpen={() => setOpenId(d.id)} />}
        row={(d) => <DisputeRow key={d.id} d={d} onOpen={() => setOpenId(d.id)} />}
      />
      <DisputeDrawer dispute={open} onClose={() => setOpenId(null)} />
    </>
  );
}
