import createClient from 'openapi-fetch';
import { currentLanguage } from '../i18n';
import { createAuthFetch } from './authFetch';
import { ApiError, parseRetryAfter, toProblem } from './problem';
import type { ApiPaths } from './types';
import { tokenStore } from './tokens';

/**
 * The OpenAPI document's server URL is "/" (its paths start with /api/v1): same origin as the page.
 * Absolute, because a Request needs an absolute URL outside browsers (tests).
 */
export const API_BASE = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;

type AuthFailureListener = () => void;
const authFailureListeners = new Set<AuthFailureListener>();

/** Runs `listener` when the session could not be refreshed (the app then shows /login). */
export function onAuthFailure(listener: AuthFailureListener): () => void {
  authFailureListeners.add(listener);
  return () => authFailureListeners.delete(listener);
}

export const session = createAuthFetch({
  tokens: tokenStore,
  refreshUrl: '/api/v1/auth/refresh',
  onAuthFailure: () => authFailureListeners.forEach((l) => l()),
});

/** Tells the server the UI language, so that it can word its messages (problem details, emails) in it. */
function withLanguage(request: Request): Promise<Response> {
  request.headers.set('Accept-Language', currentLanguage());
  return session.fetch(request);
}

/** The typed API client: every path, parameter and body comes from src/api/schema.d.ts. */
export const api = createClient<ApiPaths>({ baseUrl: API_BASE, fetch: withLanguage });

interface Result<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** Resolves to the response body, or throws an ApiError built from the problem+json body. */
export async function unwrap<D>(promise: Promise<Result<D>>): Promise<D> {
  const { data, error, response } = await promise;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      toProblem(error, response.status),
      parseRetryAfter(response.headers.get('Retry-After')),
    );
  }
  return data as D;
}
