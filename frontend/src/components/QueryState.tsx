import { Anchor, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/problem';
import { describeError } from '../forms/serverErrors';
import { EmptyState } from './EmptyState';
import { FormAlert } from './FormAlert';

/** What QueryState reads of a TanStack query. */
export interface QueryLike<T> {
  isPending: boolean;
  error: unknown;
  data: T | undefined;
}

/** A page of its own (an invoice, a customer): a 404 names what is missing, both states link back to the list. */
export interface PageFailure {
  notFound: string;
  backTo: string;
  backLabel: string;
}

interface Props<T> {
  query: QueryLike<T>;
  /** What stands in while the first answer is awaited. */
  loading: ReactNode;
  /**
   * How a failure reads: a whole page (PageFailure), an alert (the default, for a form or a
   * section), or a line of text (a card; dimmed when the thing does not exist, red otherwise).
   */
  failure?: PageFailure | 'alert' | 'text';
  children: (data: NonNullable<T>) => ReactNode;
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The loading and failed states of one query, and its data once there. */
export function QueryState<T>({ query, loading, failure = 'alert', children }: Props<T>) {
  const { t } = useTranslation();
  if (query.isPending) return <>{loading}</>;
  if (query.error || query.data == null) {
    const message = describeError(query.error, t);
    if (failure === 'alert') return <FormAlert message={message} />;
    if (failure === 'text') {
      return (
        <Text size="sm" c={isNotFound(query.error) ? 'dimmed' : 'red'}>
          {message}
        </Text>
      );
    }
    return (
      <EmptyState icon={IconAlertTriangle} comingSoon={false} title={isNotFound(query.error) ? failure.notFound : t('errors.unknown')} description={message}>
        <Anchor component={Link} to={failure.backTo} size="sm">
          {failure.backLabel}
        </Anchor>
      </EmptyState>
    );
  }
  return <>{children(query.data)}</>;
}

/** The shape of a detail page while it loads: its title, a row of `tiles`, then blocks of these heights. */
export function PageSkeleton({ tiles = 0, blocks }: { tiles?: number; blocks: number[] }) {
  return (
    <Stack>
      <Skeleton h={40} w={300} />
      {tiles > 0 && (
        <SimpleGrid cols={{ base: 1, sm: tiles }}>
          {Array.from({ length: tiles }, (_, i) => (
            <Skeleton key={i} h={90} />
          ))}
        </SimpleGrid>
      )}
      {blocks.map((h, i) => (
        <Skeleton key={i} h={h} />
      ))}
    </Stack>
  );
}
