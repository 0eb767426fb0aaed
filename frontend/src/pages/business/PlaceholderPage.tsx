import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { MAIN_NAV } from '../../layout/navItems';

type Section = 'customers' | 'invoices' | 'worklist';

/** A business page not built yet: its title and one sentence about what will be there. */
export function PlaceholderPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const icon = MAIN_NAV.find((n) => n.label === section)?.icon;
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} description={t(`pages.${section}.subtitle`)} />
      {icon && <EmptyState icon={icon} title={t(`pages.${section}.emptyTitle`)} description={t(`pages.${section}.empty`)} />}
    </>
  );
}
