// Server state of the ledger pages: customers, contacts, invoices, credit notes, payments,
// activities and imports (TanStack Query over the typed client).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, session, API_BASE, unwrap } from '../../api/client';
import { ApiError, parseRetryAfter, toProblem } from '../../api/problem';
import type {
  AllocateInput,
  ContactInput,
  CreditNoteInput,
  CustomerInput,
  Import,
  InvoiceInput,
  InvoiceUpdate,
  ImportOptions,
  ListQuery,
  PaymentInput,
} from '../../api/types';
import { currentLanguage } from '../../i18n';
import { isRunning } from '../imports/importSteps';

export const ledgerKeys = {
  all: ['ledger'] as const,
  customers: ['ledger', 'customers'] as const,
  customer: (id: string) => ['ledger', 'customer', id] as const,
  segments: ['ledger', 'customer-segments'] as const,
  customerActivities: (id: string) => ['ledger', 'customer', id, 'activities'] as const,
  invoices: ['ledger', 'invoices'] as const,
  invoice: (id: string) => ['ledger', 'invoice', id] as const,
  invoiceActivities: (id: string) => ['ledger', 'invoice', id, 'activities'] as const,
  payments: ['ledger', 'payments'] as const,
  payment: (id: string) => ['ledger', 'payment', id] as const,
  creditNotes: ['ledger', 'credit-notes'] as const,
  imports: ['imports'] as const,
  import: (id: string) => ['imports', id] as const,
};

export interface CustomerFilters {
  segment?: string;
  incomplete?: boolean;
  overdue?: boolean;
  archived?: boolean;
}

