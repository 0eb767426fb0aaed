import { Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../forms/serverErrors';

interface Props {
  columns: number;
  isPending: boolean;
  error: unknown;
  isEmpty: boolean;
  emptyText: string;
}

/** Rows for the loading, failed and empty states of a table; null when there are rows to show. */
export function TableBodyState({ columns, isPending, error, isEmpty, emptyText }: Props) {
  const { t } = useTranslation();
  if (isPending) {
    return (
      <>
        {[0, 1, 2].map((i) => (
          <Table.Tr key={i}>
            <Table.Td colSpan={columns}>
              <Skeleton h={18} radius="sm" />
            </Table.Td>
          </Table.Tr>
        ))}
      </>
    );
  }
  if (error || isEmpty) {
    return (
      <Table.Tr>
        <Table.Td colSpan={columns}>
          <Text ta="center" py="xl" size="sm" c={error ? 'red' : 'dimmed'}>
            {error ? describeError(error, t) : emptyText}
          </Text>
        </Table.Td>
      </Table.Tr>
    );
  }
  return null;
}

/** The same states for a list of cards (lists on phones). */
export function TableBodyStateCards({ isPending, error, isEmpty, emptyText }: Omit<Props, 'columns'>) {
  const { t } = useTranslation();
  if (isPending) {
    return (
      <Stack gap="sm" p="md">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} h={40} radius="sm" />
        ))}
      </Stack>
    );
  }
  if (error || isEmpty) {
    return (
      <Text ta="center" py="xl" size="sm" c={error ? 'red' : 'dimmed'}>
        {error ? describeError(error, t) : emptyText}
      </Text>
    );
  }
  return null;
}
