import type { ReactNode } from 'react';
import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The "More" button of a page header and the menu of its less frequent actions (Menu.Item children). */
export function MoreMenu({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDots size={16} />} rightSection={<IconChevronDown size={14} />}>
          {t('common.more')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
