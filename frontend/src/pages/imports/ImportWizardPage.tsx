import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Progress,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Stepper,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCircleCheck,
  IconFileSpreadsheet,
  IconFileUpload,
  IconInfoCircle,
  IconUpload,
  IconX,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Import, ImportKind, ImportOptions, ImportReport } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { FormAlert } from '../../components/FormAlert';
import { describeError } from '../../forms/serverErrors';
import { useCommitImport, useCreateImport, useDryRun, useImport, useUpdateImport } from '../ledger/queries';
import { columnSamples, fieldLabel, isRefused, isRunning, missingFields, rowLabel, stepOf, STEP_INDEX, type WizardStep } from './importSteps';
import { DetailBreadcrumbs } from '../../components/DetailBreadcrumbs';

export const IMPORT_KINDS: ImportKind[] = ['customers', 'invoices', 'payments'];
const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.csv', '.txt'],
  'application/vnd.ms-excel': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};
const ENCODINGS = ['utf-8', 'utf-16', 'windows-1252', 'iso-8859-1'] as const;
type Encoding = (typeof ENCODINGS)[number];
const DATE_FORMATS = ['dmy', 'mdy', 'ymd'] as const;

/** A field's label; a customer file's external id is the customer code. */
function importFieldLabel(imp: Import, name: string, t: TFunction, server?: string): string {
  if (imp.kind === 'customers' && name === 'external_id') return t('imports.targets.customer_external_id');
  return fieldLabel(name, t, server ?? imp.fields.find((f) => f.name === name)?.label);
}
const SEPARATORS = [';', ',', '\t', '|'];

function separatorLabel(sep: string, t: TFunction): string {
  if (sep === ';') return t('imports.separators.semicolon');
  if (sep === ',') return t('imports.separators.comma');
  if (sep === '\t') return t('imports.separators.tab');
  if (sep === '|') return t('imports.separators.pipe');
  return sep;
}

