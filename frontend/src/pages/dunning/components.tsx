// Small pieces shared by the dunning pages: stage and channel badges, offsets ("J-15"), statuses.
import { Badge, Group, Text, ThemeIcon, Tooltip, type MantineColor } from '@mantine/core';
import { IconMail, IconMailbox, IconMessage, IconPhone, type Icon } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Action, ActionStatus, Channel, Stage } from '../../api/types';

export const STAGES: Stage[] = ['preventive', 'reminder', 'formal_notice', 'amicable', 'legal'];
export const CHANNELS: Channel[] = ['email', 'sms', 'letter', 'call'];
export const ACTION_STATUSES: ActionStatus[] = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'skipped', 'pending', 'done'];
/** What the outbox filters on: the statuses, and a sent email's tracking. */
export const STATUS_FILTERS: (ActionStatus | 'opened' | 'clicked')[] = ['queued', 'sending', 'sent', 'opened', 'clicked', 'failed', 'uncertain', 'skipped', 'pending', 'done'];

export const STAGE_COLORS: Record<Stage, MantineColor> = {
  preventive: 'teal',
  reminder: 'blue',
  formal_notice: 'orange',
  amicable: 'red',
  legal: 'grape',
};

export const CHANNEL_ICONS: Record<Channel, Icon> = {
  email: IconMail,
  sms: IconMessage,
  letter: IconMailbox,
  call: IconPhone,
};

const NO_TRUNCATE = { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } };

/** "J-15", "J0", "J+7" in French; "D-15", "D0", "D+7" in English. */
export function offsetLabel(offset: number, t: TFunction): string {
  const value = offset === 0 ? '0' : `${offset > 0 ? '+' : '-'}${Math.abs(offset)}`;
  return t('dunning.offset', { value });
}

/** "15 jours avant l'échéance" / "7 jours après l'échéance" / "le jour de l'échéance". */
export function offsetSentence(offset: number, t: TFunction): string {
  if (offset === 0) return t('dunning.offsetOnDue');
  return offset < 0 ? t('dunning.offsetBefore', { count: -offset }) : t('dunning.offsetAfter', { count: offset });
}

/** A stage or a channel in words; an unknown value (a newer server) reads as itself. */
export function stageText(stage: string, t: TFunction): string {
  return t(`dunning.stages.${stage as Stage}`, { defaultValue: stage.replace(/_/g, ' ') });
}
export function channelText(channel: string, t: TFunction): string {
  return t(`dunning.channels.${channel as Channel}`, { defaultValue: channel });
}

export function StageBadge({ stage, size = 'sm' }: { stage: Stage | string; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={STAGE_COLORS[stage as Stage] ?? 'gray'} variant="light" radius="sm" size={size} tt="none" fw={600} styles={NO_TRUNCATE}>
      {stageText(stage, t)}
    </Badge>
  );
}

export function ChannelIcon({ channel, size = 16, color }: { channel: Channel | string; size?: number; color?: string }) {
  const I = CHANNEL_ICONS[channel as Channel] ?? IconMail;
  return <I size={size} stroke={1.7} color={color} />;
}

/** The channel's icon and name. */
export function ChannelLabel({ channel }: { channel: Channel | string }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <ThemeIcon variant="light" color="gray" size="sm" radius="sm">
        <ChannelIcon channel={channel} size={14} />
      </ThemeIcon>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {channelText(channel, t)}
      </Text>
    </Group>
  );
}

/** An action's status, a sent email's tracking, or an action item's status (planned, sent, skipped). */
export type DisplayStatus = ActionStatus | 'opened' | 'clicked' | 'planned';

const STATUS_COLORS: Record<DisplayStatus, MantineColor> = {
  queued: 'blue',
  sending: 'cyan',
  sent: 'teal',
  opened: 'green',
  clicked: 'lime',
  failed: 'red',
  uncertain: 'orange',
  skipped: 'gray',
  pending: 'yellow',
  done: 'teal',
  planned: 'blue',
};

/** A sent email shows as opened or clicked once the tracking says so. */
export function displayStatus(a: Pick<Action, 'status' | 'opened_at' | 'clicked_at'>): DisplayStatus {
  if (a.status === 'sent' && a.clicked_at) return 'clicked';
  if (a.status === 'sent' && a.opened_at) return 'opened';
  return a.status;
}

/** A skip reason code in plain words ("cancelled", "paid", "promised"…); an unknown code still reads. */
export function skipReasonText(reason: string, t: TFunction): string {
  if (!reason) return '';
  return t(`dunning.skipReasons.${reason}`, { defaultValue: reason.replace(/_/g, ' ') });
}

export function ActionStatusBadge({ status, skipReason }: { status: DisplayStatus; skipReason?: string }) {
  const { t } = useTranslation();
  const badge = (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" radius="sm" size="sm" tt="none" fw={600} styles={NO_TRUNCATE}>
      {t(`dunning.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
  if (status !== 'skipped' || !skipReason) return badge;
  return (
    <Group gap={4} wrap="nowrap">
      {badge}
      <Tooltip label={skipReasonText(skipReason, t)} withArrow>
        <Text size="xs" c="dimmed" truncate maw={140}>
          {skipReasonText(skipReason, t)}
        </Text>
      </Tooltip>
    </Group>
  );
}

/** The template variables of docs/dunning.md, in the order the picker lists them. */
export const TEMPLATE_VARIABLES = [
  'customer_name',
  'contact_name',
  'organization_name',
  'invoice_count',
  'invoice_numbers',
  'invoice_table',
  'total_due',
  'oldest_due_date',
  'days_late',
  'penalties',
  'interest',
  'indemnity',
  'interest_rate',
  'debtor_link',
  'signature',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/**
 * An email's HTML made inert for a sandboxed frame: a Content-Security-Policy that loads nothing
 * from the network, so that showing a sent email does not fire its open-tracking pixel (nor any
 * remote image). Inline styles and data: images still show.
 */
export function inertEmailHtml(html: string): string {
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:">`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + csp + html.slice(head.index + head[0].length);
  return csp + html;
}
