// Server state of the cockpit: the organisation (its currency) and the indicators as of a day.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const cockpitKeys = {
  organization: ['organization'] as const,
  summary: (asOf: string, currency: string) => ['analytics', 'summary', asOf, currency] as const,
  dsoTrend: (asOf: string, currency: string, months: number) => ['analytics', 'dso-trend', asOf, currency, months] as const,
  forecast: (asOf: string, currency: string) => ['analytics', 'forecast', asOf, currency] as const,
};

/** GET /organization: its name, country, currency and time zone. */
export function useOrganization() {
  return useQuery({
    queryKey: cockpitKeys.organization,
    queryFn: () => unwrap(api.GET('/api/v1/organization')),
    staleTime: 5 * 60_000,
  });
}

/** GET /analytics/summary: every figure of the cockpit as the ledger stood at the end of `asOf`. */
export function useAnalyticsSummary(asOf: string, currency: string | undefined) {
  return useQuery({
    queryKey: cockpitKeys.summary(asOf, currency ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/analytics/summary', { params: { query: { as_of: asOf, currency: currency! } } })),
    enabled: Boolean(currency),
    // Another day keeps the figures on screen until the new ones are in.
    placeholderData: keepPreviousData,
  });
}

/** GET /analytics/dso-trend: the countback DSO at each month end of the `months` months up to `asOf`. */
export function useDsoTrend(asOf: string, currency: string | undefined, months = 12) {
  return useQuery({
    queryKey: cockpitKeys.dsoTrend(asOf, currency ?? '', months),
    queryFn: () => unwrap(api.GET('/api/v1/analytics/dso-trend', { params: { query: { as_of: asOf, currency: currency!, months } } })),
    enabled: Boolean(currency),
    // Another day keeps the figures on screen until the new ones are in.
    placeholderData: keepPreviousData,
  });
}

/** GET /analytics/forecast: the cash expected week by week over the 13 weeks after `asOf`. */
export function useForecast(asOf: string, currency: string | undefined) {
  return useQuery({
    queryKey: cockpitKeys.forecast(asOf, currency ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/analytics/forecast', { params: { query: { as_of: asOf, currency: currency! } } })),
    enabled: Boolean(currency),
    placeholderData: keepPreviousData,
  });
}
