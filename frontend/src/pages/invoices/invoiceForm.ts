// The invoice form without React: its values from an invoice, the API body, what may still change
// once something was applied to the invoice, and the due date following the issue date.
import { ApiError } from '../../api/problem';
import type { InvoiceDetail, InvoiceInput } from '../../api/types';
import { formatMoneyInput, parseMoney } from '../../format/money';

export interface CustomerChoice {
  id: string;
  name: string;
  currency: string;
  payment_terms_days: number | null;
}

export interface InvoiceFormValues {
  customer: CustomerChoice | null;
  number: string;
  external_id: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total: string;
  tax: string;
  notes: string;
  pdf: File | null;
}

/** Adds days to a "YYYY-MM-DD" day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from one "YYYY-MM-DD" day to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The due date once the issue date changes: a new invoice takes the customer's terms; an
 * existing one keeps its own term (the due date moves by as many days as the issue date).
 */
export function nextDueDate({ issue, previousIssue, due, termsDays, editing }: { issue: string; previousIssue: string; due: string; termsDays: number | null | undefined; editing: boolean }): string {
  if (editing && previousIssue && due) return addDays(due, daysBetween(previousIssue, issue));
  return addDays(issue, termsDays ?? 30);
}

/**
 * Once a payment or a credit note was applied, the server refuses to change the invoice's
 * customer, currency and total (409): the form shows them read-only.
 */
export function isInvoiceLocked(inv: Pick<InvoiceDetail, 'balance_cents' | 'total_cents' | 'settlements'>): boolean {
  return (inv.settlements ?? []).length > 0 || inv.balance_cents !== inv.total_cents;
}

/** The form's values for an invoice being edited. */
export function invoiceFormValues(inv: InvoiceDetail, language: string, termsDays: number | null = null): InvoiceFormValues {
  return {
    customer: { id: inv.customer_id, name: inv.customer_name, currency: inv.currency, payment_terms_days: termsDays },
    number: inv.number,
    external_id: inv.external_id ?? '',
    issue_date: inv.issue_date,
    due_date: inv.due_date,
    currency: inv.currency,
    total: formatMoneyInput(inv.total_cents, language, inv.currency),
    tax: formatMoneyInput(inv.tax_cents, language, inv.currency),
    notes: inv.notes ?? '',
    pdf: null,
  };
}

/**
 * The POST / PUT body: the whole invoice. When editing, the external id and notes are always
 * sent (empty clears them).
 */
export function invoiceBody(v: InvoiceFormValues, language: string, editing: boolean): InvoiceInput {
  const external = v.external_id.trim();
  const notes = v.notes.trim();
  return {
    customer_id: v.customer!.id,
    number: v.number.trim(),
    external_id: editing ? external : external || undefined,
    issue_date: v.issue_date,
    due_date: v.due_date,
    currency: v.currency.trim().toUpperCase(),
    total_cents: parseMoney(v.total, language, v.currency) ?? 0,
    tax_cents: v.tax.trim() ? (parseMoney(v.tax, language, v.currency) ?? 0) : 0,
    notes: editing ? notes : notes || undefined,
  };
}

/** The 409 of PUT /invoices/{id} for a settled invoice (a taken number is a 409 too, but names its field). */
export function isSettledConflict(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && !(err.problem.errors ?? []).length;
}
