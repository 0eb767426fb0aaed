import { describe, expect, it } from 'vitest';
import { fieldErrors, normalizeField, parseRetryAfter, toProblem } from './problem';

describe('toProblem', () => {
  it('reads an RFC 9457 body', () => {
    const p = toProblem(
      { type: 'about:blank', title: 'Unprocessable Entity', status: 422, detail: 'The request has invalid fields.', request_id: 'r1', errors: [{ field: 'email', message: 'is taken' }] },
      422,
    );
    expect(p).toEqual({
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'The request has invalid fields.',
      request_id: 'r1',
      errors: [{ field: 'email', message: 'is taken' }],
    });
  });

  it('tolerates a plain-text body and keeps the HTTP status', () => {
    expect(toProblem('Bad Gateway', 502)).toEqual({ status: 502, detail: 'Bad Gateway' });
    expect(toProblem(undefined, 500)).toEqual({ status: 500, detail: undefined });
  });
});

describe('fieldErrors', () => {
  it('maps server fields onto form fields, whatever their spelling, and keeps the others apart', () => {
    const problem = {
      errors: [
        { field: 'organization_name', message: 'is required' },
        { field: 'body.Email', message: 'is not an email' },
        { field: 'passwordHash', message: 'too short' },
        { field: 'locale', message: 'must be fr or en' },
      ],
    };
    const { fields, rest } = fieldErrors(problem, ['organization_name', 'email', 'password_hash']);
    expect(fields).toEqual({ organization_name: 'is required', email: 'is not an email', password_hash: 'too short' });
    expect(rest).toEqual(['locale: must be fr or en']);
  });

  it('joins two messages for one field', () => {
    const { fields } = fieldErrors({ errors: [{ field: 'password', message: 'Too short.' }, { field: 'password', message: 'Too common.' }] }, ['password']);
    expect(fields.password).toBe('Too short. Too common.');
  });

  it('normalizes field names', () => {
    expect(normalizeField('OrganizationName')).toBe('organization_name');
    expect(normalizeField('APIKey')).toBe('api_key');
    expect(normalizeField('items.0.user_id')).toBe('user_id');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
