import {
  Alert,
  Box,
  Button,
  Grid,
  Group,
  Loader,
  Menu,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBraces, IconUser } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { describeError } from '../../forms/serverErrors';
import { useCustomers } from '../ledger/queries';
import { inertEmailHtml, TEMPLATE_VARIABLES } from './components';
import type { PreviewInput, Stage, TemplateLanguage } from '../../api/types';
import { usePreview } from './queries';
import type { ScenarioValues } from './scenarioForm';

/** Inserts `text` in place of the selection of an input or textarea; returns the new value and caret. */
export function insertAt(value: string, start: number | null, end: number | null, text: string): { value: string; caret: number } {
  const s = start ?? value.length;
  const e = end ?? s;
  return { value: value.slice(0, s) + text + value.slice(e), caret: s + text.length };
}

/** The variables a template may use, inserted at the cursor of the subject or the body. */
function VariablePicker({ onPick }: { onPick: (name: string) => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <Button size="compact-sm" variant="light" leftSection={<IconBraces size={15} />}>
          {t('dunning.template.insertVariable')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <ScrollArea.Autosize mah={320} type="auto">
          {TEMPLATE_VARIABLES.map((v) => (
            <Menu.Item key={v} onClick={() => onPick(v)}>
              <Text size="sm" ff="monospace">{`{{${v}}}`}</Text>
              <Text size="xs" c="dimmed">
                {t(`dunning.variables.${v}`)}
              </Text>
            </Menu.Item>
          ))}
        </ScrollArea.Autosize>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The customer whose data fills the preview: any customer, searched by name. */
function PreviewCustomer({ value, onChange, current }: { value: string | null; onChange: (id: string | null) => void; current?: { id: string; name: string } }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const customers = useCustomers({ ...(q ? { q } : {}), sort: 'name', limit: 20, offset: 0 });
  const options = [
    ...(customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
    ...(current ? [{ value: current.id, label: current.name }] : []),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  return (
    <Select
      size="xs"
      w={{ base: '100%', xs: 240 }}
      leftSection={<IconUser size={14} />}
      placeholder={current ? current.name : t('dunning.preview.anyCustomer')}
      aria-label={t('dunning.preview.customer')}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={t('dunning.preview.noCustomer')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** Why the preview failed: the template's own errors (an unknown variable…) when the server names them. */
function previewError(err: unknown, t: Parameters<typeof describeError>[1]): string {
  if (err instanceof ApiError && err.problem.errors?.length) return err.problem.errors.map((e) => e.message).join(' ');
  return describeError(err, t);
}

/** What the server renders from the template, live: subject, HTML in a sandboxed frame, the text version. */
function PreviewPane({ language, stage, subject, body }: { language: TemplateLanguage; stage: Stage; subject: string; body: string }) {
  const { t } = useTranslation();
  const [customerId, setCustomerId] = useState<string | null>(null);
  // Debounced as a string: an object would be new at every render, and restart the timer for ever.
  const [key] = useDebouncedValue(JSON.stringify({ language, stage, subject, body, ...(customerId ? { customer_id: customerId } : {}) }), 400);
  const input = useMemo(() => JSON.parse(key) as PreviewInput, [key]);
  const empty = input.subject.trim() === '' && input.body.trim() === '';
  const preview = usePreview(empty ? null : input);
  const data = preview.data;
  return (
    <Paper withBorder radius="md" bg="gray.0" style={{ overflow: 'hidden' }} data-testid="template-preview">
      <Group justify="space-between" px="sm" py={8} gap="xs" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {t('dunning.preview.title')}
          </Text>
          {preview.isFetching && <Loader size={14} />}
        </Group>
        <PreviewCustomer value={customerId} onChange={setCustomerId} current={data ? { id: data.customer_id, name: data.customer_name } : undefined} />
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed" p="md">
          {t('dunning.preview.empty')}
        </Text>
      ) : preview.error && !data ? (
        <Alert color="red" variant="light" m="sm">
          {previewError(preview.error, t)}
        </Alert>
      ) : !data ? (
        <Box h={360} />
      ) : (
        <Stack gap={0}>
          {preview.error && (
            <Alert color="orange" variant="light" m="sm" mb={0} data-testid="preview-error">
              {previewError(preview.error, t)}
            </Alert>
          )}
          <Box px="sm" py={8} bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            {data.customer_name && (
              <Text size="xs" c="dimmed">
                {t('dunning.preview.with', { name: data.customer_name })}
              </Text>
            )}
            <Text size="sm" fw={600} data-testid="preview-subject">
              {data.subject}
            </Text>
          </Box>
          <Tabs defaultValue="html" keepMounted={false}>
            <Tabs.List px="sm">
              <Tabs.Tab value="html">{t('dunning.preview.html')}</Tabs.Tab>
              <Tabs.Tab value="text">{t('dunning.preview.text')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="html">
              <iframe
                title={t('dunning.preview.frameTitle')}
                sandbox=""
                srcDoc={inertEmailHtml(data.html)}
                data-testid="preview-frame"
                style={{ width: '100%', height: 420, border: 0, background: 'white', display: 'block' }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="text">
              <ScrollArea h={420} bg="white">
                <Text size="sm" ff="monospace" p="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-text">
                  {data.text}
                </Text>
              </ScrollArea>
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Paper>
  );
}

/** The template of one step per language (FR/EN tabs): subject, body, variables, and the live preview beside it. */
export function TemplateEditor({
  form,
  index,
  language,
  onLanguage,
  readOnly,
}: {
  form: UseFormReturnType<ScenarioValues>;
  index: number;
  language: TemplateLanguage;
  onLanguage: (l: TemplateLanguage) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const lastFocused = useRef<'subject' | 'body'>('body');
  const step = form.values.steps[index];
  if (!step) return null;
  const base = `steps.${index}.templates.${language}` as const;
  const tpl = step.templates[language];
  const subjectProps = form.getInputProps(`${base}.subject`);
  const bodyProps = form.getInputProps(`${base}.body`);
  const hasError = (l: TemplateLanguage) => Boolean(form.errors[`steps.${index}.templates.${l}.subject`] || form.errors[`steps.${index}.templates.${l}.body`]);

  const insert = (name: string) => {
    const field = lastFocused.current;
    const el = field === 'subject' ? subjectRef.current : bodyRef.current;
    const current = tpl[field];
    const { value, caret } = insertAt(current, el?.selectionStart ?? null, el?.selectionEnd ?? null, `{{${name}}}`);
    form.setFieldValue(`${base}.${field}`, value);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  return (
    <Tabs value={language} onChange={(v) => v && onLanguage(v as TemplateLanguage)} keepMounted={false}>
      <Tabs.List>
        {(['fr', 'en'] as const).map((l) => (
          <Tabs.Tab key={l} value={l} c={hasError(l) ? 'red.7' : undefined}>
            {t(`dunning.template.languages.${l}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value={language} pt="md">
        <Grid gutter="md">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Stack gap="sm">
              <Group justify="space-between" align="center">
                <Text size="sm" c="dimmed">
                  {t('dunning.template.help')}
                </Text>
                {!readOnly && <VariablePicker onPick={insert} />}
              </Group>
              <TextInput
                ref={subjectRef}
                label={t('dunning.template.subject')}
                readOnly={readOnly}
                {...subjectProps}
                onFocus={(e) => {
                  lastFocused.current = 'subject';
                  subjectProps.onFocus?.(e);
                }}
              />
              <Textarea
                ref={bodyRef}
                label={t('dunning.template.body')}
                autosize
                minRows={12}
                maxRows={30}
                readOnly={readOnly}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.55 } }}
                {...bodyProps}
                onFocus={(e) => {
                  lastFocused.current = 'body';
                  bodyProps.onFocus?.(e);
                }}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <PreviewPane language={language} stage={step.stage} subject={tpl.subject} body={tpl.body} />
          </Grid.Col>
        </Grid>
      </Tabs.Panel>
    </Tabs>
  );
}
