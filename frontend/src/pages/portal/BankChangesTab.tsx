import { Alert, Button, Checkbox, Flex, Group, Modal, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowRight, IconCheck, IconShieldExclamation, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../auth/useAuth';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../format/useFormat';
import { describeError } from '../../forms/serverErrors';
import { CustomerLink, LeadCells, NOWRAP, RequestStatusBadge } from './components';
import { countryName, formatIBAN, ibanCountry } from './format';
import { useBankChanges, useDecideBankChange, type BankChange } from './queries';
import { RequestListFrame, useRequestList } from './requestList';

type Decision = 'confirm' | 'reject';

/** An IBAN in groups of four, in a monospace font that keeps the groups aligned; it wraps between groups only. */
function Iban({ iban, strong = false }: { iban: string; strong?: boolean }) {
  return (
    <Text size="sm" ff="monospace" fw={strong ? 700 : 400}>
      {formatIBAN(iban)}
    </Text>
  );
}

/** The new account's country, flagged when it differs from the confirmed account's. */
function Country({ change }: { change: BankChange }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const current = ibanCountry(change.current_iban);
  const moved = current !== '' && current !== change.country;
  return (
    <Text size="xs" c={moved ? 'red.7' : 'dimmed'} fw={moved ? 600 : undefined}>
      {countryName(change.country, lng)}
      {change.bic ? ` · BIC ${change.bic}` : ''}
      {moved ? ` · ${t('portal.bank.countryChanged', { from: countryName(current, lng) })}` : ''}
    </Text>
  );
}

/** The account in use today beside the one asked for. */
function Accounts({ change }: { change: BankChange }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
      <Paper withBorder radius="md" p="sm" bg="gray.0" data-testid="current-account">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
          {t('portal.bank.current')}
        </Text>
        {change.current_iban ? <Iban iban={change.current_iban} /> : <Text size="sm" c="dimmed">{t('portal.bank.noCurrent')}</Text>}
      </Paper>
      <Paper withBorder radius="md" p="sm" style={{ borderColor: 'var(--mantine-color-orange-4)' }} data-testid="new-account">
        <Text size="xs" c="orange.8" fw={600} tt="uppercase" lts={0.3}>
          {t('portal.bank.new')}
        </Text>
        <Text size="sm" fw={500}>
          {change.holder}
        </Text>
        <Iban iban={change.iban} strong />
        <Country change={change} />
      </Paper>
    </SimpleGrid>
  );
}

/**
 * Confirming asks the user to say they checked the change with the customer through a channel
 * they already knew: bank-detail fraud starts with a convincing message.
 */
