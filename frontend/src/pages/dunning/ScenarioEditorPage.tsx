import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDeviceFloppy, IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../api/problem';
import { hasRole, useRole } from '../../auth/useAuth';
import { PageSkeleton, QueryState } from '../../components/QueryState';
import { FormAlert } from '../../components/FormAlert';
import { MoneyInput } from '../../components/MoneyInput';
import { applyServerErrorsAt, describeError, serverFieldPath } from '../../forms/serverErrors';
import { requiredText } from '../../forms/validators';
import { useCustomerSegments } from '../ledger/queries';
import { segmentOptions } from '../customers/segments';
import { CHANNELS, offsetLabel, offsetSentence, StageBadge, STAGES } from './components';
import type { Recipients, Scenario, TemplateLanguage } from '../../api/types';
import { settingsInput, useDunningSettings, useSaveDunningSettings, useSaveScenario, useScenario } from './queries';
import { ScenarioTimeline, orderSteps } from './ScenarioTimeline';
import { blankStep, formPaths, languageOfPath, newKey, scenarioValues, stepOfPath, toInput, type ScenarioValues } from './scenarioForm';
import { TemplateEditor } from './TemplateEditor';
import { DetailBreadcrumbs } from '../../components/DetailBreadcrumbs';

const RECIPIENTS: Recipients[] = ['accounting', 'sales', 'both'];

/** The form of the selected step: when, what stage, which channel, to whom, on what conditions. */
function StepForm({ form, index, readOnly, onDuplicate, onDelete }: { form: UseFormReturnType<ScenarioValues>; index: number; readOnly: boolean; onDuplicate: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const segments = useCustomerSegments();
  const step = form.values.steps[index];
  if (!step) return null;
  const p = (f: string) => form.getInputProps(`steps.${index}.${f}`);
  const offset = Number(step.offset_days);
  return (
    <Stack gap="sm" data-testid="step-form">
      <Group justify="space-between" align="center">
        <Group gap="xs">
          <Title order={4} fw={600}>
            {t('dunning.step.title', { label: Number.isFinite(offset) ? offsetLabel(offset, t) : '…' })}
          </Title>
          <StageBadge stage={step.stage} />
        </Group>
        {!readOnly && (
          <Group gap={4}>
            <Tooltip label={t('dunning.step.duplicate')}>
              <ActionIcon variant="subtle" color="gray" onClick={onDuplicate} aria-label={t('dunning.step.duplicate')}>
                <IconCopy size={17} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('dunning.step.delete')}>
              <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={t('dunning.step.delete')}>
                <IconTrash size={17} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        <NumberInput
          label={t('dunning.step.offset')}
          description={Number.isFinite(offset) ? offsetSentence(offset, t) : undefined}
          allowDecimal={false}
          min={-90}
          max={365}
          readOnly={readOnly}
          {...p('offset_days')}
        />
        <Select
          label={t('dunning.step.stage')}
          data={STAGES.map((s) => ({ value: s, label: t(`dunning.stages.${s}`) }))}
          allowDeselect={false}
          readOnly={readOnly}
          comboboxProps={{ withinPortal: true }}
          {...p('stage')}
        />
        <Select
          label={t('dunning.step.channel')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`dunning.channels.${c}`) }))}
          allowDeselect={false}
          readOnly={readOnly}
          comboboxProps={{ withinPortal: true }}
          {...p('channel')}
        />
        <Select
          label={t('dunning.step.recipients')}
          data={RECIPIENTS.map((r) => ({ value: r, label: t(`dunning.recipients.${r}`) }))}
          allowDeselect={false}
          readOnly={readOnly}
          comboboxProps={{ withinPortal: true }}
          {...p('recipients')}
        />
        <MoneyInput
          label={t('dunning.step.minOverdue')}
          description={t('dunning.step.minOverdueHelp')}
          currency="EUR"
          readOnly={readOnly}
          {...p('min_overdue')}
        />
        <TagsInput
          label={t('dunning.step.segments')}
          description={t('dunning.step.segmentsHelp')}
          data={segmentOptions(segments.data?.items)}
          readOnly={readOnly}
          clearable
          comboboxProps={{ withinPortal: true }}
          {...p('segments')}
        />
      </SimpleGrid>
      <Group gap="xl">
        <Switch label={t('dunning.step.copyOwner')} disabled={readOnly} {...form.getInputProps(`steps.${index}.copy_owner`, { type: 'checkbox' })} />
        <Switch label={t('dunning.step.skipWhenPromised')} disabled={readOnly} {...form.getInputProps(`steps.${index}.skip_when_promised`, { type: 'checkbox' })} />
      </Group>
    </Stack>
  );
}

