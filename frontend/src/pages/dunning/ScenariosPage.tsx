import {
  ActionIcon,
  Anchor,
  Badge,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDots, IconPencil, IconPlus, IconSend, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/problem';
import { hasRole, useRole } from '../../auth/useAuth';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { PageActions, PageHeader } from '../../components/PageHeader';
import { ListFrame } from '../../components/table/ListFrame';
import { SearchInput } from '../../components/table/SearchInput';
import { applyServerErrorsAt, describeError } from '../../forms/serverErrors';
import { requiredText } from '../../forms/validators';
import { offsetLabel, STAGE_COLORS } from './components';
import type { Scenario, ScenarioInput } from '../../api/types';
import { useCreateScenario, useDeleteScenario, useScenarios } from './queries';
import { orderSteps } from './ScenarioTimeline';

/** The steps of a scenario in one line: "J-15 · J0 · J+7", each coloured by its stage. */
function StepsStrip({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const steps = orderSteps(scenario.steps ?? []);
  if (steps.length === 0) return <Text size="sm" c="dimmed">{t('dunning.scenarios.noSteps')}</Text>;
  return (
    <Group gap={4} wrap="wrap">
      <Text size="xs" c="dimmed" mr={4} style={{ whiteSpace: 'nowrap' }}>
        {t('dunning.scenarios.stepCount', { count: steps.length })}
      </Text>
      {steps.map((s, i) => (
        <Tooltip key={s.id ?? i} label={`${t(`dunning.stages.${s.stage}`)} · ${t(`dunning.channels.${s.channel}`)}`} withArrow>
          <Badge variant="light" color={STAGE_COLORS[s.stage]} radius="sm" size="sm" tt="none" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {offsetLabel(s.offset_days, t)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

function Segments({ segments }: { segments: readonly string[] }) {
  const { t } = useTranslation();
  if (!segments?.length) return <Text size="sm" c="dimmed">{t('dunning.scenarios.allSegments')}</Text>;
  return (
    <Group gap={4}>
      {segments.map((s) => (
        <Badge key={s} variant="light" color="indigo" radius="sm" size="sm" tt="none" fw={600} styles={{ root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } }}>
          {s}
        </Badge>
      ))}
    </Group>
  );
}

/** A scenario's input with its steps copied (no ids: the copy's steps are new). */
export function copyOf(s: Scenario, name: string): ScenarioInput {
  return {
    name,
    description: s.description ?? '',
    segments: [],
    steps: (s.steps ?? []).map(({ id: _id, ...step }) => step),
  };
}

function NewScenarioModal({ opened, onClose, scenarios }: { opened: boolean; onClose: () => void; scenarios: Scenario[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateScenario();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({ initialValues: { name: '', description: '', from: null as string | null }, validate: { name: requiredText(t) } });
  useEffect(() => {
    if (opened) {
      form.reset();
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);
  const submit = form.onSubmit((v) => {
    const from = scenarios.find((s) => s.id === v.from);
    const body: ScenarioInput = from
      ? { ...copyOf(from, v.name.trim()), description: v.description }
      : { name: v.name.trim(), description: v.description, segments: [], steps: [] };
    create.mutate(body, {
      onSuccess: (s) => {
        notifications.show({ color: 'green', message: t('dunning.scenarios.created', { name: s.name }) });
        onClose();
        navigate(`/dunning/scenarios/${s.id}`);
      },
      onError: (err) => setError(applyServerErrorsAt(form, err, ['name', 'description'], t)),
    });
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('dunning.scenarios.newTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormAlert message={error} />
          <TextInput label={t('dunning.scenarios.name')} required data-autofocus {...form.getInputProps('name')} />
          <Textarea label={t('dunning.scenarios.description')} autosize minRows={2} {...form.getInputProps('description')} />
          <Select
            label={t('dunning.scenarios.startFrom')}
            placeholder={t('dunning.scenarios.startEmpty')}
            data={scenarios.map((s) => ({ value: s.id, label: s.name }))}
            clearable
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('from')}
          />
          <FormActions onCancel={onClose} label={t('dunning.scenarios.create')} loading={create.isPending} mt="sm" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Duplicate and delete, with the server's 409 explained. */
function useScenarioActions() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateScenario();
  const remove = useDeleteScenario();
  const duplicate = (s: Scenario) =>
    create.mutate(copyOf(s, t('dunning.scenarios.copyName', { name: s.name })), {
      onSuccess: (copy) => {
        notifications.show({ color: 'green', message: t('dunning.scenarios.duplicated', { name: copy.name }) });
        navigate(`/dunning/scenarios/${copy.id}`);
      },
      onError: (err) => notifications.show({ color: 'red', title: t('dunning.scenarios.duplicateFailed'), message: describeError(err, t) }),
    });
  const del = (s: Scenario) =>
    modals.openConfirmModal({
      title: t('dunning.scenarios.deleteTitle', { name: s.name }),
      children: <Text size="sm">{t('dunning.scenarios.deleteConfirm')}</Text>,
      labels: { confirm: t('dunning.scenarios.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(s.id, {
          onSuccess: () => notifications.show({ color: 'green', message: t('dunning.scenarios.deleted', { name: s.name }) }),
          onError: (err) =>
            notifications.show({
              color: 'red',
              autoClose: err instanceof ApiError && err.status === 409 ? 12_000 : undefined,
              title: err instanceof ApiError && err.status === 409 ? t('dunning.scenarios.inUseTitle') : t('dunning.scenarios.deleteFailed'),
              message:
                err instanceof ApiError && err.status === 409
                  ? [err.problem.detail, t('dunning.scenarios.inUse', { customers: s.customers_using, invoices: s.invoices_using })].filter(Boolean).join(' ')
                  : describeError(err, t),
            }),
        }),
    });
  return { duplicate, del };
}

function ScenarioMenu({ s, actions }: { s: Scenario; actions: ReturnType<typeof useScenarioActions> }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('dunning.scenarios.actionsFor', { name: s.name })} onClick={(e) => e.stopPropagation()}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} component={Link} to={`/dunning/scenarios/${s.id}`}>
          {t('common.edit')}
        </Menu.Item>
        <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => actions.duplicate(s)}>
          {t('dunning.scenarios.duplicate')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => actions.del(s)}>
          {t('dunning.scenarios.delete')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** Marks the scenario that applies when no other does. */
function DefaultBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="indigo" variant="filled" radius="sm" size="xs" tt="none">
      {t('dunning.scenarios.default')}
    </Badge>
  );
}

/** Scenarios: how and when each kind of customer is reminded. */
export function ScenariosPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canEdit = hasRole(useRole(), 'admin');
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const scenarios = useScenarios();
  const actions = useScenarioActions();
  const all = scenarios.data?.items ?? [];
  const q = search.trim().toLocaleLowerCase();
  const rows = all
    .filter((s) => !q || s.name.toLocaleLowerCase().includes(q) || (s.segments ?? []).some((g) => g.toLocaleLowerCase().includes(q)))
    .sort((a, b) => Number(b.is_default) - Number(a.is_default) || a.name.localeCompare(b.name));

  return (
    <>
      <PageHeader
        title={t('nav.dunning')}
        description={t('dunning.scenarios.subtitle')}
        actions={
          <PageActions
            link={{ to: '/dunning/outbox', icon: <IconSend size={16} />, label: t('nav.outbox') }}
            action={canEdit && { icon: <IconPlus size={16} />, label: t('dunning.scenarios.new'), onClick: () => setCreating(true) }}
          />
        }
      />
      <ListFrame
        toolbar={
          <Group gap="sm" p="md">
            <SearchInput value={search} onChange={setSearch} placeholder={t('dunning.scenarios.search')} />
          </Group>
        }
        result={{ ...scenarios, data: { items: rows, total: rows.length } }}
        empty={q ? t('dunning.scenarios.emptyFiltered') : t('dunning.scenarios.empty')}
        minWidth={900}
        testId={{ cards: 'scenario-cards' }}
        columns={[
          { label: t('dunning.scenarios.name') },
          { label: t('dunning.scenarios.segments') },
          { label: t('dunning.scenarios.steps') },
          { label: t('dunning.scenarios.customers'), align: 'right' },
          { label: t('dunning.scenarios.invoices'), align: 'right' },
          canEdit && { w: 50 },
        ]}
        card={(s) => (
          <Group key={s.id} wrap="nowrap" align="flex-start" gap="xs" px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <UnstyledButton component={Link} to={`/dunning/scenarios/${s.id}`} style={{ flex: 1, minWidth: 0 }}>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {s.name}
                </Text>
                {s.is_default && <DefaultBadge />}
              </Group>
              <Text size="xs" c="dimmed" mb={6}>
                {[(s.segments ?? []).join(', ') || t('dunning.scenarios.allSegments'), t('dunning.scenarios.usage', { customers: s.customers_using, invoices: s.invoices_using })].join(' · ')}
              </Text>
              <StepsStrip scenario={s} />
            </UnstyledButton>
            {canEdit && <ScenarioMenu s={s} actions={actions} />}
          </Group>
        )}
        row={(s) => (
          <Table.Tr key={s.id} style={{ cursor: 'pointer' }} onClick={(e) => !(e.target as HTMLElement).closest('a,button,[role=menu]') && navigate(`/dunning/scenarios/${s.id}`)}>
            <Table.Td miw={220}>
              <Group gap="xs" wrap="nowrap">
                <Anchor component={Link} to={`/dunning/scenarios/${s.id}`} size="sm" fw={600} c="dark">
                  {s.name}
                </Anchor>
                {s.is_default && <DefaultBadge />}
              </Group>
              {s.description && (
                <Text size="xs" c="dimmed" lineClamp={1} title={s.description}>
                  {s.description}
                </Text>
              )}
            </Table.Td>
            <Table.Td miw={140}>
              <Segments segments={s.segments ?? []} />
            </Table.Td>
            <Table.Td>
              <StepsStrip scenario={s} />
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm" c={s.customers_using ? undefined : 'dimmed'}>
                {s.customers_using}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm" c={s.invoices_using ? undefined : 'dimmed'}>
                {s.invoices_using}
              </Text>
            </Table.Td>
            {canEdit && (
              <Table.Td>
                <ScenarioMenu s={s} actions={actions} />
              </Table.Td>
            )}
          </Table.Tr>
        )}
      />
      <NewScenarioModal opened={creating} onClose={() => setCreating(false)} scenarios={all} />
    </>
  );
}
