// Server state of the dashboard side of the portal: what debtors told us there (questions,
// disputes, promises, bank-detail changes), the page's settings and logo, and customers' links.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, session, unwrap } from '../../api/client';
import { ApiError, parseRetryAfter, toProblem } from '../../api/problem';
import type { ListQuery, RequestBody, ResponseBody } from '../../api/types';
import { currentLanguage } from '../../i18n';
import { dunningKeys } from '../dunning/queries';
import { ledgerKeys } from '../ledger/queries';

// Shapes, from the generated schema.
export type QuestionList = ResponseBody<'/api/v1/portal/questions', 'get'>;
export type Question = QuestionList['items'][number];
export type DisputeList = ResponseBody<'/api/v1/disputes', 'get'>;
export type Dispute = DisputeList['items'][number];
export type PromiseList = ResponseBody<'/api/v1/promises', 'get'>;
export type PromiseItem = PromiseList['items'][number];
export type HeldInvoice = Dispute['invoices'][number];
export type BankChangeList = ResponseBody<'/api/v1/bank-detail-changes', 'get'>;
export type BankChange = BankChangeList['items'][number];
export type PortalSettings = ResponseBody<'/api/v1/portal/settings', 'get'>;
export type PortalSettingsInput = RequestBody<'/api/v1/portal/settings', 'put'>;
export type PortalPaymentMethod = PortalSettingsInput['payment_methods'][number];
export type PortalLinkList = ResponseBody<'/api/v1/customers/{id}/portal-links', 'get'>;
export type PortalLink = PortalLinkList['items'][number];
export type PortalLinkCreated = ResponseBody<'/api/v1/customers/{id}/portal-links', 'post'>;

/** The filters every list of the requests page takes. */
export interface RequestFilter {
  status?: string;
  customer_id?: string;
}
export type RequestQuery = Partial<ListQuery> & RequestFilter;

export const portalKeys = {
  all: ['portal'] as const,
  questions: ['portal', 'questions'] as const,
  disputes: ['portal', 'disputes'] as const,
  promises: ['portal', 'promises'] as const,
  bankChanges: ['portal', 'bank-detail-changes'] as const,
  counts: ['portal', 'counts'] as const,
  settings: ['portal', 'settings'] as const,
  logo: ['portal', 'settings', 'logo'] as const,
  links: (customerId: string) => ['portal', 'links', customerId] as const,
};

