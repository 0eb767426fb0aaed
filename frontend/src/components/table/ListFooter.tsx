import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

/** "1–20 of 57" and the page buttons (hidden when everything fits on one page). */
export function ListFooter({ total, page, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" px="md" py="sm" gap="sm">
      <Text size="xs" c="dimmed">
        {t('table.range', { from, to, total })}
      </Text>
      {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={onPage} withEdges={pages > 5} />}
    </Group>
  );
}
