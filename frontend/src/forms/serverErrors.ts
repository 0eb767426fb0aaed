import type { TFunction } from 'i18next';
import { ApiError, fieldErrors } from '../api/problem';

/** A sentence for the user describing why a request failed. */
export function describeError(err: unknown, t: TFunction): string {
  if (err instanceof ApiError) {
    if (err.status === 429) {
      return err.retryAfter
        ? t('errors.throttledFor', { count: err.retryAfter })
        : t('errors.throttled');
    }
    if (err.status >= 500) {
      return err.problem.request_id
        ? t('errors.serverWithId', { id: err.problem.request_id })
        : t('errors.server');
    }
    if (err.status === 403) return err.problem.detail || t('errors.forbidden');
    if (err.status === 404) return err.problem.detail || t('errors.notFound');
    return err.problem.detail || err.problem.title || t('errors.unknown');
  }
  if (err instanceof TypeError) return t('errors.network');
  return t('errors.unknown');
}

interface FormLike {
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * Puts a problem's per-field errors on the form's fields and returns the message to show above
 * the form (the problem's detail, plus any error for a field the form does not show), or null
 * when the field errors say it all.
 */
export function applyServerErrors(form: FormLike, err: unknown, fields: readonly string[], t: TFunction): string | null {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return describeError(err, t);
  const { fields: byField, rest } = fieldErrors(err.problem, fields);
  form.setErrors(byField);
  if (rest.length > 0) return [err.problem.detail, ...rest].filter(Boolean).join(' — ');
  return Object.keys(byField).length > 0 ? null : describeError(err, t);
}

/** "body.billing_address.city" / "allocations[0].amount_cents" → "billing_address.city" / "allocations.0.amount_cents". */
export function serverFieldPath(field: string): string {
  return field.replace(/^body\./, '').replace(/\[(\d+)\]/g, '.$1');
}

/**
 * Like applyServerErrors for forms with nested fields: the problem's field paths (after
 * `aliases`, e.g. credit_limit_cents → credit_limit) that the form has go on those fields.
 */
export function applyServerErrorsAt(
  form: FormLike,
  err: unknown,
  paths: readonly string[],
  t: TFunction,
  aliases: Record<string, string> = {},
): string | null {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return describeError(err, t);
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of err.problem.errors) {
    const raw = serverFieldPath(e.field);
    const path = aliases[raw] ?? raw;
    if (paths.includes(path)) byField[path] = byField[path] ? `${byField[path]} ${e.message}` : e.message;
    else rest.push(e.field ? `${e.field}: ${e.message}` : e.message);
  }
  form.setErrors(byField);
  if (rest.length > 0) return [err.problem.detail, ...rest].filter(Boolean).join(' — ');
  return Object.keys(byField).length > 0 ? null : describeError(err, t);
}