export function usePortalQuestions(query: RequestQuery) {
  return useQuery({
    queryKey: [...portalKeys.questions, query],
    queryFn: () => unwrap(api.GET('/api/v1/portal/questions', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useDisputes(query: RequestQuery) {
  return useQuery({
    queryKey: [...portalKeys.disputes, query],
    queryFn: () => unwrap(api.GET('/api/v1/disputes', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePromises(query: RequestQuery) {
  return useQuery({
    queryKey: [...portalKeys.promises, query],
    queryFn: () => unwrap(api.GET('/api/v1/promises', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useBankChanges(query: RequestQuery) {
  return useQuery({
    queryKey: [...portalKeys.bankChanges, query],
    queryFn: () => unwrap(api.GET('/api/v1/bank-detail-changes', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export interface RequestCounts {
  questions: number;
  disputes: number;
  bank: number;
  /** What waits for someone: open questions and disputes, bank details to check. */
  total: number;
}

/** How many requests wait for an answer (the navbar's badge and the tabs'), every minute. */
export function useRequestCounts(enabled = true) {
  return useQuery({
    queryKey: portalKeys.counts,
    queryFn: async (): Promise<RequestCounts> => {
      const one = { limit: 1, offset: 0 };
      const [q, d, b] = await Promise.all([
        unwrap(api.GET('/api/v1/portal/questions', { params: { query: { ...one, status: 'open' } } })),
        unwrap(api.GET('/api/v1/disputes', { params: { query: { ...one, status: 'open' } } })),
        unwrap(api.GET('/api/v1/bank-detail-changes', { params: { query: { ...one, status: 'pending' } } })),
      ]);
      return { questions: q.total, disputes: d.total, bank: b.total, total: q.total + d.total + b.total };
    },
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** What debtors told us moves the lists, the counts, the customer's timeline and (holds) dunning. */
function useInvalidateRequests() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: portalKeys.all });
    void qc.invalidateQueries({ queryKey: ledgerKeys.all });
    void qc.invalidateQueries({ queryKey: dunningKeys.all });
  };
}

export function useAnswerQuestion() {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: ({ id, answer }: { id: string; answer: string }) =>
      unwrap(api.POST('/api/v1/portal/questions/{id}/answer', { params: { path: { id } }, body: { answer } })),
    onSettled: invalidate,
  });
}

export function useResolveDispute() {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: ({ id, resolution }: { id: string; resolution: string }) =>
      unwrap(api.POST('/api/v1/disputes/{id}/resolve', { params: { path: { id } }, body: { resolution } })),
    onSettled: invalidate,
  });
}

export function useCancelPromise() {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/promises/{id}/cancel', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}

export function useDecideBankChange() {
  const invalidate = useInvalidateRequests();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'confirm' | 'reject' }) =>
      decision === 'confirm'
        ? unwrap(api.POST('/api/v1/bank-detail-changes/{id}/confirm', { params: { path: { id } } }))
        : unwrap(api.POST('/api/v1/bank-detail-changes/{id}/reject', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}

/** A file the API serves with the session's token (attachments, the logo), as a Blob. */
async function fetchBlob(path: string, accept = '*/*'): Promise<{ blob: Blob; name: string | null }> {
  const res = await session.fetch(new Request(`${API_BASE}${path}`, { headers: { Accept: accept, 'Accept-Language': currentLanguage() } }));
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // plain text
    }
    throw new ApiError(res.status, toProblem(body, res.status), parseRetryAfter(res.headers.get('Retry-After')));
  }
  return { blob: await res.blob(), name: attachmentFileName(res.headers.get('Content-Disposition')) };
}

/** The file name of `attachment; filename="x.pdf"` (or its RFC 5987 filename*), else null. */
export function attachmentFileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  return plain ? (plain[2] ?? plain[1]).trim() : null;
}

/** A debtor's attachment to a question or a dispute. */
export function fetchAttachment(kind: 'question' | 'dispute', id: string) {
  const path = kind === 'question' ? `/api/v1/portal/questions/${encodeURIComponent(id)}/attachment` : `/api/v1/disputes/${encodeURIComponent(id)}/attachment`;
  return fetchBlob(path);
}

export function usePortalSettings() {
  return useQuery({
    queryKey: portalKeys.settings,
    queryFn: () => unwrap(api.GET('/api/v1/portal/settings')),
  });
}

export function useSavePortalSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalSettingsInput) => unwrap(api.PUT('/api/v1/portal/settings', { body })),
    onSuccess: (s) => qc.setQueryData(portalKeys.settings, s),
  });
}

/** The logo as an object URL for an <img>, while the settings say there is one. */
export function usePortalLogo(version: string | null, enabled: boolean) {
  return useQuery({
    queryKey: [...portalKeys.logo, version],
    queryFn: async () => (await fetchBlob('/api/v1/portal/settings/logo', 'image/*')).blob,
    enabled,
    staleTime: Infinity,
    retry: false,
  });
}

export function useUploadLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return unwrap(api.PUT('/api/v1/portal/settings/logo', { body: form as never }));
    },
    onSuccess: (s) => {
      qc.setQueryData(portalKeys.settings, s);
      void qc.invalidateQueries({ queryKey: portalKeys.logo });
    },
  });
}

export function useRemoveLogo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/portal/settings/logo')),
    onSuccess: (s) => {
      qc.setQueryData(portalKeys.settings, s);
      qc.removeQueries({ queryKey: portalKeys.logo });
    },
  });
}

export function useCustomerPortalLinks(customerId: string) {
  return useQuery({
    queryKey: portalKeys.links(customerId),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/portal-links', { params: { path: { id: customerId } } })),
    enabled: customerId !== '',
  });
}

function useInvalidateLinks(customerId: string) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: portalKeys.links(customerId) });
    void qc.invalidateQueries({ queryKey: ledgerKeys.customerActivities(customerId) });
  };
}

export function useCreatePortalLink(customerId: string) {
  const invalidate = useInvalidateLinks(customerId);
  return useMutation({
    mutationFn: (contactEmail: string) =>
      unwrap(api.POST('/api/v1/customers/{id}/portal-links', { params: { path: { id: customerId } }, body: contactEmail ? { contact_email: contactEmail } : {} })),
    onSuccess: invalidate,
  });
}

export function useRevokePortalLink(customerId: string) {
  const invalidate = useInvalidateLinks(customerId);
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/portal-links/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}
