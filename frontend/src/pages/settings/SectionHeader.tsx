import { Group, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Heading } from '../../components/Heading';
import { ListFrame, type ListFrameProps } from '../../components/table/ListFrame';
import { SearchInput } from '../../components/table/SearchInput';
import type { ListState } from '../../components/table/useListState';

interface Props {
  title: string;
  description?: string;
  actions?: ReactNode;
  toolbar?: ReactNode;
}

/** The top of a settings list: title and actions, then a toolbar (search, filters). */
export function SectionHeader({ title, description, actions, toolbar }: Props) {
  return (
    <Stack gap="md" p="md" pb={toolbar ? 'md' : 0}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Heading title={title} description={description} order={4} gap={2} />
        {actions}
      </Group>
      {toolbar && <Group gap="sm">{toolbar}</Group>}
    </Stack>
  );
}

/**
 * A list of the settings: SectionHeader (title, actions, a search box with `search` as its
 * placeholder, then `filters`) over a ListFrame paged and searched by `list`.
 */
export function SectionList<T>({
  title,
  description,
  actions,
  search,
  filters,
  list,
  ...frame
}: Omit<Props, 'toolbar'> & { search: string; filters?: ReactNode; list: ListState } & Omit<ListFrameProps<T>, 'toolbar' | 'list'>) {
  return (
    <ListFrame
      toolbar={
        <SectionHeader
          title={title}
          description={description}
          actions={actions}
          toolbar={
            <>
              <SearchInput value={list.search} onChange={list.setSearch} placeholder={search} />
              {filters}
            </>
          }
        />
      }
      list={list}
      {...frame}
    />
  );
}