export function useCustomers(query: Partial<ListQuery> & CustomerFilters, enabled = true) {
  return useQuery({
    queryKey: [...ledgerKeys.customers, query],
    queryFn: () => unwrap(api.GET('/api/v1/customers', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: ledgerKeys.customer(id),
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });
}

/** The segments the organisation's customers use (for filters and suggestions). */
export function useCustomerSegments(enabled = true) {
  return useQuery({
    queryKey: ledgerKeys.segments,
    queryFn: () => unwrap(api.GET('/api/v1/customer-segments')),
    staleTime: 60_000,
    enabled,
  });
}

export function useCustomerActivities(id: string, limit = 50) {
  return useQuery({
    queryKey: [...ledgerKeys.customerActivities(id), limit],
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/activities', { params: { path: { id }, query: { limit, offset: 0 } } })),
    placeholderData: keepPreviousData,
  });
}

export interface InvoiceFilters {
  customer_id?: string;
  status?: string;
  overdue?: boolean;
  due_from?: string;
  due_to?: string;
  segment?: string;
}

export function useInvoices(query: Partial<ListQuery> & InvoiceFilters, enabled = true) {
  return useQuery({
    queryKey: [...ledgerKeys.invoices, query],
    queryFn: () => unwrap(api.GET('/api/v1/invoices', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInvoice(id: string) {
  return useQuery({
    queryKey: ledgerKeys.invoice(id),
    queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })),
  });
}

export function useInvoiceActivities(id: string, limit = 50) {
  return useQuery({
    queryKey: [...ledgerKeys.invoiceActivities(id), limit],
    queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}/activities', { params: { path: { id }, query: { limit, offset: 0 } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePayments(query: Partial<ListQuery> & { customer_id?: string }, enabled = true) {
  return useQuery({
    queryKey: [...ledgerKeys.payments, query],
    queryFn: () => unwrap(api.GET('/api/v1/payments', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePayment(id: string, enabled = true) {
  return useQuery({
    queryKey: ledgerKeys.payment(id),
    queryFn: () => unwrap(api.GET('/api/v1/payments/{id}', { params: { path: { id } } })),
    enabled: enabled && id !== '',
  });
}

export function useCreditNotes(query: Partial<ListQuery> & { customer_id?: string }, enabled = true) {
  return useQuery({
    queryKey: [...ledgerKeys.creditNotes, query],
    queryFn: () => unwrap(api.GET('/api/v1/credit-notes', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Any write to the ledger can move balances everywhere: refetch every ledger query. */
function useInvalidateLedger() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ledgerKeys.all });
}

export function useCreateCustomer() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (body: CustomerInput) => unwrap(api.POST('/api/v1/customers', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateCustomer(id: string) {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (body: CustomerInput) => unwrap(api.PUT('/api/v1/customers/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useArchiveCustomer(id: string) {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/customers/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useSaveContact(customerId: string) {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ContactInput }) =>
      id
        ? unwrap(api.PUT('/api/v1/customers/{id}/contacts/{contact_id}', { params: { path: { id: customerId, contact_id: id } }, body }))
        : unwrap(api.POST('/api/v1/customers/{id}/contacts', { params: { path: { id: customerId } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteContact(customerId: string) {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (contactId: string) =>
      unwrap(api.DELETE('/api/v1/customers/{id}/contacts/{contact_id}', { params: { path: { id: customerId, contact_id: contactId } } })),
    onSettled: invalidate,
  });
}

export function useCreateInvoice() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (body: InvoiceInput) => unwrap(api.POST('/api/v1/invoices', { body })),
    onSuccess: invalidate,
  });
}

/** PUT /invoices/{id}/pdf as multipart (field `file`). */
export async function uploadInvoicePdf(id: string, file: File): Promise<void> {
  const form = new FormData();
  form.append('file', file, file.name);
  await unwrap(api.PUT('/api/v1/invoices/{id}/pdf', { params: { path: { id } }, body: form as never }));
}

export function useUploadPdf(id: string) {
  const invalidate = useInvalidateLedger();
  return useMutation({ mutationFn: (file: File) => uploadInvoicePdf(id, file), onSuccess: invalidate });
}

export function useCloseInvoice(id: string) {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: ({ action, reason }: { action: 'cancel' | 'write-off'; reason?: string }) =>
      action === 'cancel'
        ? unwrap(api.POST('/api/v1/invoices/{id}/cancel', { params: { path: { id } }, body: { reason } }))
        : unwrap(api.POST('/api/v1/invoices/{id}/write-off', { params: { path: { id } }, body: { reason } })),
    onSuccess: invalidate,
  });
}

export function useCreateCreditNote() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (body: CreditNoteInput) => unwrap(api.POST('/api/v1/credit-notes', { body })),
    onSuccess: invalidate,
  });
}

export function useRecordPayment() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (body: PaymentInput) => unwrap(api.POST('/api/v1/payments', { body })),
    onSuccess: invalidate,
  });
}

/** POST /payments/{id}/reverse: its allocations go, the invoices it settled are due again. */
export function useReversePayment() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/payments/{id}/reverse', { params: { path: { id } }, body: { reason } })),
    onSuccess: invalidate,
  });
}

/** POST /payments/{id}/allocations: applies what is left of a payment ({auto: true} or lines). */
export function useAllocatePayment() {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AllocateInput }) =>
      unwrap(api.POST('/api/v1/payments/{id}/allocations', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

/** PUT /invoices/{id}: the whole invoice. */
export function useUpdateInvoice(id: string) {
  const invalidate = useInvalidateLedger();
  return useMutation({
    mutationFn: (body: InvoiceUpdate) => unwrap(api.PUT('/api/v1/invoices/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

/**
 * GET /invoices/{id}/pdf with the session's bearer token (an <object> or a link cannot send it),
 * as a Blob for an object URL.
 */
export async function fetchInvoicePdf(id: string): Promise<Blob> {
  const res = await session.fetch(
    new Request(`${API_BASE}/api/v1/invoices/${encodeURIComponent(id)}/pdf`, {
      headers: { Accept: 'application/pdf', 'Accept-Language': currentLanguage() },
    }),
  );
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
  const blob = await res.blob();
  return blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
}

export function useInvoicePdf(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ledgerKeys.invoice(id), 'pdf'],
    queryFn: () => fetchInvoicePdf(id),
    enabled,
    staleTime: Infinity,
    gcTime: 60_000,
  });
}

// Imports.

export function useImports(query: ListQuery) {
  return useQuery({
    queryKey: [...ledgerKeys.imports, query],
    queryFn: () => unwrap(api.GET('/api/v1/imports', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: ledgerKeys.import(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
    refetchInterval: (q) => (isRunning(q.state.data) ? 500 : false),
  });
}

function useImportMutation<V>(fn: (v: V) => Promise<Import>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (imp) => {
      qc.setQueryData(ledgerKeys.import(imp.id), imp);
      void qc.invalidateQueries({ queryKey: ledgerKeys.imports, exact: true });
    },
  });
}

export function useCreateImport() {
  return useImportMutation(({ kind, file }: { kind: string; file: File }) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    return unwrap(api.POST('/api/v1/imports', { body: form as never }));
  });
}

export function useUpdateImport() {
  return useImportMutation(
    ({ id, mapping, options }: { id: string; mapping?: Record<string, string>; options?: ImportOptions }) =>
      unwrap(api.PATCH('/api/v1/imports/{id}', { params: { path: { id } }, body: { mapping, options } })),
  );
}

export function useDryRun() {
  return useImportMutation((id: string) => unwrap(api.POST('/api/v1/imports/{id}/dry-run', { params: { path: { id } } })));
}

export function useCommitImport() {
  const qc = useQueryClient();
  const m = useImportMutation(({ id, allOrNothing }: { id: string; allOrNothing: boolean }) =>
    unwrap(api.POST('/api/v1/imports/{id}/commit', { params: { path: { id } }, body: { all_or_nothing: allOrNothing } })),
  );
  return { ...m, invalidateLedger: () => qc.invalidateQueries({ queryKey: ledgerKeys.all }) };
}