function DecisionModal({ target, onClose }: { target: { change: BankChange; decision: Decision } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const decide = useDecideBankChange();
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setChecked(false);
    setError(null);
    decide.reset();
    onClose();
  };
  const c = target?.change;
  const confirming = target?.decision === 'confirm';
  const run = () => {
    if (!target) return;
    setError(null);
    decide.mutate(
      { id: target.change.id, decision: target.decision },
      {
        onSuccess: () => {
          notifications.show({ color: confirming ? 'teal' : 'gray', message: t(confirming ? 'portal.bank.confirmed' : 'portal.bank.rejected', { name: target.change.customer_name }) });
          close();
        },
        onError: (err) => setError(describeError(err, t)),
      },
    );
  };
  return (
    <Modal opened={target !== null} onClose={close} title={confirming ? t('portal.bank.confirmTitle') : t('portal.bank.rejectTitle')} size="lg" centered>
      {c && (
        <Stack gap="md" data-testid="bank-decision">
          {confirming ? (
            <Alert color="red" variant="light" icon={<IconShieldExclamation size={20} />} title={t('portal.bank.fraudTitle')}>
              {t('portal.bank.fraudConfirm')}
            </Alert>
          ) : (
            <Text size="sm">{t('portal.bank.rejectText', { name: c.customer_name })}</Text>
          )}
          <Text size="sm">
            {t('portal.bank.askedBy', { name: c.customer_name, email: c.contact_email || '—', date: fmt.dateTime(c.created_at) })}
          </Text>
          <Accounts change={c} />
          {confirming && (
            <Checkbox
              checked={checked}
              onChange={(e) => setChecked(e.currentTarget.checked)}
              label={t('portal.bank.checkedWith', { name: c.customer_name })}
              color="red"
            />
          )}
          <FormAlert message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            {confirming ? (
              <Button color="teal" leftSection={<IconCheck size={16} />} disabled={!checked} loading={decide.isPending} onClick={run}>
                {t('portal.bank.confirm')}
              </Button>
            ) : (
              <Button color="red" leftSection={<IconX size={16} />} loading={decide.isPending} onClick={run}>
                {t('portal.bank.reject')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function DecisionButtons({ change, onDecide, stacked = false }: { change: BankChange; onDecide: (d: Decision) => void; stacked?: boolean }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  if (change.status !== 'pending' || !canWrite) return null;
  return (
    <Flex gap={6} direction={stacked ? 'column' : 'row'} justify="flex-end" align={stacked ? 'stretch' : 'center'}>
      <Button size="compact-sm" variant="light" color="teal" leftSection={<IconCheck size={14} />} onClick={() => onDecide('confirm')} aria-label={t('portal.bank.confirmNamed', { name: change.customer_name })}>
        {t('portal.bank.confirm')}
      </Button>
      <Button size="compact-sm" variant="light" color="red" leftSection={<IconX size={14} />} onClick={() => onDecide('reject')} aria-label={t('portal.bank.rejectNamed', { name: change.customer_name })}>
        {t('portal.bank.reject')}
      </Button>
    </Flex>
  );
}

/** Who decided, and when. */
function Decided({ change }: { change: BankChange }) {
  const fmt = useFormat();
  if (change.status === 'pending' || !change.decided_at) return null;
  return (
    <Text size="xs" c="dimmed">
      {[change.decided_by_name, fmt.date(change.decided_at)].filter(Boolean).join(' · ')}
    </Text>
  );
}

/** Bank-detail changes debtors asked for: nothing changes before someone confirms. */
export function BankChangesTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const state = useRequestList('bank');
  const changes = useBankChanges(state.query);
  const [target, setTarget] = useState<{ change: BankChange; decision: Decision } | null>(null);
  return (
    <Stack gap="md">
      <Alert color="orange" variant="light" radius="lg" icon={<IconAlertTriangle size={20} />} title={t('portal.bank.fraudTitle')} data-testid="fraud-warning">
        {t('portal.bank.fraudText')}
      </Alert>
      <RequestListFrame
        tab="bank"
        state={state}
        result={changes}
        minWidth={1060}
        testId={{ cards: 'bank-cards', table: 'bank-table' }}
        statusWidth={130}
        columns={[
          { label: t('portal.bank.current') },
          { w: 24 },
          { label: t('portal.bank.new') },
          { label: t('portal.fields.receivedOn'), sort: 'created_at', w: 130 },
          { w: 130 },
        ]}
        card={(c) => (
          <Stack key={c.id} gap={6} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Stack gap={0} miw={0}>
                <CustomerLink id={c.customer_id} name={c.customer_name} truncate />
                <Text size="xs" c="dimmed" truncate>
                  {[fmt.date(c.created_at), c.contact_email].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              <RequestStatusBadge tab="bank" status={c.status} />
            </Group>
            <Accounts change={c} />
            <Decided change={c} />
            <DecisionButtons change={c} onDecide={(decision) => setTarget({ change: c, decision })} />
          </Stack>
        )}
        row={(c) => (
          <Table.Tr key={c.id} style={{ verticalAlign: 'top' }}>
            <LeadCells tab="bank" item={c} status={<Decided change={c} />}>
              {c.contact_email && (
                <Text size="xs" c="dimmed" truncate maw={220}>
                  {c.contact_email}
                </Text>
              )}
            </LeadCells>
            <Table.Td miw={220}>
              {c.current_iban ? <Iban iban={c.current_iban} /> : <Text size="sm" c="dimmed">{t('portal.bank.noCurrent')}</Text>}
            </Table.Td>
            <Table.Td px={0}>
              <IconArrowRight size={16} color="var(--mantine-color-gray-5)" aria-hidden />
            </Table.Td>
            <Table.Td miw={240}>
              <Text size="sm" fw={500}>
                {c.holder}
              </Text>
              <Iban iban={c.iban} strong={c.status === 'pending'} />
              <Country change={c} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={NOWRAP}>
                {fmt.date(c.created_at)}
              </Text>
            </Table.Td>
            <Table.Td>
              <DecisionButtons change={c} onDecide={(decision) => setTarget({ change: c, decision })} stacked />
            </Table.Td>
          </Table.Tr>
        )}
      />
      <DecisionModal target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}
