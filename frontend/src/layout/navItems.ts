import {
  IconFileImport,
  IconFileInvoice,
  IconGauge,
  IconInbox,
  IconListCheck,
  IconRoute,
  IconSend,
  IconSettings,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';

export interface NavItem {
  to: string;
  /** Key under nav.* in the catalogues. */
  label: 'cockpit' | 'customers' | 'invoices' | 'worklist' | 'dunning' | 'outbox' | 'requests' | 'imports' | 'settings';
  icon: Icon;
  end?: boolean;
  /** Drawn indented under the item before it. */
  sub?: boolean;
  /** Paths under `to` that belong to another item (a sub-item). */
  except?: string[];
}

export const MAIN_NAV: NavItem[] = [
  { to: '/', label: 'cockpit', icon: IconGauge, end: true },
  { to: '/customers', label: 'customers', icon: IconUsersGroup },
  { to: '/invoices', label: 'invoices', icon: IconFileInvoice },
  { to: '/worklist', label: 'worklist', icon: IconListCheck },
  { to: '/dunning', label: 'dunning', icon: IconRoute, except: ['/dunning/outbox'] },
  { to: '/dunning/outbox', label: 'outbox', icon: IconSend, sub: true },
  { to: '/requests', label: 'requests', icon: IconInbox },
];

export const SECONDARY_NAV: NavItem[] = [
  { to: '/imports', label: 'imports', icon: IconFileImport },
  { to: '/settings', label: 'settings', icon: IconSettings },
];
