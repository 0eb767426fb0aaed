// A fetch wrapper for openapi-fetch: adds the bearer token, and on a 401 refreshes the session
// once (single flight: refresh tokens rotate, and replaying a revoked one revokes the whole chain)
// then replays the request. If refreshing fails, the session is cleared and onAuthFailure runs.
import { ApiError, parseRetryAfter, toProblem } from './problem';
import type { TokenStore } from './tokens';
import type { TokenResponse } from './types';

export type FetchLike = (request: Request) => Promise<Response>;

export interface AuthFetchOptions {
  tokens: TokenStore;
  /** Absolute path of POST /auth/refresh, e.g. "/api/v1/auth/refresh". */
  refreshUrl: string;
  onAuthFailure: () => void;
  baseFetch?: FetchLike;
}

// Endpoints that never carry a session and whose 401 means "wrong credentials", not "expired".
const PUBLIC_PATHS = [
  '/auth/login',
  '/auth/signup',
  '/auth/refresh',
  '/auth/logout',
  '/invitations/lookup',
  '/invitations/accept',
];

function isPublic(url: string): boolean {
  const path = new URL(url, 'http://localhost').pathname;
  return PUBLIC_PATHS.some((p) => path.endsWith(p));
}

function withToken(request: Request, token: string | null): Request {
  const headers = new Headers(request.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  else headers.delete('Authorization');
  return new Request(request, { headers });
}

export interface AuthFetch {
  fetch: FetchLike;
  /** Exchanges the refresh token for new tokens, optionally for another organisation. */
  refresh: (organizationId?: string) => Promise<TokenResponse>;
}

export function createAuthFetch(opts: AuthFetchOptions): AuthFetch {
  const baseFetch: FetchLike = opts.baseFetch ?? ((r) => globalThis.fetch(r));
  let inflight: Promise<TokenResponse> | null = null;

  async function doRefresh(organizationId?: string): Promise<TokenResponse> {
    const refreshToken = opts.tokens.getRefreshToken();
    if (!refreshToken) throw new ApiError(401, { status: 401, title: 'Unauthorized' });
    const body: { refresh_token: string; organization_id?: string } = { refresh_token: refreshToken };
    if (organizationId) body.organization_id = organizationId;
    const res = await baseFetch(
      new Request(new URL(opts.refreshUrl, globalThis.location?.href ?? 'http://localhost').toString(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      }),
    );
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // keep the text
    }
    if (!res.ok) {
      throw new ApiError(res.status, toProblem(json, res.status), parseRetryAfter(res.headers.get('Retry-After')));
    }
    const tokens = json as TokenResponse;
    opts.tokens.set({
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      organizationId: tokens.organization_id,
    });
    return tokens;
  }

  function refresh(organizationId?: string): Promise<TokenResponse> {
    if (organizationId) return doRefresh(organizationId);
    if (!inflight) {
      inflight = doRefresh().finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  async function refreshOrSignOut(): Promise<string | null> {
    try {
      const t = await refresh();
      return t.access_token;
    } catch (err) {
      // A network error keeps the session; a refusal (401/403/…) ends it.
      if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
        opts.tokens.clear();
        opts.onAuthFailure();
      }
      return null;
    }
  }

  async function authFetch(request: Request): Promise<Response> {
    if (isPublic(request.url)) return baseFetch(request);
    const replay = request.clone();
    let token = opts.tokens.getAccessToken();
    if (!token && opts.tokens.getRefreshToken()) token = await refreshOrSignOut();
    const response = await baseFetch(withToken(request, token));
    if (response.status !== 401 || !opts.tokens.getRefreshToken()) return response;
    const fresh = await refreshOrSignOut();
    if (!fresh) return response;
    return baseFetch(withToken(replay, fresh));
  }

  return { fetch: authFetch, refresh };
}
