import { describe, expect, it } from 'vitest';
import { bucketDueRange, bucketInvoicesLink, previousMonthEnd } from './aging';

describe('aging buckets as due-date ranges', () => {
  it('counts days late from as_of: due on as_of is not due, due the day before is 1 day late', () => {
    expect(bucketDueRange('not_due', '2026-03-15')).toEqual({ due_from: '2026-03-15' });
    expect(bucketDueRange('1_30', '2026-03-15')).toEqual({ due_from: '2026-02-13', due_to: '2026-03-14' });
    expect(bucketDueRange('31_60', '2026-03-15')).toEqual({ due_from: '2026-01-14', due_to: '2026-02-12' });
    expect(bucketDueRange('61_90', '2026-03-15')).toEqual({ due_from: '2025-12-15', due_to: '2026-01-13' });
    expect(bucketDueRange('over_90', '2026-03-15')).toEqual({ due_to: '2025-12-14' });
  });

  it('opens the unpaid invoices of the bucket', () => {
    const url = new URL(bucketInvoicesLink('31_60', '2026-03-15'), 'http://x');
    expect(url.pathname).toBe('/invoices');
    expect(url.searchParams.get('status')).toBe('open,partially_paid');
    expect(url.searchParams.get('due_from')).toBe('2026-01-14');
    expect(url.searchParams.get('due_to')).toBe('2026-02-12');
  });

  it('finds the end of the previous month across a year and a leap February', () => {
    expect(previousMonthEnd('2026-01-10')).toBe('2025-12-31');
    expect(previousMonthEnd('2028-03-31')).toBe('2028-02-29');
  });
});
