// The aging buckets of the cockpit and the invoice list each of them opens.

/** The buckets GET /analytics/summary answers, youngest first. */
export const AGING_BUCKETS = ['not_due', '1_30', '31_60', '61_90', 'over_90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** "2026-03-15" moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The due dates of the invoices in a bucket as of `asOf` (days late = asOf − due date; an invoice
 * due on asOf itself is not yet overdue): not_due is due on or after asOf, 1_30 between asOf − 30 and
 * asOf − 1, …, over_90 on or before asOf − 91.
 */
export function bucketDueRange(bucket: AgingBucket, asOf: string): { due_from?: string; due_to?: string } {
  switch (bucket) {
    case 'not_due':
      return { due_from: asOf };
    case '1_30':
      return { due_from: addDays(asOf, -30), due_to: addDays(asOf, -1) };
    case '31_60':
      return { due_from: addDays(asOf, -60), due_to: addDays(asOf, -31) };
    case '61_90':
      return { due_from: addDays(asOf, -90), due_to: addDays(asOf, -61) };
    case 'over_90':
      return { due_to: addDays(asOf, -91) };
  }
}

/** The invoice list filtered to the unpaid invoices of a bucket (by due date, from asOf). */
export function bucketInvoicesLink(bucket: AgingBucket, asOf: string): string {
  const params = new URLSearchParams({ status: 'open,partially_paid', ...bucketDueRange(bucket, asOf) });
  return `/invoices?${params.toString()}`;
}

/** The end of the month before the one of `asOf` ("2026-03-15" → "2026-02-28"). */
export function previousMonthEnd(asOf: string): string {
  return addDays(`${asOf.slice(0, 7)}-01`, -1);
}
