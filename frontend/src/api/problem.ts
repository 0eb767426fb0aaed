// RFC 9457 problem+json bodies, as the backend's central error handler writes them.

export interface FieldProblem {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  request_id?: string;
  errors?: FieldProblem[];
}

/** An HTTP error from the API, carrying the parsed problem body. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait, from the Retry-After header (429). */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Reads whatever the server sent as an error body into a Problem (tolerates plain text or odd shapes). */
export function toProblem(body: unknown, status: number): Problem {
  if (!isRecord(body)) {
    return { status, detail: typeof body === 'string' && body.trim() !== '' ? body : undefined };
  }
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(isRecord).map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
    : undefined;
  const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  return {
    type: text('type'),
    title: text('title'),
    status: typeof body.status === 'number' ? body.status : status,
    detail: text('detail') ?? text('message'),
    request_id: text('request_id'),
    errors,
  };
}

/** Parses Retry-After (seconds or an HTTP date) into whole seconds. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** "body.OrganizationName" / "organizationName" / "organization_name" → "organization_name". */
export function normalizeField(field: string): string {
  const last = field.split('.').pop() ?? field;
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Maps a problem's per-field errors onto the form's field names. Errors for fields the form does
 * not have are returned in `rest` so they can be shown as a general message.
 */
export function fieldErrors(
  problem: Problem,
  formFields: readonly string[],
): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of problem.errors ?? []) {
    const name = normalizeField(e.field);
    if (formFields.includes(name)) {
      fields[name] = fields[name] ? `${fields[name]} ${e.message}` : e.message;
    } else {
      rest.push(e.field ? `${e.field}: ${e.message}` : e.message);
    }
  }
  return { fields, rest };
}
