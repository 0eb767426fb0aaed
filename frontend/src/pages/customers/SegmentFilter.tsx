import { Select, type StyleProp } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCustomerSegments } from '../ledger/queries';
import { segmentOptions } from './segments';

/** The segment filter of the customer and invoice lists: one of the segments in use, or none. */
export function SegmentFilter({ value, onChange, w }: { value: string; onChange: (segment: string | null) => void; w?: StyleProp<number | string> }) {
  const { t } = useTranslation();
  const segments = useCustomerSegments();
  return (
    <Select
      value={value || null}
      onChange={onChange}
      data={segmentOptions(segments.data?.items, value)}
      placeholder={t('customers.segmentFilter')}
      aria-label={t('customers.segmentFilter')}
      nothingFoundMessage={t('customers.noSegment')}
      leftSection={<IconTag size={16} />}
      searchable
      clearable
      w={w}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
