import { Group, Pagination, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

interface Props {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

/**
 * How many page buttons to draw. On a phone (390 px) the range and the buttons must share one
 * line: no first/last buttons, no neighbours around the current page, smaller gaps
 * (‹ 1 … 7 … 30 › at most).
 */
export function paginationLayout(pages: number, compact: boolean): { siblings: number; boundaries: number; withEdges: boolean; gap: number } {
  if (compact) return { siblings: 0, boundaries: 1, withEdges: false, gap: 4 };
  return { siblings: 1, boundaries: 1, withEdges: pages > 5, gap: 8 };
}

/** "1–20 of 57" and the page buttons (hidden when everything fits on one page). */
export function ListFooter({ total, page, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  const compact = useMediaQuery('(max-width: 48em)') ?? false;
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <Group justify="space-between" px="md" py="sm" gap="sm" wrap="nowrap" data-testid="list-footer">
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {t('table.range', { from, to, total })}
      </Text>
      {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={onPage} {...paginationLayout(pages, compact)} />}
    </Group>
  );
}
