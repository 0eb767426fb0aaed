import { Button, Group, type ButtonProps, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onCancel: () => void;
  /** The submit button's words. */
  label: ReactNode;
  loading: boolean;
  color?: ButtonProps['color'];
  icon?: ReactNode;
  mt?: MantineSpacing;
}

/** The foot of a form in a modal: Cancel, then the submit button. */
export function FormActions({ onCancel, label, loading, color, icon, mt }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={mt}>
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" color={color} leftSection={icon} loading={loading}>
        {label}
      </Button>
    </Group>
  );
}
