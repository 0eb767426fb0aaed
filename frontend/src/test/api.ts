// The API as the page tests stub it: fetch answered in the test, every request recorded.
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { tokenStore } from '../api/tokens';
import type { Role } from '../api/types';
import { changeLanguage, type Language } from '../i18n';
import { json } from './render';

/** A request the page sent, as the tests look at it. */
export interface SentRequest {
  method: string;
  path: string;
  /** The query string, with its "?" ("" without one). */
  search: string;
  params: URLSearchParams;
  /** The JSON body (a FormData for a multipart one); undefined for a GET or an empty body. */
  body?: unknown;
  headers: Headers;
}

/** Answers one request; undefined lets it fall to a 404. */
export type ApiAnswer = (r: SentRequest) => Response | undefined | Promise<Response | undefined>;

const NOT_FOUND = () => json(404, { status: 404, title: 'Not Found' });

async function readBody(req: Request): Promise<unknown> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const type = req.headers.get('Content-Type') ?? '';
  if (type.includes('form-data')) return req.formData().catch(() => undefined);
  return req.json().catch(() => undefined);
}

/** Replaces fetch with `handler`; returns the mock, to count or read its calls. */
export function stubFetch(handler: (req: Request) => Response | Promise<Response>) {
  const fetch = vi.fn(async (input: RequestInfo | URL) => handler(input instanceof Request ? input : new Request(input)));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

/**
 * For a describe block: before each test, signs in to organization o-1, speaks `language` and
 * answers the API with `answer` (a 404 for what it leaves); after it, signs out and puts fetch back.
 * Returns the requests of the running test, in the order they were sent.
 */
export function useApi(answer: ApiAnswer, { language = 'en' }: { language?: Language } = {}): SentRequest[] {
  const requests: SentRequest[] = [];
  beforeEach(() => {
    requests.length = 0;
    tokenStore.set({ accessToken: 'a', refreshToken: 'r', organizationId: 'o-1' });
    stubFetch(async (req) => {
      const url = new URL(req.url);
      const sent: SentRequest = { method: req.method, path: url.pathname, search: url.search, params: url.searchParams, body: await readBody(req), headers: req.headers };
      requests.push(sent);
      return (await answer(sent)) ?? NOT_FOUND();
    });
  });
  afterEach(() => tokenStore.clear());
  // Registered last, so that its afterEach (unmount, then fetch put back) runs before sign-out.
  useLanguage(language);
  return requests;
}

/** For a describe block: each test speaks `language`; after it, fetch is put back. */
export function useLanguage(language: Language) {
  beforeEach(async () => {
    await act(() => changeLanguage(language, false));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });
}

/** What GET /me answers for Camille Démo, of Démo SARL, with `role`. */
export function me(role: Role = 'admin') {
  return {
    user: { id: 'u-1', email: 'demo@relance.test', name: 'Camille Démo', locale: 'en' },
    organization: { id: 'o-1', name: 'Démo SARL', role },
    memberships: [{ organization_id: 'o-1', organization_name: 'Démo SARL', role }],
  };
}

/** An empty page of a list. */
export const NO_ITEMS = { items: [], total: 0 };
