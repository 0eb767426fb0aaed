import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json } from '../test/render';
import { createAuthFetch, type FetchLike } from './authFetch';
import { TokenStore } from './tokens';

const ORIGIN = 'http://localhost:3000';
const tokens = (access: string, refresh: string, org = 'org-1') => ({
  access_token: access,
  refresh_token: refresh,
  token_type: 'Bearer',
  expires_in: 900,
  organization_id: org,
});

/** A fake API: /me needs the "fresh" access token; /auth/refresh rotates "r1" into "r2". */
function fakeServer() {
  const calls: { path: string; auth: string | null; body?: unknown }[] = [];
  const fetch = vi.fn<FetchLike>(async (req) => {
    const path = new URL(req.url).pathname;
    const body = req.method === 'GET' ? undefined : await req.clone().json().catch(() => undefined);
    calls.push({ path, auth: req.headers.get('Authorization'), body });
    if (path === '/api/v1/auth/refresh') {
      const { refresh_token } = body as { refresh_token: string };
      return refresh_token === 'r1' ? json(200, tokens('fresh', 'r2')) : json(401, { status: 401, title: 'Unauthorized', detail: 'revoked' });
    }
    if (req.headers.get('Authorization') !== 'Bearer fresh') return json(401, { status: 401, title: 'Unauthorized' });
    return json(200, { ok: true, echoed: body });
  });
  return { fetch, calls };
}

describe('createAuthFetch', () => {
  let store: TokenStore;
  let onAuthFailure: () => void;

  beforeEach(() => {
    store = new TokenStore();
    store.set({ accessToken: 'stale', refreshToken: 'r1', organizationId: 'org-1' });
    onAuthFailure = vi.fn<() => void>();
  });

  it('refreshes once on a 401, then replays the request (with its body) with the new token', async () => {
    const server = fakeServer();
    const auth = createAuthFetch({ tokens: store, refreshUrl: '/api/v1/auth/refresh', onAuthFailure, baseFetch: server.fetch });

    const res = await auth.fetch(new Request(`${ORIGIN}/api/v1/me`, { method: 'PATCH', body: JSON.stringify({ locale: 'en' }) }));

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, echoed: { locale: 'en' } });
    expect(server.calls.map((c) => [c.path, c.auth])).toEqual([
      ['/api/v1/me', 'Bearer stale'],
      ['/api/v1/auth/refresh', null],
      ['/api/v1/me', 'Bearer fresh'],
    ]);
    expect(store.getRefreshToken()).toBe('r2');
    expect(onAuthFailure).not.toHaveBeenCalled();
  });

  it('shares one refresh between concurrent 401s (a rotated token must never be replayed)', async () => {
    const server = fakeServer();
    const auth = createAuthFetch({ tokens: store, refreshUrl: '/api/v1/auth/refresh', onAuthFailure, baseFetch: server.fetch });

    const results = await Promise.all([1, 2, 3].map(() => auth.fetch(new Request(`${ORIGIN}/api/v1/me`))));

    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(server.calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('clears the session and reports it when the refresh is refused', async () => {
    store.set({ accessToken: 'stale', refreshToken: 'revoked', organizationId: 'org-1' });
    const server = fakeServer();
    const auth = createAuthFetch({ tokens: store, refreshUrl: '/api/v1/auth/refresh', onAuthFailure, baseFetch: server.fetch });

    const res = await auth.fetch(new Request(`${ORIGIN}/api/v1/me`));

    expect(res.status).toBe(401);
    expect(store.isAuthenticated()).toBe(false);
    expect(window.localStorage.getItem('relance.refresh_token')).toBeNull();
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('leaves a failed login alone: a 401 there means wrong credentials', async () => {
    const server = fakeServer();
    const auth = createAuthFetch({ tokens: store, refreshUrl: '/api/v1/auth/refresh', onAuthFailure, baseFetch: server.fetch });

    const res = await auth.fetch(new Request(`${ORIGIN}/api/v1/auth/login`, { method: 'POST', body: '{}' }));

    expect(res.status).toBe(401);
    expect(server.calls).toHaveLength(1);
    expect(store.getRefreshToken()).toBe('r1');
  });

  it('switches organisation by refreshing with organization_id', async () => {
    const server = fakeServer();
    const auth = createAuthFetch({ tokens: store, refreshUrl: '/api/v1/auth/refresh', onAuthFailure, baseFetch: server.fetch });

    await auth.refresh('org-2');

    expect(server.calls[0]?.body).toEqual({ refresh_token: 'r1', organization_id: 'org-2' });
    expect(store.getAccessToken()).toBe('fresh');
  });
});
