// Timeline entries of the dunning engine (reminders sent, opened, skipped; rules; disputes and
// promises) as sentences, for the customer and invoice timelines.
import type { TFunction } from 'i18next';
import type { Activity } from '../../api/types';
import { isPaymentMethod } from '../ledger/allocation';
import { channelText, offsetLabel, skipReasonText, stageText } from './components';

export const DUNNING_ACTIVITY_KINDS = [
  'reminder_sent',
  'reminder_opened',
  'reminder_clicked',
  'reminder_skipped',
  'reminder_failed',
  'reminder_uncertain',
  'reminder_cancelled',
  'reminder_retried',
  'reminder_sent_now',
  'reminder_step_skipped',
  'dunning_rules_changed',
  'dispute_opened',
  'dispute_resolved',
  'promise_recorded',
  'promise_cancelled',
  'promise_kept',
  'promise_broken',
] as const;
type Kind = (typeof DUNNING_ACTIVITY_KINDS)[number];

type Tone = 'gray' | 'indigo' | 'green' | 'red' | 'orange' | 'teal' | 'grape';
const TONES: Record<Kind, Tone> = {
  reminder_sent: 'indigo',
  reminder_opened: 'teal',
  reminder_clicked: 'teal',
  reminder_skipped: 'gray',
  reminder_failed: 'red',
  reminder_uncertain: 'orange',
  reminder_cancelled: 'gray',
  reminder_retried: 'orange',
  reminder_sent_now: 'indigo',
  reminder_step_skipped: 'gray',
  dunning_rules_changed: 'gray',
  dispute_opened: 'orange',
  dispute_resolved: 'green',
  promise_recorded: 'grape',
  promise_cancelled: 'gray',
  promise_kept: 'green',
  promise_broken: 'red',
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** The sentence of a dunning activity, or null when the kind is not one of them. */
export function describeDunningActivity(
  a: Activity,
  t: TFunction,
  fmt: { date: (v: string) => string },
): { sentence: string; detail: string | null; tone: Tone } | null {
  if (!(DUNNING_ACTIVITY_KINDS as readonly string[]).includes(a.kind)) return null;
  const kind = a.kind as Kind;
  const data = (a.data ?? {}) as Record<string, unknown>;
  const stage = text(data.stage) ? stageText(text(data.stage)!, t) : '';
  const channel = text(data.channel) ? channelText(text(data.channel)!, t) : undefined;
  const details: string[] = [];
  let sentence: string;
  switch (kind) {
    case 'reminder_sent':
      sentence = t('timeline.dunning.reminder_sent', { stage });
      if (channel) details.push(channel);
      if (Array.isArray(data.to) && data.to.length) details.push(data.to.filter((x) => typeof x === 'string').join(', '));
      if (text(data.subject)) details.push(`« ${text(data.subject)} »`);
      break;
    case 'reminder_opened':
    case 'reminder_clicked':
      sentence = t(`timeline.dunning.${kind}`);
      if (text(data.subject)) details.push(`« ${text(data.subject)} »`);
      break;
    case 'reminder_skipped':
      sentence = t('timeline.dunning.reminder_skipped', { reason: skipReasonText(text(data.reason) ?? '', t) });
      if (stage) details.push(stage);
      break;
    case 'reminder_failed':
    case 'reminder_uncertain':
      sentence = t(`timeline.dunning.${kind}`, { stage });
      if (text(data.error)) details.push(text(data.error)!);
      break;
    case 'reminder_cancelled':
    case 'reminder_retried':
      sentence = t(`timeline.dunning.${kind}`);
      if (stage) details.push(stage);
      break;
    case 'reminder_sent_now':
    case 'reminder_step_skipped': {
      const offset = typeof data.offset_days === 'number' ? offsetLabel(data.offset_days, t) : '';
      sentence = t(`timeline.dunning.${kind}`, { step: offset });
      details.push(...[stage, channel].filter((x): x is string => Boolean(x)));
      break;
    }
    case 'dunning_rules_changed':
      sentence = t('timeline.dunning.dunning_rules_changed');
      if (data.disabled === true) details.push(t('dunning.rules.disabledBadge'));
      if (data.excluded === true) details.push(t('dunning.rules.excludedBadge'));
      if (text(data.paused_until)) details.push(t('dunning.rules.pausedBadge', { date: fmt.date(text(data.paused_until)!) }));
      break;
    case 'dispute_opened':
      sentence = t('timeline.dunning.dispute_opened');
      details.push(...[text(data.reason), text(data.comment)].filter((x): x is string => Boolean(x)));
      break;
    case 'promise_recorded':
      sentence = text(data.promised_on)
        ? t('timeline.dunning.promise_recorded', { date: fmt.date(text(data.promised_on)!) })
        : t('timeline.dunning.promise_recordedPlain');
      if (isPaymentMethod(data.method)) details.push(t(`payments.methods.${data.method}`));
      break;
    default:
      sentence = t(`timeline.dunning.${kind}`);
  }
  return { sentence, detail: details.length ? details.join(' · ') : null, tone: TONES[kind] };
}
