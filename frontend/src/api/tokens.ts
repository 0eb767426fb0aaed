// Session tokens: the access token lives in memory (mirrored in sessionStorage so a reload
// keeps it), the refresh token in localStorage so a new tab stays signed in.

const ACCESS_KEY = 'relance.access_token';
const REFRESH_KEY = 'relance.refresh_token';
const ORG_KEY = 'relance.organization_id';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  organizationId: string;
}

type Listener = () => void;

function read(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: Storage | undefined, key: string, value: string | null): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // Storage can be unavailable (private mode, quota): the in-memory copy still works.
  }
}

const session = typeof window === 'undefined' ? undefined : window.sessionStorage;
const local = typeof window === 'undefined' ? undefined : window.localStorage;

/** A small observable store for the tokens, readable outside React (the fetch wrapper) and inside it. */
export class TokenStore {
  private accessToken: string | null = read(session, ACCESS_KEY);
  private refreshToken: string | null = read(local, REFRESH_KEY);
  private organizationId: string | null = read(local, ORG_KEY);
  private listeners = new Set<Listener>();

  constructor() {
    // Another tab that refreshed (rotated) or signed out: follow it, never replay its old token.
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (e) => {
        if (e.key === REFRESH_KEY) this.refreshToken = e.newValue;
        else if (e.key === ORG_KEY) this.organizationId = e.newValue;
        else return;
        if (e.newValue === null) this.accessToken = null;
        this.emit();
      });
    }
  }

  getAccessToken(): string | null {
    return this.accessToken;
  }

  getRefreshToken(): string | null {
    return this.refreshToken;
  }

  getOrganizationId(): string | null {
    return this.organizationId;
  }

  isAuthenticated(): boolean {
    return this.refreshToken !== null;
  }

  set(tokens: SessionTokens): void {
    this.accessToken = tokens.accessToken;
    this.refreshToken = tokens.refreshToken;
    this.organizationId = tokens.organizationId;
    write(session, ACCESS_KEY, tokens.accessToken);
    write(local, REFRESH_KEY, tokens.refreshToken);
    write(local, ORG_KEY, tokens.organizationId);
    this.emit();
  }

  clear(): void {
    this.accessToken = null;
    this.refreshToken = null;
    this.organizationId = null;
    write(session, ACCESS_KEY, null);
    write(local, REFRESH_KEY, null);
    write(local, ORG_KEY, null);
    this.emit();
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export const tokenStore = new TokenStore();
