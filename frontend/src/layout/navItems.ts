import {
  IconFileImport,
  IconFileInvoice,
  IconGauge,
  IconListCheck,
  IconRoute,
  IconSettings,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';

export interface NavItem {
  to: string;
  /** Key under nav.* in the catalogues. */
  label: 'cockpit' | 'customers' | 'invoices' | 'worklist' | 'scenarios' | 'imports' | 'settings';
  icon: Icon;
  end?: boolean;
}

export const MAIN_NAV: NavItem[] = [
  { to: '/', label: 'cockpit', icon: IconGauge, end: true },
  { to: '/customers', label: 'customers', icon: IconUsersGroup },
  { to: '/invoices', label: 'invoices', icon: IconFileInvoice },
  { to: '/worklist', label: 'worklist', icon: IconListCheck },
  { to: '/scenarios', label: 'scenarios', icon: IconRoute },
];

export const SECONDARY_NAV: NavItem[] = [
  { to: '/imports', label: 'imports', icon: IconFileImport },
  { to: '/settings', label: 'settings', icon: IconSettings },
];
