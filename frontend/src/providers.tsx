import { MantineProvider, type MantineProviderProps } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import 'dayjs/locale/fr';
import 'dayjs/locale/en-gb';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ApiError } from './api/problem';
import { AuthProvider } from './auth/AuthProvider';
import i18n from './i18n';
import { theme } from './theme';

type MantineEnv = NonNullable<MantineProviderProps['env']>;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Client errors (404, 403…) will not change by asking again.
        retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Calendars in the UI language, weeks from Monday. */
function Dates({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale = (i18n.resolvedLanguage ?? 'fr').startsWith('en') ? 'en-gb' : 'fr';
  return <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

/**
 * Everything a page needs around it: theme, i18n, server state, session, modals, toasts.
 * `env="test"` (the tests' render helper) makes Mantine drop its transitions and portals, and keep
 * a dropdown shown although jsdom has no layout: a menu that opens is visible at once, and one
 * that does not open cannot be reached.
 */
export function Providers({ client, env = 'default', children }: { client: QueryClient; env?: MantineEnv; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light" env={env}>
        <Dates>
          <QueryClientProvider client={client}>
            <AuthProvider>
              <ModalsProvider>
                <Notifications position="top-right" />
                {children}
              </ModalsProvider>
            </AuthProvider>
          </QueryClientProvider>
        </Dates>
      </MantineProvider>
    </I18nextProvider>
  );
}
