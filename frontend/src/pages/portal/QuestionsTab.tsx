import { Anchor, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMessageReply, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Fact } from '../../components/Fact';
import { useFormat } from '../../format/useFormat';
import { AttachmentButton, CustomerLink, LeadCells, NOWRAP, RequestStatusBadge } from './components';
import { useAnswerQuestion, usePortalQuestions, type Question } from './queries';
import { AttachmentName, OpenButton, OpenCard, OpenRow, ReplyForm, RequestDrawer } from './requestDrawer';
import { RequestListFrame, useOpenItem, useRequestList } from './requestList';

/** The answer form: emailed to the contact who asked, recorded on the customer's timeline. */
function AnswerForm({ question, onDone }: { question: Question; onDone: () => void }) {
  const { t } = useTranslation();
  const answer = useAnswerQuestion();
  return (
    <ReplyForm
      field="answer"
      label={t('portal.questions.answer')}
      description={question.contact_email ? t('portal.questions.answerHelp', { email: question.contact_email }) : t('portal.questions.answerHelpAccounting')}
      required={t('portal.questions.answerRequired')}
      rows={{ min: 5, max: 14 }}
      autofocus
      submit={{ label: t('portal.questions.send'), icon: <IconSend size={16} /> }}
      pending={answer.isPending}
      send={(text, onError) =>
        answer.mutate(
          { id: question.id, answer: text },
          {
            onSuccess: (q) => {
              notifications.show({ color: 'green', message: q.emailed_to ? t('portal.questions.answeredTo', { email: q.emailed_to }) : t('portal.questions.answered') });
              onDone();
            },
            onError,
          },
        )
      }
    />
  );
}

/** One question in full, with the answer (or the form to write it). */
function QuestionDrawer({ question, onClose }: { question: Question | null; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <RequestDrawer tab="questions" item={question} onClose={onClose} testId="question-detail">
      {(q) => ({
        header: (
          <>
            <RequestStatusBadge tab="questions" status={q.status} />
            <Text size="sm" c="dimmed">
              {fmt.dateTime(q.created_at)}
            </Text>
          </>
        ),
        facts: (
          <>
            <Fact label={t('portal.fields.customer')}>
              <CustomerLink id={q.customer_id} name={q.customer_name} plain />
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
          </>
        ),
        message: q.message,
        messageTestId: 'question-message',
        outcome: q.status === 'answered'
          ? {
              label: t('portal.questions.answer'),
              text: q.answer ?? '',
              footer: [q.answered_by_name, fmt.dateTime(q.answered_at), q.emailed_to && t('portal.questions.emailedTo', { email: q.emailed_to })].filter(Boolean).join(' · '),
            }
          : null,
        form: <AnswerForm key={q.id} question={q} onDone={onClose} />,
      })}
    </RequestDrawer>
  );
}

function QuestionRow({ q, onOpen }: { q: Question; onOpen: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <OpenRow onOpen={onOpen}>
      <LeadCells tab="questions" item={q}>
        {q.contact_email && (
          <Text size="xs" c="dimmed" truncate maw={240}>
            {q.contact_email}
          </Text>
        )}
      </LeadCells>
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
            {q.has_attachment && <AttachmentName name={q.attachment_name} />}
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
        <OpenButton status={q.status} action={{ label: t('portal.questions.reply'), icon: <IconMessageReply size={14} /> }} onOpen={onOpen} />
      </Table.Td>
    </OpenRow>
  );
}

/** A question on a phone: customer and status, the question, when. */
function QuestionCard({ q, onOpen }: { q: Question; onOpen: () => void }) {
  const fmt = useFormat();
  return (
    <OpenCard tab="questions" item={q} onOpen={onOpen}>
      <Text size="sm" lineClamp={2} mt={2}>
        {q.message}
      </Text>
      <Group gap={6} mt={4}>
        <Text size="xs" c="dimmed">
          {[fmt.date(q.created_at), q.invoice_number].filter(Boolean).join(' · ')}
        </Text>
        {q.has_attachment && <IconPaperclip size={12} color="var(--mantine-color-dimmed)" aria-hidden />}
      </Group>
    </OpenCard>
  );
}

/** Questions debtors asked on the page; open ones first. */
export function QuestionsTab() {
  const { t } = useTranslation();
  const state = useRequestList('questions');
  const questions = usePortalQuestions(state.query);
  const { open, setOpenId, close } = useOpenItem(questions.data?.items);
  return (
    <>
      <RequestListFrame
        tab="questions"
        state={state}
        result={questions}
        minWidth={960}
        testId={{ cards: 'question-cards', table: 'questions-table' }}
        statusWidth={130}
        columns={[
          { label: t('portal.fields.question') },
          { label: t('portal.fields.receivedOn'), sort: 'created_at', w: 150 },
          { w: 130 },
        ]}
        card={(q) => <QuestionCard key={q.id} q={q} onOpen={() => setOpenId(q.id)} />}
        row={(q) => <QuestionRow key={q.id} q={q} onOpen={() => setOpenId(q.id)} />}
      />
      <QuestionDrawer question={open} onClose={close} />
    </>
  );
}
