// A question or a dispute: its row and card that open its drawer, the drawer (what the debtor
// wrote, then the team's reply or the form to write it), and the form itself.
import { Alert, Button, Divider, Drawer, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, UnstyledButton, type ButtonProps } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPaperclip } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanWrite } from '../../auth/useAuth';
import { FormAlert } from '../../components/FormAlert';
import { applyServerErrors } from '../../forms/serverErrors';
import { RequestStatusBadge } from './components';

const PROSE = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

/** What a drawer shows of its request. */
export interface DrawerContent {
  /** Badges and the date, on one line. */
  header: ReactNode;
  /** Facts (label over value), on two columns. */
  facts: ReactNode;
  /** What the debtor wrote, if anything. */
  message?: string | null;
  messageTestId?: string;
  /** Once replied: the reply, under `outcome.label`, with who and when. */
  outcome: { label: string; text: string; empty?: string; footer: string } | null;
  /** The form to reply with, for those who may write. */
  form: ReactNode;
}

interface DrawerProps<T> {
  /** Whose words: portal.<tab>.drawerTitle. */
  tab: 'questions' | 'disputes';
  item: T | null;
  onClose: () => void;
  testId: string;
  children: (item: T) => DrawerContent;
}

/** One request in full, with the reply (or the form to write it; read-only for viewers). */
export function RequestDrawer<T extends { customer_name: string }>({ tab, item, onClose, testId, children }: DrawerProps<T>) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const c = item && children(item);
  return (
    <Drawer opened={item !== null} onClose={onClose} position="right" size="lg" title={item ? t(`portal.${tab}.drawerTitle`, { name: item.customer_name }) : ''}>
      {c && (
        <Stack gap="md" data-testid={testId}>
          <Group gap="xs">{c.header}</Group>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            {c.facts}
          </SimpleGrid>
          {c.message && (
            <Paper withBorder radius="md" p="sm" bg="gray.0">
              <Text size="sm" style={PROSE} data-testid={c.messageTestId}>
                {c.message}
              </Text>
            </Paper>
          )}
          {c.outcome ? (
            <Stack gap={6}>
              <Divider label={c.outcome.label} labelPosition="left" />
              <Paper withBorder radius="md" p="sm">
                <Text size="sm" c={c.outcome.text ? undefined : 'dimmed'} style={PROSE}>
                  {c.outcome.text || c.outcome.empty}
                </Text>
              </Paper>
              <Text size="xs" c="dimmed">
                {c.outcome.footer}
              </Text>
            </Stack>
          ) : canWrite ? (
            <>
              <Divider />
              {c.form}
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

interface ReplyFormProps {
  /** The API's name of the text, where its field errors are put. */
  field: 'answer' | 'resolution';
  label: string;
  description: string;
  /** What an empty reply says. */
  required: string;
  rows: { min: number; max: number };
  autofocus?: boolean;
  submit: { label: string; icon: ReactNode; color?: ButtonProps['color'] };
  pending: boolean;
  /** Sends the trimmed text; a failure goes to `onError` (shown on the field, or above it). */
  send: (text: string, onError: (err: unknown) => void) => void;
}

const MAX_REPLY = 5000;

/** One text to write back (an answer, a resolution), checked before sending. */
export function ReplyForm({ field, label, description, required, rows, autofocus, submit, pending, send }: ReplyFormProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { [field]: '' },
    validate: {
      [field]: (v: string) => (v.trim() === '' ? required : v.length > MAX_REPLY ? t('portal.questions.answerTooLong', { count: MAX_REPLY }) : null),
    },
  });
  const onSubmit = form.onSubmit((v) => {
    setError(null);
    send(v[field].trim(), (err) => setError(applyServerErrors(form, err, [field], t)));
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <FormAlert message={error} />
        <Textarea
          label={label}
          description={description}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          autosize
          minRows={rows.min}
          maxRows={rows.max}
          data-autofocus={autofocus || undefined}
          {...form.getInputProps(field)}
        />
        <Group justify="flex-end">
          <Button type="submit" color={submit.color} leftSection={submit.icon} loading={pending}>
            {submit.label}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A request's row: a click opens its drawer (but not on its links and buttons). */
export function OpenRow({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  return (
    <Table.Tr style={{ cursor: 'pointer', verticalAlign: 'top' }} onClick={(e) => !(e.target as HTMLElement).closest('a,button') && onOpen()}>
      {children}
    </Table.Tr>
  );
}

/** A request on a phone: its customer and status, then `children`; a tap opens its drawer. */
export function OpenCard({ tab, item, onOpen, children }: { tab: 'questions' | 'disputes'; item: { customer_name: string; status: string }; onOpen: () => void; children: ReactNode }) {
  return (
    <UnstyledButton onClick={onOpen} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)', display: 'block', width: '100%' }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text size="sm" fw={600} truncate>
          {item.customer_name}
        </Text>
        <RequestStatusBadge tab={tab} status={item.status} />
      </Group>
      {children}
    </UnstyledButton>
  );
}

/** The button ending a row: `action` (reply, resolve) while the request is open and the user may write; View otherwise. */
export function OpenButton({ status, action, onOpen }: { status: string; action: { label: string; icon: ReactNode; color?: ButtonProps['color'] }; onOpen: () => void }) {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  if (status === 'open' && canWrite) {
    return (
      <Button size="compact-sm" variant="light" color={action.color} leftSection={action.icon} onClick={onOpen}>
        {action.label}
      </Button>
    );
  }
  return (
    <Button size="compact-sm" variant="subtle" color="gray" onClick={onOpen}>
      {t('portal.view')}
    </Button>
  );
}

/** The name of the file the debtor attached, after a paperclip. */
export function AttachmentName({ name, mt }: { name: string | null; mt?: number }) {
  return (
    <Group gap={2} wrap="nowrap" mt={mt}>
      <IconPaperclip size={12} color="var(--mantine-color-dimmed)" />
      <Text size="xs" c="dimmed" truncate maw={200}>
        {name}
      </Text>
    </Group>
  );
}
