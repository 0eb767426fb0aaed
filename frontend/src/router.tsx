import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { RedirectIfAuthenticated, RequireAuth } from './auth/RequireAuth';
import { AppFrame } from './layout/AppFrame';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage';
import { InvitePage } from './pages/auth/InvitePage';
import { LoginPage } from './pages/auth/LoginPage';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
import { SignupPage } from './pages/auth/SignupPage';
import { CockpitPage } from './pages/business/CockpitPage';
import { CustomerPage } from './pages/customers/CustomerPage';
import { CustomersPage } from './pages/customers/CustomersPage';
import { ImportsPage } from './pages/imports/ImportsPage';
import { ImportWizardPage } from './pages/imports/ImportWizardPage';
import { InvoicePage } from './pages/invoices/InvoicePage';
import { InvoicesPage } from './pages/invoices/InvoicesPage';
import { PlaceholderPage } from './pages/business/PlaceholderPage';
import { DunningSettingsPage } from './pages/dunning/DunningSettingsPage';
import { OutboxPage } from './pages/dunning/OutboxPage';
import { ScenarioEditorPage } from './pages/dunning/ScenarioEditorPage';
import { ScenariosPage } from './pages/dunning/ScenariosPage';
import { ErrorPage } from './pages/ErrorPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PortalSettingsPage } from './pages/portal/PortalSettingsPage';
import { RequestsPage } from './pages/portal/RequestsPage';
import { ApiKeysPage } from './pages/settings/ApiKeysPage';
import { SettingsLayout } from './pages/settings/SettingsLayout';
import { UsersPage } from './pages/settings/UsersPage';

const pages: RouteObject[] = [
  { path: '/login', element: <RedirectIfAuthenticated><LoginPage /></RedirectIfAuthenticated> },
  { path: '/signup', element: <RedirectIfAuthenticated><SignupPage /></RedirectIfAuthenticated> },
  { path: '/invite/:token', element: <InvitePage /> },
  { path: '/forgot-password', element: <RedirectIfAuthenticated><ForgotPasswordPage /></RedirectIfAuthenticated> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  {
    path: '/',
    element: <RequireAuth><AppFrame /></RequireAuth>,
    children: [
      { index: true, element: <CockpitPage /> },
      { path: 'customers', element: <CustomersPage /> },
      { path: 'customers/:id', element: <CustomerPage /> },
      { path: 'invoices', element: <InvoicesPage /> },
      { path: 'invoices/:id', element: <InvoicePage /> },
      { path: 'imports', element: <ImportsPage /> },
      { path: 'imports/new', element: <ImportWizardPage key="new" /> },
      { path: 'imports/:id', element: <ImportWizardPage /> },
      { path: 'worklist', element: <PlaceholderPage section="worklist" /> },
      { path: 'dunning', element: <ScenariosPage /> },
      { path: 'dunning/scenarios/:id', element: <ScenarioEditorPage /> },
      { path: 'dunning/outbox', element: <OutboxPage /> },
      { path: 'requests', element: <RequestsPage /> },
      { path: 'scenarios', element: <Navigate to="/dunning" replace /> },
      {
        path: 'settings',
        element: <SettingsLayout />,
        children: [
          { index: true, element: <Navigate to="users" replace /> },
          { path: 'users', element: <UsersPage /> },
          { path: 'api-keys', element: <ApiKeysPage /> },
          { path: 'dunning', element: <DunningSettingsPage /> },
          { path: 'portal', element: <PortalSettingsPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Every page, under one error boundary. */
export const routes: RouteObject[] = [{ errorElement: <ErrorPage />, children: pages }];

export function createRouter() {
  return createBrowserRouter(routes);
}
