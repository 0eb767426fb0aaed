import { Divider, NumberInput, Paper, Select, SimpleGrid, Skeleton, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../components/QueryState';
import { SettingsFormFrame, useServerValues } from '../../components/SettingsForm';
import { MoneyInput } from '../../components/MoneyInput';
import { formatMoneyInput, parseMoney } from '../../format/money';
import { useFormat } from '../../format/useFormat';
import { applyServerErrorsAt } from '../../forms/serverErrors';
import type { DunningSettings, DunningSettingsInput } from '../../api/types';
import { settingsInput, useDunningSettings, useSaveDunningSettings, useScenarios } from './queries';
import { FormSection } from '../../components/FormSection';
import { optionalEmail } from '../../forms/validators';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const RATE = /^\d{1,3}([.,]\d{1,4})?$/;

type Values = Omit<DunningSettingsInput, 'indemnity_cents'> & { indemnity: string };

const PATHS = [
  'default_scenario_id',
  'min_days_between_messages',
  'promise_grace_days',
  'send_window_start',
  'send_window_end',
  'timezone',
  'sender_name',
  'reply_to',
  'read_receipt',
  'transparency_line',
  'signature',
  'show_penalties',
  'ecb_rate',
  'legal_rate',
  'contract_rate',
  'indemnity',
];

/** "2.15" as a French person writes it: "2,15". */
const rateText = (r: string, lng: string) => (lng.startsWith('fr') ? r.replace('.', ',') : r);

function toValues(s: DunningSettings, lng: string): Values {
  const { indemnity_cents, ...rest } = settingsInput(s);
  return {
    ...rest,
    ecb_rate: rateText(rest.ecb_rate, lng),
    legal_rate: rateText(rest.legal_rate, lng),
    contract_rate: rateText(rest.contract_rate, lng),
    indemnity: formatMoneyInput(indemnity_cents, lng, 'EUR'),
  };
}

/** Settings → Dunning: sending window and pace, sender, what the emails say, late-payment penalties, default scenario. */
export function DunningSettingsPage() {
  const settings = useDunningSettings();
  return (
    <QueryState query={settings} loading={<Skeleton h={480} radius="lg" />}>
      {(s) => <SettingsForm settings={s} />}
    </QueryState>
  );
}

function SettingsForm({ settings }: { settings: DunningSettings }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const fmt = useFormat();
  const scenarios = useScenarios();
  const save = useSaveDunningSettings();
  const [error, setError] = useState<string | null>(null);
  const rate = (v: string) => (v.trim() === '' || RATE.test(v.trim()) ? null : t('dunning.settings.rateInvalid'));
  const form = useForm<Values>({
    initialValues: toValues(settings, lng),
    validate: {
      send_window_start: (v) => (TIME.test(v) ? null : t('dunning.settings.timeInvalid')),
      send_window_end: (v, all) => (!TIME.test(v) ? t('dunning.settings.timeInvalid') : v <= all.send_window_start ? t('dunning.settings.windowOrder') : null),
      reply_to: optionalEmail(t),
      ecb_rate: rate,
      legal_rate: rate,
      contract_rate: rate,
      indemnity: (v) => ((parseMoney(v, lng, 'EUR') ?? -1) >= 0 ? null : t('validation.amount')),
    },
  });

  // Saved elsewhere (the scenario editor's default switch): take it unless the user is editing.
  const take = useServerValues(form, settings, () => toValues(settings, lng));

  const submit = form.onSubmit((v) => {
    setError(null);
    const { indemnity, ...rest } = v;
    const norm = (r: string) => r.trim().replace(',', '.');
    const body: DunningSettingsInput = {
      ...rest,
      min_days_between_messages: Number(v.min_days_between_messages),
      promise_grace_days: Number(v.promise_grace_days),
      reply_to: v.reply_to.trim(),
      ecb_rate: norm(v.ecb_rate),
      legal_rate: norm(v.legal_rate),
      contract_rate: norm(v.contract_rate),
      indemnity_cents: parseMoney(indemnity, lng, 'EUR') ?? 0,
    };
    save.mutate(body, {
      onSuccess: (s) => {
        take(toValues(s, lng));
        notifications.show({ color: 'green', message: t('dunning.settings.saved') });
      },
      onError: (err) => setError(applyServerErrorsAt(form, err, PATHS, t, { indemnity_cents: 'indemnity' })),
    });
  });

  return (
    <SettingsFormFrame onSubmit={submit} error={error} saving={save.isPending} dirty={form.isDirty()}>
      <FormSection title={t('dunning.settings.scenario')}>
        <Select
          label={t('dunning.settings.defaultScenario')}
          description={t('dunning.settings.defaultScenarioHelp')}
          data={(scenarios.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          allowDeselect={false}
          maw={420}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('default_scenario_id')}
        />
      </FormSection>
      <Divider />
      <FormSection title={t('dunning.settings.sending')} description={t('dunning.settings.sendingHelp', { tz: settings.timezone })}>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={640}>
          <TextInput label={t('dunning.settings.windowStart')} placeholder="09:00" maxLength={5} inputMode="numeric" {...form.getInputProps('send_window_start')} />
          <TextInput label={t('dunning.settings.windowEnd')} placeholder="17:00" maxLength={5} inputMode="numeric" {...form.getInputProps('send_window_end')} />
          <NumberInput
            label={t('dunning.settings.minDays')}
            description={t('dunning.settings.minDaysHelp')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={0}
            max={60}
            allowDecimal={false}
            {...form.getInputProps('min_days_between_messages')}
          />
          <NumberInput
            label={t('dunning.settings.promiseGrace')}
            description={t('dunning.settings.promiseGraceHelp')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            min={0}
            max={60}
            allowDecimal={false}
            {...form.getInputProps('promise_grace_days')}
          />
        </SimpleGrid>
      </FormSection>
      <Divider />
      <FormSection title={t('dunning.settings.sender')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('dunning.settings.senderName')} description={t('dunning.settings.senderNameHelp')} {...form.getInputProps('sender_name')} />
          <TextInput label={t('dunning.settings.replyTo')} description={t('dunning.settings.replyToHelp')} type="email" {...form.getInputProps('reply_to')} />
        </SimpleGrid>
        <Switch label={t('dunning.settings.readReceipt')} description={t('dunning.settings.readReceiptHelp')} {...form.getInputProps('read_receipt', { type: 'checkbox' })} />
        <Switch label={t('dunning.settings.transparency')} description={t('dunning.settings.transparencyHelp')} {...form.getInputProps('transparency_line', { type: 'checkbox' })} />
        <Textarea label={t('dunning.settings.signature')} description={t('dunning.settings.signatureHelp')} autosize minRows={3} {...form.getInputProps('signature')} />
      </FormSection>
      <Divider />
      <FormSection title={t('dunning.settings.penalties')} description={t('dunning.settings.penaltiesHelp')}>
        <Switch label={t('dunning.settings.showPenalties')} {...form.getInputProps('show_penalties', { type: 'checkbox' })} />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput label={t('dunning.settings.ecbRate')} rightSection="%" {...form.getInputProps('ecb_rate')} />
          <TextInput label={t('dunning.settings.legalRate')} rightSection="%" {...form.getInputProps('legal_rate')} />
          <TextInput label={t('dunning.settings.contractRate')} description={t('dunning.settings.contractRateHelp')} rightSection="%" inputWrapperOrder={['label', 'input', 'description', 'error']} {...form.getInputProps('contract_rate')} />
          <MoneyInput label={t('dunning.settings.indemnity')} currency="EUR" {...form.getInputProps('indemnity')} />
        </SimpleGrid>
        <Paper withBorder radius="md" p="sm" bg="gray.0" maw={520} data-testid="effective-rate">
          <Text size="sm">
            {t('dunning.settings.effectiveRate')}{' '}
            <Text span fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {fmt.number(settings.effective_rate)} %
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            {t('dunning.settings.effectiveRateHelp')}
          </Text>
        </Paper>
      </FormSection>
    </SettingsFormFrame>
  );
}