function ScenarioEditor({ scenario }: { scenario: Scenario }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'fr';
  const canEdit = hasRole(useRole(), 'admin');
  const readOnly = !canEdit;
  const save = useSaveScenario(scenario.id);
  const settings = useDunningSettings();
  const saveSettings = useSaveDunningSettings();
  const segments = useCustomerSegments();
  const [error, setError] = useState<string | null>(null);
  const [language, setLanguage] = useState<TemplateLanguage>(lng.startsWith('en') ? 'en' : 'fr');
  const form = useForm<ScenarioValues>({
    initialValues: scenarioValues(scenario, lng),
    validate: {
      name: requiredText(t),
      steps: {
        offset_days: (v) => (v === '' || !Number.isInteger(Number(v)) ? t('validation.required') : null),
      },
    },
  });
  const [selected, setSelected] = useState<string | null>(() => orderSteps(form.values.steps)[0]?.key ?? null);

  useEffect(() => {
    // Another scenario loaded into the same page (the route changed).
    const v = scenarioValues(scenario, lng);
    form.setValues(v);
    form.resetDirty(v);
    setSelected(orderSteps(v.steps)[0]?.key ?? null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scenario.id]);

  const steps = form.values.steps;
  const index = steps.findIndex((s) => s.key === selected);
  const withErrors = steps.filter((_, i) => Object.keys(form.errors).some((p) => stepOfPath(p) === i)).map((s) => s.key);

  const addStep = () => {
    const s = blankStep(steps);
    form.insertListItem('steps', s);
    setSelected(s.key);
  };
  const duplicateStep = () => {
    const src = steps[index];
    if (!src) return;
    const s = { ...structuredClone(src), key: newKey(), id: undefined, offset_days: Number(src.offset_days) + 1 };
    form.insertListItem('steps', s);
    setSelected(s.key);
  };
  const deleteStep = () => {
    if (index < 0) return;
    const next = orderSteps(steps.filter((_, i) => i !== index))[0]?.key ?? null;
    form.removeListItem('steps', index);
    form.clearErrors();
    setSelected(next);
  };

  const submit = form.onSubmit(
    (values) => {
      setError(null);
      // Send the steps in the order they happen, so that the server's error indices match the form.
      const sorted = orderSteps(values.steps);
      form.setFieldValue('steps', sorted);
      const selectedAt = sorted.findIndex((s) => s.key === selected);
      const makeDefault = values.is_default && !scenario.is_default;
      save.mutate(toInput({ ...values, steps: sorted }, lng), {
        onSuccess: (saved) => {
          const v = scenarioValues({ ...saved, is_default: saved.is_default || makeDefault }, lng);
          form.setValues(v);
          form.resetDirty(v);
          setSelected(orderSteps(v.steps)[Math.max(0, selectedAt)]?.key ?? null);
          if (makeDefault && settings.data) {
            saveSettings.mutate(
              { ...settingsInput(settings.data), default_scenario_id: saved.id },
              { onError: (err) => notifications.show({ color: 'red', title: t('dunning.editor.defaultFailed'), message: describeError(err, t) }) },
            );
          }
          notifications.show({ color: 'green', message: t('dunning.editor.saved', { name: saved.name }) });
        },
        onError: (err) => {
          const { paths, aliases } = formPaths(sorted.length);
          setError(applyServerErrorsAt(form, err, paths, t, aliases));
          // Show the first step the server complains about, on the language it names.
          if (err instanceof ApiError) {
            for (const e of err.problem.errors ?? []) {
              const raw = serverFieldPath(e.field);
              const path = aliases[raw] ?? raw;
              const i = stepOfPath(path);
              if (i !== null && sorted[i]) {
                setSelected(sorted[i].key);
                const l = languageOfPath(path);
                if (l) setLanguage(l);
                break;
              }
            }
          }
        },
      });
    },
    (errors) => {
      const first = Object.keys(errors).map(stepOfPath).find((i) => i !== null);
      if (first != null && steps[first]) setSelected(steps[first].key);
    },
  );

  const dirty = form.isDirty();
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Stack gap={6}>
          <DetailBreadcrumbs to="/dunning" list={t('nav.dunning')} current={scenario.name} truncate />
          <Group justify="space-between" align="flex-start" gap="md">
            <Stack gap={4} miw={0}>
              <Group gap="sm">
                <Title order={2} fw={700} fz={{ base: 22, sm: 26 }}>
                  {form.values.name || scenario.name}
                </Title>
                {scenario.is_default && (
                  <Badge color="indigo" variant="light" radius="sm" tt="none">
                    {t('dunning.scenarios.default')}
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {t('dunning.scenarios.usage', { customers: scenario.customers_using, invoices: scenario.invoices_using })}
              </Text>
            </Stack>
            {canEdit && (
              <Group gap="sm">
                {dirty && (
                  <Text size="sm" c="orange.8">
                    {t('dunning.editor.unsaved')}
                  </Text>
                )}
                <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} disabled={!dirty}>
                  {t('common.save')}
                </Button>
              </Group>
            )}
          </Group>
        </Stack>

        {readOnly && (
          <Alert variant="light" color="gray" icon={<IconLock size={18} />}>
            {t('dunning.editor.readOnly')}
          </Alert>
        )}
        <FormAlert message={error} />

        <Paper withBorder radius="lg" bg="white" p="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <TextInput label={t('dunning.scenarios.name')} required readOnly={readOnly} {...form.getInputProps('name')} />
            <TagsInput
              label={t('dunning.scenarios.segments')}
              description={t('dunning.scenarios.segmentsHelp')}
              data={segmentOptions(segments.data?.items)}
              readOnly={readOnly}
              clearable
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('segments')}
            />
            <Textarea label={t('dunning.scenarios.description')} autosize minRows={2} readOnly={readOnly} {...form.getInputProps('description')} />
            <Switch
              mt={{ base: 0, md: 'lg' }}
              label={t('dunning.scenarios.defaultSwitch')}
              description={scenario.is_default ? t('dunning.scenarios.defaultLocked') : t('dunning.scenarios.defaultHelp')}
              disabled={readOnly || scenario.is_default}
              {...form.getInputProps('is_default', { type: 'checkbox' })}
            />
          </SimpleGrid>
        </Paper>

        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
          <Group justify="space-between" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <Stack gap={0}>
              <Text fw={600}>{t('dunning.timeline.title')}</Text>
              <Text size="xs" c="dimmed">
                {t('dunning.timeline.help', { count: steps.length })}
              </Text>
            </Stack>
            {canEdit && (
              <Button size="compact-sm" variant="light" leftSection={<IconPlus size={15} />} onClick={addStep}>
                {t('dunning.step.add')}
              </Button>
            )}
          </Group>
          <Stack p="md" gap="lg">
            {steps.length === 0 ? (
              <Text size="sm" c="dimmed" ta="center" py="lg">
                {t('dunning.timeline.empty')}
              </Text>
            ) : (
              <ScenarioTimeline
                steps={steps.map((s) => ({ key: s.key, offset_days: Number(s.offset_days) || 0, stage: s.stage, channel: s.channel }))}
                selected={selected}
                onSelect={setSelected}
                withErrors={withErrors}
              />
            )}
            {index >= 0 && (
              <>
                <StepForm form={form} index={index} readOnly={readOnly} onDuplicate={duplicateStep} onDelete={deleteStep} />
                <TemplateEditor form={form} index={index} language={language} onLanguage={setLanguage} readOnly={readOnly} />
              </>
            )}
          </Stack>
        </Paper>
      </Stack>
    </form>
  );
}

/** A dunning scenario: its settings, its steps on a timeline, and each step's templates with a live preview. */
export function ScenarioEditorPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const scenario = useScenario(id);
  return (
    <QueryState
      query={scenario}
      loading={<PageSkeleton blocks={[120, 400]} />}
      failure={{ notFound: t('dunning.editor.notFound'), backTo: '/dunning', backLabel: t('dunning.editor.backToList') }}
    >
      {(s) => <ScenarioEditor key={s.id} scenario={s} />}
    </QueryState>
  );
}
