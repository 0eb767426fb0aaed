import { ActionIcon, Anchor, Badge, Group, List, Menu, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDots, IconListCheck } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/problem';
import type { Payment } from '../../api/types';
import { useCanWrite } from '../../auth/useAuth';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../format/useFormat';
import { describeError } from '../../forms/serverErrors';
import { Money } from '../ledger/components';
import { allocateBody, applyPaymentErrors, checkAllocateRest, type AllocateRestValues, type RestMode } from '../ledger/allocation';
import { useAllocatePayment, useReversePayment } from '../ledger/queries';
import { AllocationSection, fillOldestFirst, useOpenInvoiceLines } from './AllocationSection';

/** What a payment's row menu offers: "allocate the rest" while some is unallocated, "reverse" until reversed. */
export function paymentActions(p: Pick<Payment, 'reversed_at' | 'unallocated_cents'>): { reverse: boolean; allocateRest: boolean } {
  const live = !p.reversed_at;
  return { reverse: live, allocateRest: live && p.unallocated_cents > 0 };
}

/** Where a payment went: a link per invoice with the amount, what is left unallocated, or "reversed" and why. */
export function PaymentAllocations({ payment: p }: { payment: Payment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const allocations = p.allocations ?? [];
  return (
    <Stack gap={2}>
      {p.reversed_at && (
        <Group gap={6} wrap="nowrap">
          <Badge color="red" variant="light" size="sm" radius="sm" tt="none" style={{ flexShrink: 0 }}>
            {t('payments.reversed')}
          </Badge>
          {p.reversal_reason && (
            <Text size="xs" c="dimmed" lineClamp={2} title={p.reversal_reason}>
              {t('payments.reversedReason', { reason: p.reversal_reason })}
            </Text>
          )}
        </Group>
      )}
      {allocations.map((a) => (
        <Group key={a.invoice_id} gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/invoices/${a.invoice_id}`} size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
            {a.invoice_number}
          </Anchor>
          <Money cents={a.amount_cents} currency={p.currency} />
        </Group>
      ))}
      {!p.reversed_at && p.unallocated_cents > 0 && (
        <Text size="sm" c="orange.8" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {allocations.length === 0 ? t('payments.notAllocated') : t('payments.unallocated', { amount: fmt.money(p.unallocated_cents, p.currency) })}
        </Text>
      )}
    </Stack>
  );
}

/** The "⋯" menu of a payment (customer page payments, invoice page settlements); nothing for viewers or reversed payments. */
export function PaymentMenu({ payment, onReverse, onAllocate }: { payment: Payment; onReverse: (p: Payment) => void; onAllocate: (p: Payment) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const can = paymentActions(payment);
  if (!canWrite || (!can.reverse && !can.allocateRest)) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('payments.actions.menu', { amount: fmt.money(payment.amount_cents, payment.currency), date: fmt.date(payment.received_on) })}
        >
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {can.allocateRest && (
          <Menu.Item leftSection={<IconListCheck size={16} />} onClick={() => onAllocate(payment)}>
            {t('payments.actions.allocateRest')}
          </Menu.Item>
        )}
        {can.reverse && (
          <Menu.Item color="red" leftSection={<IconArrowBackUp size={16} />} onClick={() => onReverse(payment)}>
            {t('payments.actions.reverse')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The state and modals behind PaymentMenu: `modals` goes once in the page. */
export function usePaymentActions(): { reverse: (p: Payment) => void; allocate: (p: Payment) => void; modals: ReactNode } {
  const [reversing, setReversing] = useState<Payment | null>(null);
  const [allocating, setAllocating] = useState<Payment | null>(null);
  return {
    reverse: setReversing,
    allocate: setAllocating,
    modals: (
      <>
        <ReversePaymentModal payment={reversing} onClose={() => setReversing(null)} />
        <AllocateRestModal payment={allocating} onClose={() => setAllocating(null)} />
      </>
    ),
  };
}

/** "Reverse the payment": asks why, says which invoices become due again. */
export function ReversePaymentModal({ payment, onClose }: { payment: Payment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Modal
      opened={payment !== null}
      onClose={onClose}
      title={payment ? t('payments.reverse.title', { amount: fmt.money(payment.amount_cents, payment.currency) }) : ''}
      centered
    >
      {payment && <ReverseForm payment={payment} onClose={onClose} />}
    </Modal>
  );
}

function ReverseForm({ payment: p, onClose }: { payment: Payment; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const reverse = useReversePayment();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (v) => (v.trim() ? null : t('payments.reverse.reasonRequired')) },
  });
  const allocations = p.allocations ?? [];
  const money = (cents: number) => fmt.money(cents, p.currency);

  const submit = form.onSubmit(({ reason }) => {
    setError(null);
    reverse.mutate(
      { id: p.id, reason: reason.trim() },
      {
        onSuccess: () => {
          const numbers = allocations.map((a) => a.invoice_number);
          notifications.show({
            color: 'green',
            title: t('payments.reverse.done'),
            message: numbers.length
              ? t('payments.reverse.doneInvoices', { count: numbers.length, numbers: numbers.join(', ') })
              : t('payments.reverse.doneCredit', { amount: money(p.amount_cents) }),
          });
          onClose();
        },
        onError: (err) => setError(err instanceof ApiError && err.status === 409 ? t('payments.reverse.already') : describeError(err, t)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormAlert message={error} />
        <Text size="sm" c="dimmed">
          {[t('payments.reverse.received', { date: fmt.date(p.received_on) }), t(`payments.methods.${p.method}`), p.reference].filter(Boolean).join(' · ')}
        </Text>
        {allocations.length > 0 ? (
          <Stack gap={4}>
            <Text size="sm">{t('payments.reverse.dueAgain')}</Text>
            <List size="sm" spacing={2} data-testid="reverse-due-again">
              {allocations.map((a) => (
                <List.Item key={a.invoice_id}>
                  {t('payments.allocationLink', { number: a.invoice_number, amount: money(a.amount_cents) })}
                </List.Item>
              ))}
              {p.unallocated_cents > 0 && <List.Item>{t('payments.reverse.alsoCredit', { amount: money(p.unallocated_cents) })}</List.Item>}
            </List>
          </Stack>
        ) : (
          <Text size="sm">{t('payments.reverse.noAllocation', { amount: money(p.amount_cents) })}</Text>
        )}
        <Textarea
          label={t('payments.reverse.reason')}
          placeholder={t('payments.reverse.reasonPlaceholder')}
          required
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <FormActions onCancel={onClose} label={t('payments.reverse.confirm')} loading={reverse.isPending} color="red" mt="sm" />
      </Stack>
    </form>
  );
}

/** "Allocate the rest": what is left of a payment, automatically or to chosen invoices. */
export function AllocateRestModal({ payment, onClose }: { payment: Payment | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={payment !== null} onClose={onClose} title={t('payments.allocateRest.title')} size="xl" centered>
      {payment && <AllocateRestForm payment={payment} onClose={onClose} />}
    </Modal>
  );
}

const REST_MODES: RestMode[] = ['auto', 'manual'];

function AllocateRestForm({ payment: p, onClose }: { payment: Payment; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const fmt = useFormat();
  const { currency } = p;
  const allocate = useAllocatePayment();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<AllocateRestValues>({
    initialValues: { allocation: 'auto', lines: [] },
    onValuesChange: () => {
      if (form.errors.lines) form.clearFieldError('lines');
    },
  });
  const open = useOpenInvoiceLines(p.customer_id, currency, {
    hasLines: form.values.lines.length > 0,
    onLoad: (lines) => form.setFieldValue('lines', lines),
  });
  const v = form.values;
  const check = checkAllocateRest(v, p.unallocated_cents, lng, currency);
  const money = (cents: number) => fmt.money(cents, currency);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const c = checkAllocateRest(form.values, p.unallocated_cents, lng, currency);
    if (Object.keys(c.errors).length > 0) {
      form.setErrors(Object.fromEntries(Object.entries(c.errors).map(([k, code]) => [k, t(`payments.errors.${code}`)])));
      return;
    }
    form.clearErrors();
    const { body, lineIndexes } = allocateBody(form.values, lng, currency);
    allocate.mutate(
      { id: p.id, body },
      {
        onSuccess: (after) => {
          const applied = p.unallocated_cents - after.unallocated_cents;
          notifications.show({
            color: applied > 0 ? 'green' : 'orange',
            title: t('payments.allocateRest.done'),
            message:
              applied <= 0
                ? t('payments.allocateRest.doneNothing')
                : after.unallocated_cents > 0
                  ? t('payments.allocateRest.donePartly', { amount: money(applied), credit: money(after.unallocated_cents) })
                  : t('payments.allocateRest.doneAll', { amount: money(applied) }),
          });
          onClose();
        },
        onError: (err) =>
          setError(err instanceof ApiError && err.status === 409 ? t('payments.allocateRest.reversed') : applyPaymentErrors(form, err, lineIndexes, t)),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormAlert message={error} />
        <Text size="sm">
          {p.unallocated_cents === p.amount_cents
            ? t('payments.allocateRest.summaryAll', { amount: money(p.amount_cents), date: fmt.date(p.received_on) })
            : t('payments.allocateRest.summary', { rest: money(p.unallocated_cents), amount: money(p.amount_cents), date: fmt.date(p.received_on) })}
        </Text>
        <AllocationSection
          modes={REST_MODES}
          mode={v.allocation}
          onMode={(m) => {
            form.setFieldValue('allocation', m as RestMode);
            form.clearErrors();
          }}
          lines={v.lines}
          lineInput={(i) => form.getInputProps(`lines.${i}.amount`)}
          currency={currency}
          linesPending={open.isPending}
          remainingCents={check.remainingCents}
          canFill
          onFillOldest={() => form.setFieldValue('lines', fillOldestFirst(p.unallocated_cents, v.lines, lng, currency))}
          linesError={form.errors.lines as string | undefined}
        />
        <FormActions
          onCancel={onClose}
          label={
            v.allocation === 'auto'
              ? t('payments.allocateRest.submitAuto')
              : check.allocatedCents > 0
                ? t('payments.allocateRest.submitAmount', { amount: money(check.allocatedCents) })
                : t('payments.allocateRest.submit')
          }
          loading={allocate.isPending}
          mt="sm"
        />
      </Stack>
    </form>
  );
}
