import { ActionIcon, Alert, Anchor, Autocomplete, Badge, Button, Group, Modal, Skeleton, Stack, Text, Tooltip, type MantineColor } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconExternalLink, IconLink, IconLinkOff, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../api/types';
import { useCanWrite } from '../../auth/useAuth';
import { CopyableValue } from '../../components/CopyableValue';
import { FormActions } from '../../components/FormActions';
import { FormAlert } from '../../components/FormAlert';
import { useFormat } from '../../format/useFormat';
import { applyServerErrors, describeError } from '../../forms/serverErrors';
import { Panel } from '../ledger/components';
import { useCreatePortalLink, useCustomerPortalLinks, useRevokePortalLink, type PortalLink, type PortalLinkCreated } from './queries';

const STATUS_COLORS: Record<string, MantineColor> = { active: 'teal', expired: 'gray', revoked: 'red' };
const SHOWN = 5;
const NO_TRUNCATE = { root: { overflow: 'visible', maxWidth: 'none' }, label: { overflow: 'visible' } };

export function LinkStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" radius="sm" size="sm" tt="none" fw={600} styles={NO_TRUNCATE}>
      {t(`portal.links.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** Makes a link (for a contact of the customer, or none) and then shows its URL, this once. */
function CreateLinkModal({ customer, opened, onClose }: { customer: Customer; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const create = useCreatePortalLink(customer.id);
  const [created, setCreated] = useState<PortalLinkCreated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const emails = [...new Set((customer.contacts ?? []).map((c) => c.email).filter((e): e is string => Boolean(e)))];
  const form = useForm({ initialValues: { contact_email: '' } });
  const close = () => {
    // The URL is gone for good once the dialog closes.
    setCreated(null);
    setError(null);
    form.reset();
    create.reset();
    onClose();
  };
  const submit = form.onSubmit((v) => {
    setError(null);
    create.mutate(v.contact_email.trim(), {
      onSuccess: (l) => setCreated(l),
      onError: (err) => setError(applyServerErrors(form, err, ['contact_email'], t)),
    });
  });
  return (
    <Modal opened={opened} onClose={close} title={created ? t('portal.links.createdTitle') : t('portal.links.createTitle')} size="lg" centered closeOnClickOutside={!created}>
      {created ? (
        <Stack data-testid="link-created">
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
            {t('portal.links.shownOnce')}
          </Alert>
          <CopyableValue value={created.url} testId="new-link-url" copyLabel={t('portal.links.copy')} />
          <Text size="sm" c="dimmed">
            {[created.contact_email && t('portal.links.for', { email: created.contact_email }), t('portal.links.expiresOn', { date: fmt.date(created.expires_at) })].filter(Boolean).join(' · ')}
          </Text>
          <Group justify="space-between" mt="sm">
            <Button component="a" href={created.url} target="_blank" rel="noopener noreferrer" variant="light" leftSection={<IconExternalLink size={16} />}>
              {t('portal.links.open')}
            </Button>
            <Button onClick={close}>{t('portal.links.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('portal.links.createHelp', { name: customer.name })}
            </Text>
            <FormAlert message={error} />
            <Autocomplete
              label={t('portal.links.contact')}
              description={t('portal.links.contactHelp')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              placeholder={emails[0] ?? 'compta@client.fr'}
              data={emails}
              data-autofocus
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('contact_email')}
            />
            <FormActions onCancel={close} label={t('portal.links.create')} loading={create.isPending} icon={<IconLink size={16} />} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/** One link: status, for whom and by what, visits, expiry; revoke while it works. */
function LinkItem({ link, onRevoke }: { link: PortalLink; onRevoke: (l: PortalLink) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const origin =
    link.source === 'staff' && link.created_by_name ? t('portal.links.sources.staffBy', { name: link.created_by_name }) : t(`portal.links.sources.${link.source}`, { defaultValue: link.source });
  const when =
    link.status === 'revoked' && link.revoked_at
      ? t('portal.links.revokedOn', { date: fmt.date(link.revoked_at) })
      : link.status === 'expired'
        ? t('portal.links.expiredOn', { date: fmt.date(link.expires_at) })
        : t('portal.links.expiresOn', { date: fmt.date(link.expires_at) });
  return (
    <Stack gap={2} py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="portal-link">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" miw={0}>
          <LinkStatusBadge status={link.status} />
          <Text size="sm" fw={500} truncate title={link.contact_email || undefined}>
            {link.contact_email || t('portal.links.noContact')}
          </Text>
        </Group>
        {link.status === 'active' && canWrite && (
          <Tooltip label={t('portal.links.revoke')} withArrow>
            <ActionIcon variant="subtle" color="red" size="sm" onClick={() => onRevoke(link)} aria-label={t('portal.links.revokeNamed', { date: fmt.date(link.created_at) })}>
              <IconLinkOff size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {[origin, fmt.date(link.created_at), when].join(' · ')}
      </Text>
      <Text size="xs" c={link.visit_count > 0 ? undefined : 'dimmed'}>
        {link.visit_count > 0
          ? t('portal.links.visits', { count: link.visit_count, last: fmt.relative(link.last_visited_at) })
          : t('portal.links.neverVisited')}
      </Text>
    </Stack>
  );
}

/** The customer's page links: make one to send by hand, see who opened which, revoke. */
export function PortalLinkCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const canWrite = useCanWrite();
  const links = useCustomerPortalLinks(customer.id);
  const revoke = useRevokePortalLink(customer.id);
  const [creating, setCreating] = useState(false);
  const [all, setAll] = useState(false);
  const items = links.data?.items ?? [];
  const shown = all ? items : items.slice(0, SHOWN);
  const visits = items.reduce((s, l) => s + l.visit_count, 0);
  const last = items.map((l) => l.last_visited_at).filter((v): v is string => Boolean(v)).sort().at(-1);

  const onRevoke = (l: PortalLink) =>
    modals.openConfirmModal({
      title: t('portal.links.revokeTitle'),
      children: <Text size="sm">{t('portal.links.revokeConfirm', { date: fmt.date(l.created_at) })}</Text>,
      labels: { confirm: t('portal.links.revoke'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        revoke.mutate(l.id, {
          onSuccess: () => notifications.show({ color: 'green', message: t('portal.links.revoked') }),
          onError: (err) => notifications.show({ color: 'red', title: t('portal.links.revokeFailed'), message: describeError(err, t) }),
        }),
    });

  return (
    <Panel
      title={t('portal.links.title')}
      id="portal-link-card"
      p="md"
      actions={
        canWrite && (
          <Button size="compact-sm" variant="light" leftSection={<IconPlus size={15} />} onClick={() => setCreating(true)}>
            {t('portal.links.new')}
          </Button>
        )
      }
    >
      <Stack gap={0} data-testid="portal-links">
        <Text size="sm" c="dimmed" pb="xs">
          {items.length > 0 && visits > 0 ? t('portal.links.summary', { count: visits, last: fmt.relative(last) }) : t('portal.links.help')}
        </Text>
        {links.isPending ? (
          <Skeleton h={60} />
        ) : links.error ? (
          <Text size="sm" c="red">
            {describeError(links.error, t)}
          </Text>
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed" py={8} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            {t('portal.links.empty')}
          </Text>
        ) : (
          shown.map((l) => <LinkItem key={l.id} link={l} onRevoke={onRevoke} />)
        )}
        {items.length > SHOWN && (
          <Anchor component="button" type="button" size="sm" pt={6} onClick={() => setAll((v) => !v)} style={{ alignSelf: 'flex-start' }}>
            {all ? t('portal.links.fewer') : t('portal.links.more', { count: items.length - SHOWN })}
          </Anchor>
        )}
      </Stack>
      <CreateLinkModal customer={customer} opened={creating} onClose={() => setCreating(false)} />
    </Panel>
  );
}
