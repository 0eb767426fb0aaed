import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Sort } from './useListState';

interface Props {
  field: string;
  sort: Sort;
  onSort: (field: string) => void;
  children: ReactNode;
  w?: number | string;
  /** Right-align the header of a column of figures. */
  align?: 'left' | 'right';
}

/** A column header that sorts the list on click and shows the direction. */
export function SortableTh({ field, sort, onSort, children, w, align = 'left' }: Props) {
  const active = sort.field === field;
  const Icon = active ? (sort.desc ? IconChevronDown : IconChevronUp) : IconSelector;
  return (
    <Table.Th w={w} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'} p={0}>
      <UnstyledButton onClick={() => onSort(field)} px="md" py={10} w="100%">
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          <Text fw={600} size="xs" tt="uppercase" c={active ? 'dark' : 'dimmed'} lts={0.3} style={{ whiteSpace: 'nowrap' }}>
            {children}
          </Text>
          <Icon size={14} stroke={1.8} color={active ? 'var(--mantine-color-indigo-6)' : 'var(--mantine-color-gray-5)'} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

/** A plain column header styled like the sortable ones. */
export function PlainTh({ children, w, align }: { children?: ReactNode; w?: number | string; align?: 'left' | 'right' | 'center' }) {
  return (
    <Table.Th w={w} px="md" ta={align}>
      <Text fw={600} size="xs" tt="uppercase" c="dimmed" lts={0.3} style={{ whiteSpace: 'nowrap' }}>
        {children}
      </Text>
    </Table.Th>
  );
}
