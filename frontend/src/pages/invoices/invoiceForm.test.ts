import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { addDays, daysBetween, invoiceBody, invoiceFormValues, isInvoiceLocked, isSettledConflict, nextDueDate } from './invoiceForm';
import { OPEN_INVOICE as INVOICE, OPEN_INVOICE_BODY } from './testData';

describe('invoice form', () => {
  it('is locked once a payment or a credit note was applied', () => {
    expect(isInvoiceLocked(INVOICE)).toBe(false);
    expect(isInvoiceLocked({ ...INVOICE, balance_cents: 23456 })).toBe(true);
    expect(isInvoiceLocked({ ...INVOICE, settlements: [{ kind: 'credit_note', id: 'cn', date: '2026-02-01', reference: 'AV-1', amount_cents: 100 }] })).toBe(true);
  });

  it('edits the whole invoice: values in the French format, the whole body back (cleared fields sent empty)', () => {
    const v = invoiceFormValues({ ...INVOICE, external_id: 'X-9', notes: 'Livraison' }, 'fr');
    expect(v).toMatchObject({ number: 'F-2026-0118', external_id: 'X-9', total: '1 234,56', tax: '205,76', notes: 'Livraison' });
    expect(v.customer).toEqual({ id: 'c-1', name: 'Fromagerie Dubois', currency: 'EUR', payment_terms_days: null });

    const body = invoiceBody({ ...v, external_id: ' ', notes: '', tax: '200' }, 'fr', true);
    expect(body).toEqual({ ...OPEN_INVOICE_BODY, tax_cents: 20000 });
    // A new invoice leaves out what is empty.
    expect(invoiceBody({ ...v, external_id: '', notes: '' }, 'fr', false)).not.toHaveProperty('external_id', '');
  });

  it('moves the due date with the issue date: customer terms for a new invoice, its own term when editing', () => {
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(daysBetween('2026-01-15', '2026-02-14')).toBe(30);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the DST change
    expect(nextDueDate({ issue: '2026-02-01', previousIssue: '2026-01-15', due: '2026-03-16', termsDays: 30, editing: false })).toBe('2026-03-03');
    expect(nextDueDate({ issue: '2026-02-01', previousIssue: '2026-01-15', due: '2026-03-16', termsDays: 30, editing: true })).toBe('2026-04-02');
    expect(nextDueDate({ issue: '2026-02-01', previousIssue: '', due: '', termsDays: null, editing: true })).toBe('2026-03-03');
  });

  it('tells the "already settled" 409 from a taken number', () => {
    expect(isSettledConflict(new ApiError(409, { status: 409, detail: 'This invoice already has payments or credit notes.' }))).toBe(true);
    expect(isSettledConflict(new ApiError(409, { status: 409, errors: [{ field: 'number', message: 'Already used by another document.' }] }))).toBe(false);
    expect(isSettledConflict(new ApiError(422, { status: 422 }))).toBe(false);
  });
});