/** Step 1: what is imported, and the file. */
function UploadStep() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const initialKind = IMPORT_KINDS.find((k) => k === params.get('kind')) ?? 'customers';
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const create = useCreateImport();

  const onDrop = (files: File[]) => {
    const file = files[0];
    if (!file) return;
    create.mutate({ kind, file }, { onSuccess: (imp) => navigate(`/imports/${imp.id}`, { replace: true }) });
  };

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text fw={600}>{t('imports.upload.kind')}</Text>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as ImportKind)}
          data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imports.kindLabels.${k}`) }))}
          w={{ base: '100%', sm: 480 }}
        />
        <Text size="sm" c="dimmed">
          {t(`imports.upload.help.${kind}`)}
        </Text>
      </Stack>
      <FormAlert message={create.error ? describeError(create.error, t) : null} />
      <Dropzone
        onDrop={onDrop}
        accept={ACCEPT}
        maxFiles={1}
        multiple={false}
        loading={create.isPending}
        radius="lg"
        data-testid="import-dropzone"
      >
        <Group justify="center" gap="xl" mih={180} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={48} stroke={1.4} color="var(--mantine-color-indigo-6)" />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} stroke={1.4} color="var(--mantine-color-red-6)" />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileSpreadsheet size={48} stroke={1.4} color="var(--mantine-color-gray-6)" />
          </Dropzone.Idle>
          <Stack gap={4} maw={420}>
            <Text size="lg" fw={600}>
              {t('imports.upload.drop')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('imports.upload.formats')}
            </Text>
          </Stack>
        </Group>
      </Dropzone>
    </Stack>
  );
}

/** Step 2: which column of the file goes to which field; how the file is read. */
function MappingStep({ imp, onChecked }: { imp: Import; onChecked: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateImport();
  const dryRun = useDryRun();
  const [mapping, setMapping] = useState<Record<string, string>>(imp.mapping ?? {});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setMapping(imp.mapping ?? {}), [imp.mapping]);

  const d = imp.detected;
  const headers = d.headers ?? [];
  const missing = missingFields(imp, mapping);
  const used = Object.values(mapping).filter(Boolean);
  const label = (name: string, server?: string) => importFieldLabel(imp, name, t, server);
  const groupLabel = (names: string[]) => names.map((n) => label(n)).join(t('imports.mapping.or'));
  const missingText = [...missing.required.map((n) => label(n)), ...missing.groups.map(groupLabel)].join(', ');

  const setOption = (options: ImportOptions) =>
    update.mutate({ id: imp.id, options }, { onSuccess: () => setError(null), onError: (err) => setError(describeError(err, t)) });

  const check = () => {
    setError(null);
    const clean = Object.fromEntries(Object.entries(mapping).filter(([, c]) => c));
    update.mutate(
      { id: imp.id, mapping: clean },
      {
        onSuccess: () => dryRun.mutate(imp.id, { onSuccess: onChecked, onError: (err) => setError(describeError(err, t)) }),
        onError: (err) => setError(describeError(err, t)),
      },
    );
  };

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="sm" bg="gray.0">
        <Group gap="lg" wrap="wrap" align="flex-end">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t('imports.mapping.file')}
            </Text>
            <Group gap={6} wrap="nowrap">
              <IconFileSpreadsheet size={18} color="var(--mantine-color-gray-6)" />
              <Text size="sm" fw={500} truncate maw={260}>
                {imp.filename}
              </Text>
              <Badge variant="light" color="gray" size="sm" tt="none">
                {t('imports.mapping.rows', { count: d.estimated_rows ?? 0 })}
              </Badge>
            </Group>
          </Stack>
          {d.format === 'xlsx' ? (
            (d.sheets?.length ?? 0) > 1 && (
              <Select
                label={t('imports.mapping.sheet')}
                size="xs"
                w={180}
                allowDeselect={false}
                data={d.sheets ?? []}
                value={d.sheet ?? null}
                onChange={(v) => v && v !== d.sheet && setOption({ sheet: v })}
                disabled={update.isPending}
              />
            )
          ) : (
            <>
              <Select
                label={t('imports.mapping.encoding')}
                size="xs"
                w={150}
                allowDeselect={false}
                data={Array.from(new Set([d.encoding ?? '', ...ENCODINGS].filter(Boolean))).map((e) => ({ value: e, label: e.toUpperCase() }))}
                value={d.encoding ?? null}
                onChange={(v) => v && v !== d.encoding && setOption({ encoding: v as Encoding })}
                disabled={update.isPending}
              />
              <Select
                label={t('imports.mapping.separator')}
                size="xs"
                w={170}
                allowDeselect={false}
                data={Array.from(new Set([d.separator ?? '', ...SEPARATORS].filter(Boolean))).map((v) => ({ value: v, label: separatorLabel(v, t) }))}
                value={d.separator ?? null}
                onChange={(v) => v && v !== d.separator && setOption({ separator: v })}
                disabled={update.isPending}
              />
            </>
          )}
          <Select
            label={t('imports.mapping.dates')}
            size="xs"
            w={150}
            allowDeselect={false}
            data={DATE_FORMATS.map((f) => ({ value: f, label: t(`imports.dateFormats.${f}`) }))}
            value={d.date_format}
            onChange={(v) => v && v !== d.date_format && setOption({ date_format: v as (typeof DATE_FORMATS)[number] })}
            disabled={update.isPending}
          />
          <Select
            label={t('imports.mapping.decimals')}
            size="xs"
            w={150}
            allowDeselect={false}
            data={[
              { value: 'comma', label: t('imports.mapping.decimalComma') },
              { value: 'point', label: t('imports.mapping.decimalPoint') },
            ]}
            value={d.decimal_comma ? 'comma' : 'point'}
            onChange={(v) => v && (v === 'comma') !== d.decimal_comma && setOption({ decimal_comma: v === 'comma' })}
            disabled={update.isPending}
          />
        </Group>
      </Paper>
      <Text size="sm" c="dimmed">
        {t('imports.mapping.help')}
      </Text>
      <FormAlert message={error} />
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" horizontalSpacing="md" withTableBorder>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w="30%">{t('imports.mapping.field')}</Table.Th>
              <Table.Th w="32%">{t('imports.mapping.column')}</Table.Th>
              <Table.Th>{t('imports.mapping.samples')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imp.fields.map((f) => {
              const col = mapping[f.name];
              const name = label(f.name, f.label);
              const inMissingGroup = missing.groups.some((g) => g.includes(f.name));
              return (
                <Table.Tr key={f.name}>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {name}
                      </Text>
                      {f.required && (
                        <Text span c="red" fw={700} title={t('imports.mapping.required')}>
                          *
                        </Text>
                      )}
                    </Group>
                    {f.one_of && (
                      <Text size="xs" c="dimmed">
                        {t('imports.mapping.oneOf', {
                          fields: groupLabel(imp.fields.filter((o) => o.one_of === f.one_of).map((o) => o.name)),
                        })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      aria-label={t('imports.mapping.columnFor', { field: name })}
                      placeholder={t('imports.mapping.notImported')}
                      clearable
                      searchable
                      data={headers.map((h) => ({ value: h, label: h, disabled: used.includes(h) && col !== h }))}
                      value={col || null}
                      onChange={(v) => setMapping((m) => ({ ...m, [f.name]: v ?? '' }))}
                      error={(f.required && !col) || inMissingGroup ? true : undefined}
                    />
                  </Table.Td>
                  <Table.Td>
                    {col ? (
                      <Group gap={4}>
                        {columnSamples(imp, col).map((v, i) => (
                          <Code key={i} fz="xs">
                            {v || '∅'}
                          </Code>
                        ))}
                      </Group>
                    ) : (
                      <Text size="xs" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c={missingText ? 'red.7' : 'dimmed'}>
          {missingText ? t('imports.mapping.missing', { fields: missingText }) : t('imports.mapping.ready')}
        </Text>
        <Button onClick={check} disabled={Boolean(missingText)} loading={update.isPending || dryRun.isPending}>
          {t('imports.mapping.check')}
        </Button>
      </Group>
    </Stack>
  );
}

function Count({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm" bg="white">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {label}
      </Text>
      <Text fz={26} fw={700} c={value > 0 ? color : 'dimmed'} data-testid={`count-${testId}`}>
        {value}
      </Text>
    </Paper>
  );
}

function RowErrors({ imp, report }: { imp: Import; report: ImportReport }) {
  const { t } = useTranslation();
  const errors = report.errors ?? [];
  if (errors.length === 0) return null;
  return (
    <Stack gap={6}>
      <Text fw={600}>{t('imports.preview.badRowsTitle', { count: report.error_rows })}</Text>
      <Table.ScrollContainer minWidth={560} mah={360}>
        <Table verticalSpacing={6} horizontalSpacing="md" withTableBorder striped stickyHeader data-testid="bad-rows">
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w={110}>{t('imports.preview.row')}</Table.Th>
              <Table.Th w={200}>{t('imports.preview.field')}</Table.Th>
              <Table.Th>{t('imports.preview.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((e, i) => (
              <Table.Tr key={`${e.row}-${e.field}-${i}`}>
                <Table.Td>
                  <Text size="sm">{rowLabel(e.row, t)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {e.field ? importFieldLabel(imp, e.field, t) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.message}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {report.error_count > errors.length && (
        <Text size="xs" c="dimmed">
          {t('imports.preview.moreErrors', { count: report.error_count - errors.length })}
        </Text>
      )}
    </Stack>
  );
}

/** The bar while the server reads the rows (dry run or import). */
function RunningBar({ imp, label }: { imp: Import; label: string }) {
  const { t } = useTranslation();
  const { processed = 0, total = 0 } = imp.progress ?? {};
  const estimate = total || imp.detected.estimated_rows || 0;
  const pct = estimate > 0 ? Math.min(100, Math.round((processed / estimate) * 100)) : 0;
  return (
    <Stack gap="sm" py="md" data-testid="import-progress">
      <Group justify="space-between">
        <Text fw={600}>{label}</Text>
        <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {t('imports.commit.progress', { processed, total: estimate })}
        </Text>
      </Group>
      <Progress value={Math.max(pct, 3)} size="xl" radius="xl" striped animated aria-label={label} />
    </Stack>
  );
}

/** Step 3: what the import would do, the bad rows, and how to treat them. */
function PreviewStep({ imp, onBack }: { imp: Import; onBack: () => void }) {
  const { t } = useTranslation();
  const commit = useCommitImport();
  const [mode, setMode] = useState<'all' | 'skip'>('all');
  if (imp.status === 'validating' || !imp.report) return <RunningBar imp={imp} label={t('imports.preview.checking')} />;
  const r = imp.report;
  const bad = r.error_rows;
  const good = r.would_create + r.would_update;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Count label={t('imports.preview.toCreate')} value={r.would_create} color="teal.7" testId="to-create" />
        <Count label={t('imports.preview.toUpdate')} value={r.would_update} color="indigo.7" testId="to-update" />
        <Count label={t('imports.preview.unchanged')} value={r.unchanged} color="gray.7" testId="unchanged" />
        <Count label={t('imports.preview.badRows')} value={bad} color="red.7" testId="bad-rows" />
      </SimpleGrid>
      {r.customers_created > 0 && (
        <Alert color="indigo" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('imports.preview.customersCreated', { count: r.customers_created })}
        </Alert>
      )}
      {bad === 0 ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />}>
          {good > 0 ? t('imports.preview.allGood') : t('imports.preview.nothingToDo')}
        </Alert>
      ) : (
        <>
          <RowErrors imp={imp} report={r} />
          <Radio.Group value={mode} onChange={(v) => setMode(v as 'all' | 'skip')} label={t('imports.preview.badRowsChoice')}>
            <Stack gap="xs" mt={6}>
              <Radio value="all" label={t('imports.preview.allOrNothing')} description={t('imports.preview.allOrNothingHelp')} />
              <Radio value="skip" label={t('imports.preview.skipBad')} description={t('imports.preview.skipBadHelp', { count: bad })} />
            </Stack>
          </Radio.Group>
        </>
      )}
      <FormAlert message={commit.error ? describeError(commit.error, t) : null} />
      <Group justify="space-between">
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          {t('imports.preview.back')}
        </Button>
        <Button
          onClick={() => commit.mutate({ id: imp.id, allOrNothing: bad > 0 ? mode === 'all' : true })}
          loading={commit.isPending}
          disabled={good === 0 || (bad > 0 && mode === 'all')}
        >
          {t('imports.preview.commit', { count: good })}
        </Button>
      </Group>
      {bad > 0 && mode === 'all' && (
        <Text size="sm" c="dimmed" ta="right">
          {t('imports.preview.fixFirst')}
        </Text>
      )}
    </Stack>
  );
}

/** Step 4: the progress bar while the server imports, then the report. */
function CommitStep({ imp, onBack }: { imp: Import; onBack: () => void }) {
  const { t } = useTranslation();
  const commit = useCommitImport();
  const done = imp.status === 'done';
  useEffect(() => {
    if (done) void commit.invalidateLedger();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [done]);

  if (isRunning(imp)) return <RunningBar imp={imp} label={t('imports.commit.running')} />;

  const r = imp.report;
  if (imp.status === 'failed') {
    return (
      <Stack gap="md">
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('imports.commit.failedTitle')}>
          {imp.failure || t('imports.commit.failed')}
        </Alert>
        {r && <RowErrors imp={imp} report={r} />}
        <FormAlert message={commit.error ? describeError(commit.error, t) : null} />
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
            {t('imports.preview.back')}
          </Button>
          {r && r.error_rows > 0 && r.error_rows < r.rows_total && (
            <Button color="orange" loading={commit.isPending} onClick={() => commit.mutate({ id: imp.id, allOrNothing: false })}>
              {t('imports.commit.skipAndImport', { count: r.error_rows })}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }
  const listPath = imp.kind === 'customers' ? '/customers' : '/invoices';
  return (
    <Stack gap="md" data-testid="import-report">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon color="teal" variant="light" size={40} radius="xl">
          <IconCircleCheck size={24} />
        </ThemeIcon>
        <Stack gap={0}>
          <Text fw={700} size="lg">
            {t('imports.commit.doneTitle')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('imports.commit.doneText', { file: imp.filename, seconds: ((r?.duration_ms ?? 0) / 1000).toLocaleString() })}
          </Text>
        </Stack>
      </Group>
      <Progress value={100} size="xl" radius="xl" color="teal" aria-label={t('imports.commit.doneTitle')} />
      {r && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Count label={t('imports.report.created')} value={r.created} color="teal.7" testId="created" />
            <Count label={t('imports.report.updated')} value={r.updated} color="indigo.7" testId="updated" />
            <Count label={t('imports.report.unchanged')} value={r.unchanged} color="gray.7" testId="unchanged" />
            <Count label={t('imports.report.skipped')} value={r.skipped} color="orange.7" testId="skipped" />
          </SimpleGrid>
          {r.customers_created > 0 && (
            <Text size="sm" c="dimmed">
              {t('imports.report.customersCreated', { count: r.customers_created })}
            </Text>
          )}
          <RowErrors imp={imp} report={r} />
        </>
      )}
      <Group gap="sm">
        <Button component={Link} to={listPath}>
          {t(`imports.report.open.${imp.kind}`)}
        </Button>
        <Button component={Link} to="/imports/new" variant="default" leftSection={<IconFileUpload size={16} />}>
          {t('imports.report.another')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A file refused when it was read: why (the limit it is beyond), and another upload. */
function RefusedFile({ imp }: { imp: Import }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('imports.upload.refusedTitle')}>
        {imp.failure || t('imports.commit.failed')}
      </Alert>
      <Group>
        <Button component={Link} to={`/imports/new?kind=${imp.kind}`} leftSection={<IconFileUpload size={16} />}>
          {t('imports.report.another')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The import wizard: upload → mapping → dry-run preview → commit with progress and report. */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const imp = useImport(id);
  const serverStep = id ? stepOf(imp.data) : 'upload';
  // "Back to mapping" from the preview is a local choice, until the next dry run.
  const [editing, setEditing] = useState(false);
  const step: WizardStep = editing && (imp.data?.status === 'validated' || imp.data?.status === 'failed') ? 'mapping' : serverStep;
  const active = STEP_INDEX[step];

  const content = useMemo(() => {
    if (!id) return <UploadStep />;
    return (
      <QueryState query={imp} loading={<Skeleton h={260} />}>
        {(data) => {
          if (data.status === 'reading') return <RunningBar imp={data} label={t('imports.upload.reading')} />;
          if (isRefused(data)) return <RefusedFile imp={data} />;
          if (step === 'mapping') return <MappingStep imp={data} onChecked={() => setEditing(false)} />;
          if (step === 'preview') return <PreviewStep imp={data} onBack={() => setEditing(true)} />;
          return <CommitStep imp={data} onBack={() => setEditing(true)} />;
        }}
      </QueryState>
    );
  }, [id, imp.isPending, imp.error, imp.data, step, t]);

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <DetailBreadcrumbs to="/imports" list={t('imports.title')} current={imp.data?.filename ?? t('imports.new')} />
        <Title order={2} fw={700} fz={{ base: 22, sm: 26 }}>
          {imp.data ? t('imports.titleKind', { kind: t(`imports.kinds.${imp.data.kind}`) }) : t('imports.new')}
        </Title>
      </Stack>
      <Paper withBorder radius="lg" bg="white" p={{ base: 'md', sm: 'xl' }}>
        <Stepper active={active} size="sm" mb="xl" allowNextStepsSelect={false}>
          <Stepper.Step label={t('imports.steps.upload')} description={t('imports.steps.uploadHelp')} />
          <Stepper.Step label={t('imports.steps.mapping')} description={t('imports.steps.mappingHelp')} />
          <Stepper.Step label={t('imports.steps.preview')} description={t('imports.steps.previewHelp')} />
          <Stepper.Step label={t('imports.steps.commit')} description={t('imports.steps.commitHelp')} />
        </Stepper>
        {content}
      </Paper>
      {step === 'upload' && (
        <Alert color="indigo" variant="light" icon={<IconInfoCircle size={18} />} radius="lg">
          {t('imports.upload.tips')}
        </Alert>
      )}
    </Stack>
  );
}
