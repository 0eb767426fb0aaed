// Server state of the dunning pages: scenarios, preview, settings, the outbox, the planner, and the
// rules and next actions of a customer or an invoice (TanStack Query over the typed client).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ActionQuery, CustomerRules, DunningSettings, DunningSettingsInput, InvoiceRules, PreviewInput, RunInput, ScenarioInput } from '../../api/types';
import { ledgerKeys } from '../ledger/queries';

export const dunningKeys = {
  all: ['dunning'] as const,
  scenarios: ['dunning', 'scenarios'] as const,
  scenario: (id: string) => ['dunning', 'scenario', id] as const,
  settings: ['dunning', 'settings'] as const,
  actions: ['dunning', 'actions'] as const,
  action: (id: string) => ['dunning', 'action', id] as const,
  tomorrow: ['dunning', 'tomorrow'] as const,
  customer: (id: string) => ['dunning', 'customer', id] as const,
  invoice: (id: string) => ['dunning', 'invoice', id] as const,
  penalties: (id: string) => ['dunning', 'penalties', id] as const,
};

export function useScenarios() {
  return useQuery({
    queryKey: dunningKeys.scenarios,
    queryFn: () => unwrap(api.GET('/api/v1/dunning/scenarios')),
  });
}

export function useScenario(id: string) {
  return useQuery({
    queryKey: dunningKeys.scenario(id),
    queryFn: () => unwrap(api.GET('/api/v1/dunning/scenarios/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });
}

/** Scenarios, settings and rules hang together (the default, the counts of who uses what). */
function useInvalidateDunning() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: dunningKeys.all });
}

export function useCreateScenario() {
  const invalidate = useInvalidateDunning();
  return useMutation({
    mutationFn: (body: ScenarioInput) => unwrap(api.POST('/api/v1/dunning/scenarios', { body })),
    onSuccess: invalidate,
  });
}

export function useSaveScenario(id: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateDunning();
  return useMutation({
    mutationFn: (body: ScenarioInput) => unwrap(api.PUT('/api/v1/dunning/scenarios/{id}', { params: { path: { id } }, body })),
    onSuccess: (s) => {
      qc.setQueryData(dunningKeys.scenario(id), s);
      void invalidate();
    },
  });
}

export function useDeleteScenario() {
  const invalidate = useInvalidateDunning();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/dunning/scenarios/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}

/** POST /dunning/preview: the template rendered with real data. */
export function fetchPreview(body: PreviewInput) {
  return unwrap(api.POST('/api/v1/dunning/preview', { body }));
}

export function usePreview(body: PreviewInput | null) {
  return useQuery({
    queryKey: ['dunning', 'preview', body],
    queryFn: () => fetchPreview(body!),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

export function useDunningSettings(enabled = true) {
  return useQuery({
    queryKey: dunningKeys.settings,
    queryFn: () => unwrap(api.GET('/api/v1/dunning/settings')),
    enabled,
  });
}

/** The settings as PUT takes them (without what the server computes). */
export function settingsInput(s: DunningSettings): DunningSettingsInput {
  const { effective_rate: _rate, timezone: _tz, ...rest } = s;
  return rest;
}

export function useSaveDunningSettings() {
  const invalidate = useInvalidateDunning();
  return useMutation({
    mutationFn: (body: DunningSettingsInput) => unwrap(api.PUT('/api/v1/dunning/settings', { body })),
    onSuccess: invalidate,
  });
}

export function useActions(query: ActionQuery, enabled = true) {
  return useQuery({
    queryKey: [...dunningKeys.actions, query],
    queryFn: () => unwrap(api.GET('/api/v1/dunning/actions', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAction(id: string | null) {
  return useQuery({
    queryKey: dunningKeys.action(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/dunning/actions/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useActionCommand() {
  const invalidate = useInvalidateDunning();
  return useMutation({
    mutationFn: ({ id, command }: { id: string; command: 'cancel' | 'retry' }) =>
      command === 'cancel'
        ? unwrap(api.POST('/api/v1/dunning/actions/{id}/cancel', { params: { path: { id } } }))
        : unwrap(api.POST('/api/v1/dunning/actions/{id}/retry', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}

export function useRunPlanner() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RunInput) => unwrap(api.POST('/api/v1/dunning/run', { body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: dunningKeys.all });
      void qc.invalidateQueries({ queryKey: ledgerKeys.all });
    },
  });
}

export function useTomorrow(enabled = true) {
  return useQuery({
    queryKey: dunningKeys.tomorrow,
    queryFn: () => unwrap(api.GET('/api/v1/dunning/tomorrow')),
    enabled,
  });
}

export function useCustomerDunning(id: string) {
  return useQuery({
    queryKey: dunningKeys.customer(id),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/dunning', { params: { path: { id } } })),
    enabled: id !== '',
    retry: false,
  });
}

export function useSaveCustomerRules(id: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateDunning();
  return useMutation({
    mutationFn: (body: CustomerRules) => unwrap(api.PUT('/api/v1/customers/{id}/dunning', { params: { path: { id } }, body })),
    onSuccess: (d) => {
      qc.setQueryData(dunningKeys.customer(id), d);
      void invalidate();
    },
  });
}

export function useInvoiceDunning(id: string) {
  return useQuery({
    queryKey: dunningKeys.invoice(id),
    queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}/dunning', { params: { path: { id } } })),
    enabled: id !== '',
    retry: false,
  });
}

export function useSaveInvoiceRules(id: string) {
  const qc = useQueryClient();
  const invalidate = useInvalidateDunning();
  return useMutation({
    mutationFn: (body: InvoiceRules) => unwrap(api.PUT('/api/v1/invoices/{id}/dunning', { params: { path: { id } }, body })),
    onSuccess: (d) => {
      qc.setQueryData(dunningKeys.invoice(id), d);
      void invalidate();
    },
  });
}

/** Send now / skip a step / issue the penalty invoice: they move the outbox and the ledger. */
export function useInvoiceDunningCommand(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (c: { command: 'send-now' } | { command: 'skip'; stepId: string } | { command: 'penalty-invoice' }): Promise<unknown> => {
      const path = { params: { path: { id } } };
      if (c.command === 'send-now') return unwrap(api.POST('/api/v1/invoices/{id}/dunning/send-now', path));
      if (c.command === 'skip') return unwrap(api.POST('/api/v1/invoices/{id}/dunning/skip', { ...path, body: { step_id: c.stepId } }));
      return unwrap(api.POST('/api/v1/invoices/{id}/penalty-invoice', path));
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: dunningKeys.all });
      void qc.invalidateQueries({ queryKey: ledgerKeys.all });
    },
  });
}

export function usePenalties(id: string, enabled = true) {
  return useQuery({
    queryKey: dunningKeys.penalties(id),
    queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}/penalties', { params: { path: { id } } })),
    enabled: enabled && id !== '',
    retry: false,
  });
}
