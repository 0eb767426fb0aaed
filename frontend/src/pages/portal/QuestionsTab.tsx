import { Alert, Anchor, Button, Divider, Drawer, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconMessageReply, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCanWrite } from '../../auth/useAuth';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../format/useFormat';
import { applyServerErrors } from '../../forms/serverErrors';
import { AttachmentButton, Fact, NOWRAP, RequestStatusBadge } from './components';
import { useAnswerQuestion, usePortalQuestions, type Question } from './queries';
import { RequestListFrame, useRequestList } from './requestList';

const MAX_ANSWER = 5000;

/** The answer form: emailed to the contact who asked, recorded on the customer's timeline. */
function AnswerForm({ question, onDone }: { question: Question; onDone: () => void }) {
  const { t } = useTranslation();
  const answer = useAnswerQuestion();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { answer: '' },
    validate: {
      answer: (v) => (v.trim() === '' ? t('portal.questions.answerRequired') : v.length > MAX_ANSWER ? t('portal.questions.answerTooLong', { count: MAX_ANSWER }) : null),
    },
  });
  const submit = form.onSubmit((v) => {
    setError(null);
    answer.mutate(
      { id: question.id, answer: v.answer.trim() },
      {
        onSuccess: (q) => {
          notifications.show({ color: 'green', message: q.emailed_to ? t('portal.questions.answeredTo', { email: q.emailed_to }) : t('portal.questions.answered') });
          onDone();
        },
        onError: (err) => setError(applyServerErrors(form, err, ['answer'], t)),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormAlert message={error} />
        <Textarea
          label={t('portal.questions.answer')}
          description={question.contact_email ? t('portal.questions.answerHelp', { email: question.contact_email }) : t('portal.questions.answerHelpAccounting')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          autosize
          minRows={5}
          maxRows={14}
          data-autofocus
          {...form.getInputProps('answer')}
        />
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconSend size={16} />} loading={answer.isPending}>
            {t('portal.questions.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One question in full, with the answer (or the form to write it). */
function QuestionDrawer({ question, onClose }: { question: Question | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const q = question;
  return (
    <Drawer opened={q !== null} onClose={onClose} position="right" size="lg" title={q ? t('portal.questions.drawerTitle', { name: q.customer_name }) : ''}>
      {q && (
        <Stack gap="md" data-testid="question-detail">
          <Group gap="xs">
            <RequestStatusBadge tab="questions" status={q.status} />
            <Text size="sm" c="dimmed">
              {fmt.dateTime(q.created_at)}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <Fact label={t('portal.fields.customer')}>
              <Anchor component={Link} to={`/customers/${q.customer_id}`} size="sm">
                {q.customer_name}
              </Anchor>
            </Fact>
            <Fact label={t('portal.fields.contact')}>{q.contact_email || '—'}</Fact>
            <Fact label={t('portal.fields.invoice')}>
              {q.invoice_id && q.invoice_number ? (
                <Anchor component={Link} to={`/invoices/${q.invoice_id}`} size="sm" fw={600}>
                  {q.invoice_number}
                </Anchor>
              ) : (
                t('portal.questions.noInvoice')
              )}
            </Fact>
            {q.has_attachment && (
              <Fact label={t('portal.fields.attachment')}>
                <AttachmentButton kind="question" id={q.id} name={q.attachment_name} />
              </Fact>
            )}
          </SimpleGrid>
          <Paper withBorder radius="md" p="sm" bg="gray.0">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="question-message">
              {q.message}
            </Text>
          </Paper>
          {q.status === 'answered' ? (
            <Stack gap={6}>
              <Divider label={t('portal.questions.answer')} labelPosition="left" />
              <Paper withBorder radius="md" p="sm">
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {q.answer}
                </Text>
              </Paper>
              <Text size="xs" c="dimmed">
                {[q.answered_by_name, fmt.dateTime(q.answered_at), q.emailed_to && t('portal.questions.emailedTo', { email: q.emailed_to })].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
          ) : canWrite ? (
            <>
              <Divider />
              <AnswerForm key={q.id} question={q} onDone={onClose} />
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

function QuestionRow({ q, onOpen }: { q: Question; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  return (
    <Table.Tr style={{ cursor: 'pointer', verticalAlign: 'top' }} onClick={(e) => !(e.target as HTMLElement).closest('a,button') && onOpen()}>
      <Table.Td>
        <RequestStatusBadge tab="questions" status={q.status} />
      </Table.Td>
      <Table.Td miw={180}>
        <Anchor component={Link} to={`/customers/${q.customer_id}`} size="sm" fw={600} c="dark">
          {q.customer_name}
        </Anchor>
        {q.contact_email && (
          <Text size="xs" c="dimmed" truncate maw={240}>
            {q.contact_email}
          </Text>
        )}
      </Table.Td>
      <Table.Td miw={320}>
        <Text size="sm" lineClamp={2} title={q.message}>
          {q.message}
        </Text>
        {(q.invoice_number || q.has_attachment) && (
          <Group gap={8} mt={2}>
            {q.invoice_id && q.invoice_number && (
              <Anchor component={Link} to={`/invoices/${q.invoice_id}`} size="xs" fw={600}>
                {q.invoice_number}
              </Anchor>
            )}
            {q.has_attachment && (
              <Group gap={2} wrap="nowrap">
                <IconPaperclip size={12} color="var(--mantine-color-dimmed)" />
                <Text size="xs" c="dimmed" truncate maw={200}>
                  {q.attachment_name}
                </Text>
              </Group>
            )}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={NOWRAP}>
          {fmt.date(q.created_at)}
        </Text>
        <Text size="xs" c="dimmed" style={NOWRAP}>
          {fmt.relative(q.created_at)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {q.status === 'open' && canWrite ? (
          <Button size="compact-sm" variant="light" leftSection={<IconMessageReply size={14} />} onClick={onOpen}>
            {t('portal.questions.reply')}
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

/** A question on a phone: customer and status, the question, when. */
function QuestionCard({ q, onOpen }: { q: Question; onOpen: () => void }) {
  const fmt = useFormat();
  return (
    <UnstyledButton onClick={onOpen} px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)', display: 'block', width: '100%' }}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text size="sm" fw={600} truncate>
          {q.customer_name}
        </Text>
        <RequestStatusBadge tab="questions" status={q.status} />
      </Group>
      <Text size="sm" lineClamp={2} mt={2}>
        {q.message}
      </Text>
      <Group gap={6} mt={4}>
        <Text size="xs" c="dimmed">
          {[fmt.date(q.created_at), q.invoice_number].filter(Boolean).join(' · ')}
        </Text>
        {q.has_attachment && <IconPaperclip size={12} color="var(--mantine-color-dimmed)" aria-hidden />}
      </Group>
    </UnstyledButton>
  );
}

/** Questions debtors asked on the page; open ones first. */
export function QuestionsTab() {
  const { t } = useTranslation();
  const state = useRequestList('questions');
  const questions = usePortalQuestions(state.query);
  const rows = questions.data?.items ?? [];
  const [openId, setOpenId] = useState<string | null>(null);
  const open = rows.find((q) => q.id === openId) ?? null;
  return (
    <>
      <RequestListFrame
        tab="questions"
        state={state}
        result={questions}
        minWidth={960}
        testId={{ cards: 'question-cards', table: 'questions-table' }}
        columns={[
          { label: t('portal.fields.status'), sort: 'status', w: 130 },
          { label: t('portal.fields.customer'), sort: 'customer' },
          { label: t('portal.fields.question') },
          { label: t('portal.fields.receivedOn'), sort: 'created_at', w: 150 },
          { w: 130 },
        ]}
        card={(q) => <QuestionCard key={q.id} q={q} onOpen={() => setOpenId(q.id)} />}
        row={(q) => <QuestionRow key={q.id} q={q} onOpen={() => setOpenId(q.id)} />}
      />
      <QuestionDrawer question={open} onClose={() => setOpenId(null)} />
    </>
  );
}
