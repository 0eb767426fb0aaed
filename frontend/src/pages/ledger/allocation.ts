// The "record a payment" form without React: checking what was typed (amounts in the user's
// locale, allocation to invoices), building the API body, and putting the server's per-field
// problems back on the form's fields.
import type { AllocateInput, AllocationMode, PaymentInput, PaymentMethod } from '../../api/types';
import type { TFunction } from 'i18next';
import { ApiError, type Problem } from '../../api/problem';
import { describeError } from '../../forms/serverErrors';
import { parseMoney } from '../../format/money';

export const PAYMENT_METHODS = ['transfer', 'card', 'sepa_debit', 'check', 'cash', 'other'] as const satisfies readonly PaymentMethod[];

export function isPaymentMethod(v: unknown): v is PaymentMethod {
  return typeof v === 'string' && (PAYMENT_METHODS as readonly string[]).includes(v);
}

export interface AllocationLine {
  invoice_id: string;
  number: string;
  due_date: string;
  balance_cents: number;
  /** As typed; empty means nothing to this invoice. */
  amount: string;
}

export interface PaymentFormValues {
  amount: string;
  received_on: string;
  method: PaymentMethod;
  reference: string;
  allocation: AllocationMode;
  lines: AllocationLine[];
}

export type PaymentErrorCode =
  | 'required'
  | 'invalidAmount'
  | 'notPositive'
  | 'exceedsBalance'
  | 'overAllocated'
  | 'nothingAllocated';

export interface PaymentCheck {
  /** The payment amount in minor units, when it parses. */
  amountCents: number | null;
  /** The sum of the amounts given to invoices (manual allocation). */
  allocatedCents: number;
  /** What is left to allocate (manual allocation), when the amount parses. */
  remainingCents: number | null;
  /** Form path ("amount", "lines.2.amount", "lines") → error code. Empty when the form can be sent. */
  errors: Record<string, PaymentErrorCode>;
}

/**
 * Checks the amounts given to invoices against their balances and what there is to allocate
 * (`availableCents`, when known). Errors are keyed "lines.<i>.amount", or "lines" for the whole.
 */
export function checkLines(
  lines: readonly AllocationLine[],
  availableCents: number | null,
  language: string,
  currency: string,
): { allocatedCents: number; errors: Record<string, PaymentErrorCode> } {
  const errors: Record<string, PaymentErrorCode> = {};
  let allocatedCents = 0;
  lines.forEach((line, i) => {
    if (line.amount.trim() === '') return;
    const cents = parseMoney(line.amount, language, currency);
    const path = `lines.${i}.amount`;
    if (cents === null) errors[path] = 'invalidAmount';
    else if (cents < 0) errors[path] = 'notPositive';
    else if (cents > line.balance_cents) errors[path] = 'exceedsBalance';
    else allocatedCents += cents;
  });
  if (Object.keys(errors).length === 0) {
    if (allocatedCents === 0) errors.lines = 'nothingAllocated';
    else if (availableCents !== null && availableCents > 0 && allocatedCents > availableCents) errors.lines = 'overAllocated';
  }
  return { allocatedCents, errors };
}

/** Checks the form as the user types; the server checks again. */
export function checkPayment(values: PaymentFormValues, language: string, currency: string): PaymentCheck {
  const errors: Record<string, PaymentErrorCode> = {};
  let amountCents: number | null = null;
  if (values.amount.trim() === '') errors.amount = 'required';
  else {
    amountCents = parseMoney(values.amount, language, currency);
    if (amountCents === null) errors.amount = 'invalidAmount';
    else if (amountCents <= 0) errors.amount = 'notPositive';
  }
  if (!values.received_on) errors.received_on = 'required';

  let allocatedCents = 0;
  if (values.allocation === 'manual') {
    const lines = checkLines(values.lines, amountCents, language, currency);
    allocatedCents = lines.allocatedCents;
    Object.assign(errors, lines.errors);
  }
  const remainingCents = amountCents === null ? null : amountCents - allocatedCents;
  return { amountCents, allocatedCents, remainingCents, errors };
}

/**
 * Spreads an amount over invoices oldest due date first (what "automatic" does on the server),
 * to prefill the manual allocation.
 */
export function spreadOldestFirst(amountCents: number, lines: readonly AllocationLine[]): number[] {
  const order = lines.map((l, i) => ({ i, due: l.due_date })).sort((a, b) => a.due.localeCompare(b.due) || a.i - b.i);
  const out = lines.map(() => 0);
  let left = Math.max(0, amountCents);
  for (const { i } of order) {
    const take = Math.min(left, lines[i]!.balance_cents);
    out[i] = take;
    left -= take;
  }
  return out;
}

