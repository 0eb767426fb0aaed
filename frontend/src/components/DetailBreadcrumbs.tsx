import type { ReactNode } from 'react';
import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';

/** The way back from a detail page: its list as a link, then the page's own name. */
export function DetailBreadcrumbs({ to, list, current, truncate = false }: { to: string; list: ReactNode; current: ReactNode; truncate?: boolean }) {
  return (
    <Breadcrumbs>
      <Anchor component={Link} to={to} size="sm">
        {list}
      </Anchor>
      <Text size="sm" c="dimmed" truncate={truncate} maw={truncate ? 260 : undefined}>
        {current}
      </Text>
    </Breadcrumbs>
  );
}
