import { Stack } from '@mantine/core';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';

/** Settings → Users: members, then invitations. */
export function UsersPage() {
  return (
    <Stack gap="xl">
      <MembersSection />
      <InvitationsSection />
    </Stack>
  );
}