/** The lines with an amount, as API allocation lines; `lineIndexes[k]` is the form line of the k-th. */
export function allocationLines(
  lines: readonly AllocationLine[],
  language: string,
  currency: string,
): { allocations: { invoice_id: string; amount_cents: number }[]; lineIndexes: number[] } {
  const allocations: { invoice_id: string; amount_cents: number }[] = [];
  const lineIndexes: number[] = [];
  lines.forEach((line, i) => {
    const cents = line.amount.trim() === '' ? 0 : (parseMoney(line.amount, language, currency) ?? 0);
    if (cents > 0) {
      allocations.push({ invoice_id: line.invoice_id, amount_cents: cents });
      lineIndexes.push(i);
    }
  });
  return { allocations, lineIndexes };
}

/**
 * The POST /payments body. `lineIndexes[k]` is the form line of `allocations[k]`, to put the
 * server's "allocations[k].amount_cents" problems back on the right line.
 */
export function paymentBody(
  values: PaymentFormValues,
  customerId: string,
  currency: string,
  language: string,
): { body: PaymentInput; lineIndexes: number[] } {
  const body: PaymentInput = {
    customer_id: customerId,
    received_on: values.received_on,
    currency,
    amount_cents: parseMoney(values.amount, language, currency) ?? 0,
    method: values.method,
    allocation: values.allocation,
  };
  if (values.reference.trim()) body.reference = values.reference.trim();
  if (values.allocation !== 'manual') return { body, lineIndexes: [] };
  const { allocations, lineIndexes } = allocationLines(values.lines, language, currency);
  body.allocations = allocations;
  return { body, lineIndexes };
}

/** "Allocate the rest" of a payment: automatically, or by lines. */
export type RestMode = Exclude<AllocationMode, 'none'>;

export interface AllocateRestValues {
  allocation: RestMode;
  lines: AllocationLine[];
}

/** Checks "allocate the rest" against what is left of the payment. */
export function checkAllocateRest(
  values: AllocateRestValues,
  unallocatedCents: number,
  language: string,
  currency: string,
): { allocatedCents: number; remainingCents: number; errors: Record<string, PaymentErrorCode> } {
  if (values.allocation === 'auto') return { allocatedCents: 0, remainingCents: unallocatedCents, errors: {} };
  const { allocatedCents, errors } = checkLines(values.lines, unallocatedCents, language, currency);
  return { allocatedCents, remainingCents: unallocatedCents - allocatedCents, errors };
}

/** The POST /payments/{id}/allocations body: {auto: true}, or the lines with an amount. */
export function allocateBody(values: AllocateRestValues, language: string, currency: string): { body: AllocateInput; lineIndexes: number[] } {
  if (values.allocation === 'auto') return { body: { auto: true }, lineIndexes: [] };
  const { allocations, lineIndexes } = allocationLines(values.lines, language, currency);
  return { body: { allocations }, lineIndexes };
}

const TOP_FIELDS: Record<string, string> = {
  amount_cents: 'amount',
  amount: 'amount',
  received_on: 'received_on',
  method: 'method',
  reference: 'reference',
  allocation: 'lines',
  allocations: 'lines',
  currency: 'amount',
};

/**
 * Puts a problem's per-field errors on the payment form: "allocations[1].amount_cents" goes to
 * the line it came from, "amount_cents" to the amount. What has no field is returned in `rest`.
 */
export function mapPaymentErrors(problem: Problem, lineIndexes: readonly number[]): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  const add = (path: string, message: string) => {
    fields[path] = fields[path] ? `${fields[path]} ${message}` : message;
  };
  for (const e of problem.errors ?? []) {
    const field = e.field.replace(/^body\./, '');
    const line = /^allocations\[(\d+)\](?:\.(\w+))?$/.exec(field);
    if (line) {
      const index = lineIndexes[Number(line[1])];
      if (index !== undefined) add(`lines.${index}.amount`, e.message);
      else add('lines', e.message);
      continue;
    }
    const top = TOP_FIELDS[field];
    if (top) add(top, e.message);
    else rest.push(e.field ? `${e.field}: ${e.message}` : e.message);
  }
  return { fields, rest };
}

/**
 * Puts the server's refusal of a payment or an allocation on the form: per-line and per-field
 * problems on their fields; returns the message to show above the form, if any.
 */
export function applyPaymentErrors(form: { setErrors: (e: Record<string, string>) => void }, err: unknown, lineIndexes: readonly number[], t: TFunction): string | null {
  if (err instanceof ApiError && err.problem.errors?.length) {
    const { fields, rest } = mapPaymentErrors(err.problem, lineIndexes);
    form.setErrors(fields);
    return rest.length > 0 ? [err.problem.detail, ...rest].filter(Boolean).join(' — ') : Object.keys(fields).length ? null : describeError(err, t);
  }
  return describeError(err, t);
}
