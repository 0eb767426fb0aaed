import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { allocateBody, applyPaymentErrors, checkAllocateRest, checkLines, checkPayment, mapPaymentErrors, paymentBody, spreadOldestFirst, type PaymentFormValues } from './allocation';

const lines = [
  { invoice_id: 'i-new', number: 'F-3', due_date: '2026-04-30', balance_cents: 50000, amount: '' },
  { invoice_id: 'i-old', number: 'F-1', due_date: '2026-02-28', balance_cents: 30000, amount: '' },
  { invoice_id: 'i-mid', number: 'F-2', due_date: '2026-03-31', balance_cents: 20000, amount: '' },
];

function values(over: Partial<PaymentFormValues> = {}): PaymentFormValues {
  return { amount: '600,00', received_on: '2026-04-02', method: 'transfer', reference: 'VIR F-1', allocation: 'manual', lines, ...over };
}

describe('checkPayment', () => {
  it('shows what is left to allocate as lines are filled (French amounts)', () => {
    const v = values({ lines: lines.map((l, i) => ({ ...l, amount: ['', '300', '1 000,5'][i]! })) });
    const c = checkPayment(v, 'fr', 'EUR');
    expect(c.errors).toEqual({ 'lines.2.amount': 'exceedsBalance' });

    const ok = checkPayment(values({ lines: lines.map((l, i) => ({ ...l, amount: ['', '300', '150,50'][i]! })) }), 'fr', 'EUR');
    expect(ok.errors).toEqual({});
    expect(ok.allocatedCents).toBe(45050);
    expect(ok.remainingCents).toBe(60000 - 45050);
  });

  it('refuses allocating more than the payment, nothing at all, or amounts that do not parse', () => {
    expect(checkPayment(values({ amount: '100', lines: lines.map((l) => ({ ...l, amount: '100' })) }), 'fr', 'EUR').errors).toEqual({
      lines: 'overAllocated',
    });
    expect(checkPayment(values(), 'fr', 'EUR').errors).toEqual({ lines: 'nothingAllocated' });
    expect(checkPayment(values({ lines: lines.map((l, i) => ({ ...l, amount: i === 0 ? '12,345' : '' })) }), 'fr', 'EUR').errors).toEqual({
      'lines.0.amount': 'invalidAmount',
    });
  });

  it('checks the payment itself whatever the allocation', () => {
    expect(checkPayment(values({ amount: '', allocation: 'auto' }), 'fr', 'EUR').errors).toEqual({ amount: 'required' });
    expect(checkPayment(values({ amount: 'douze', allocation: 'none' }), 'fr', 'EUR').errors).toEqual({ amount: 'invalidAmount' });
    expect(checkPayment(values({ amount: '0', allocation: 'auto', received_on: '' }), 'fr', 'EUR').errors).toEqual({
      amount: 'notPositive',
      received_on: 'required',
    });
    // Lines are ignored unless the allocation is manual.
    expect(checkPayment(values({ allocation: 'auto', lines: lines.map((l) => ({ ...l, amount: 'x' })) }), 'fr', 'EUR').errors).toEqual({});
  });
});

describe('paymentBody and server errors', () => {
  it('sends only the lines with an amount, and maps allocations[k] back to the form line', () => {
    const v = values({ lines: lines.map((l, i) => ({ ...l, amount: ['', '300', '150,50'][i]! })) });
    const { body, lineIndexes } = paymentBody(v, 'c-1', 'EUR', 'fr');
    expect(body).toEqual({
      customer_id: 'c-1',
      received_on: '2026-04-02',
      currency: 'EUR',
      amount_cents: 60000,
      method: 'transfer',
      reference: 'VIR F-1',
      allocation: 'manual',
      allocations: [
        { invoice_id: 'i-old', amount_cents: 30000 },
        { invoice_id: 'i-mid', amount_cents: 15050 },
      ],
    });
    expect(lineIndexes).toEqual([1, 2]);

    const mapped = mapPaymentErrors(
      {
        status: 422,
        errors: [
          { field: 'allocations[1].amount_cents', message: 'More than the invoice balance.' },
          { field: 'amount_cents', message: 'Must be positive.' },
          { field: 'allocations', message: 'Too much.' },
          { field: 'external_id', message: 'Taken.' },
        ],
      },
      lineIndexes,
    );
    expect(mapped.fields).toEqual({ 'lines.2.amount': 'More than the invoice balance.', amount: 'Must be positive.', lines: 'Too much.' });
    expect(mapped.rest).toEqual(['external_id: Taken.']);
  });

  it('prefills oldest due date first', () => {
    expect(spreadOldestFirst(40000, lines)).toEqual([0, 30000, 10000]);
    expect(spreadOldestFirst(200000, lines)).toEqual([50000, 30000, 20000]);
  });
});

describe('allocating the rest of a payment', () => {
  const typed = (amounts: string[]) => lines.map((l, i) => ({ ...l, amount: amounts[i]! }));

  it('checks the lines against what is left of the payment, not its amount', () => {
    expect(checkLines(typed(['', '300', '']), 20000, 'fr', 'EUR')).toEqual({ allocatedCents: 30000, errors: { lines: 'overAllocated' } });
    expect(checkLines(typed(['', '150', '50']), 20000, 'fr', 'EUR')).toEqual({ allocatedCents: 20000, errors: {} });
    expect(checkLines(typed(['', '', '']), 20000, 'fr', 'EUR').errors).toEqual({ lines: 'nothingAllocated' });
    // A bad line is reported on its own, not as a whole.
    expect(checkLines(typed(['-5', '', '']), 20000, 'fr', 'EUR').errors).toEqual({ 'lines.0.amount': 'notPositive' });
  });

  it('says what would stay as credit; "automatically" needs no line', () => {
    expect(checkAllocateRest({ allocation: 'manual', lines: typed(['', '150', '']) }, 20000, 'fr', 'EUR')).toEqual({
      allocatedCents: 15000,
      remainingCents: 5000,
      errors: {},
    });
    expect(checkAllocateRest({ allocation: 'auto', lines: typed(['x', '', '']) }, 20000, 'fr', 'EUR')).toEqual({
      allocatedCents: 0,
      remainingCents: 20000,
      errors: {},
    });
  });

  it('sends {auto: true} or the lines with an amount', () => {
    expect(allocateBody({ allocation: 'auto', lines: typed(['', '150', '']) }, 'fr', 'EUR')).toEqual({ body: { auto: true }, lineIndexes: [] });
    expect(allocateBody({ allocation: 'manual', lines: typed(['', '150', '50,5']) }, 'fr', 'EUR')).toEqual({
      body: {
        allocations: [
          { invoice_id: 'i-old', amount_cents: 15000 },
          { invoice_id: 'i-mid', amount_cents: 5050 },
        ],
      },
      lineIndexes: [1, 2],
    });
  });

  it("puts the server's line problems on the lines, and says the rest above the form", () => {
    const set: Record<string, string>[] = [];
    const form = { setErrors: (e: Record<string, string>) => set.push(e) };
    const t = ((k: string) => k) as never;
    const lineProblem = new ApiError(422, { status: 422, detail: 'Invalid.', errors: [{ field: 'allocations[0].amount_cents', message: 'Too much.' }] });
    expect(applyPaymentErrors(form, lineProblem, [2], t)).toBeNull();
    expect(set.at(-1)).toEqual({ 'lines.2.amount': 'Too much.' });
    expect(applyPaymentErrors(form, new ApiError(404, { status: 404, detail: 'Gone.' }), [], t)).toBe('Gone.');
  });
});
