import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InvitationStatus, Role } from '../../api/types';

const ROLE_COLORS: Record<Role, string> = { owner: 'grape', admin: 'indigo', collector: 'teal', viewer: 'gray' };
const STATUS_COLORS: Record<InvitationStatus, string> = { pending: 'blue', accepted: 'green', revoked: 'gray', expired: 'orange' };

export function RoleBadge({ role }: { role: Role }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={ROLE_COLORS[role]} radius="sm">
      {t(`roles.${role}`)}
    </Badge>
  );
}

export function InvitationStatusBadge({ status }: { status: InvitationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={STATUS_COLORS[status]} radius="sm">
      {t(`invitations.status.${status}`)}
    </Badge>
  );
}

export function ApiKeyStatusBadge({ revoked }: { revoked: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={revoked ? 'gray' : 'green'} radius="sm">
      {revoked ? t('apiKeys.revoked') : t('apiKeys.active')}
    </Badge>
  );
}

/** Roles the current user may grant: only an owner grants owner. */
export function grantableRoles(myRole: Role | undefined): Role[] {
  return myRole === 'owner' ? ['owner', 'admin', 'collector', 'viewer'] : ['admin', 'collector', 'viewer'];
}
