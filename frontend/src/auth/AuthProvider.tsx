import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { api, onAuthFailure, session } from '../api/client';
import { tokenStore } from '../api/tokens';
import type { TokenResponse } from '../api/types';

export interface AuthContextValue {
  isAuthenticated: boolean;
  organizationId: string | null;
  /** Stores the tokens returned by login, signup or invitation acceptance. */
  signIn: (tokens: TokenResponse) => void;
  /** Revokes the refresh token on the server (best effort) and forgets the session. */
  signOut: () => Promise<void>;
  /** Re-issues the session for another organisation, then refetches everything. */
  switchOrganization: (organizationId: string) => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const isAuthenticated = useSyncExternalStore(tokenStore.subscribe, () => tokenStore.isAuthenticated());
  const organizationId = useSyncExternalStore(tokenStore.subscribe, () => tokenStore.getOrganizationId());

  useEffect(() => onAuthFailure(() => queryClient.clear()), [queryClient]);

  const signIn = useCallback(
    (t: TokenResponse) => {
      queryClient.clear();
      tokenStore.set({ accessToken: t.access_token, refreshToken: t.refresh_token, organizationId: t.organization_id });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    const refreshToken = tokenStore.getRefreshToken();
    if (refreshToken) {
      try {
        await api.POST('/api/v1/auth/logout', { body: { refresh_token: refreshToken } });
      } catch {
        // Offline: the token expires on its own; forget it locally anyway.
      }
    }
    tokenStore.clear();
    queryClient.clear();
  }, [queryClient]);

  const switchOrganization = useCallback(
    async (id: string) => {
      await session.refresh(id);
      await queryClient.invalidateQueries();
    },
    [queryClient],
  );

  const value = useMemo(
    () => ({ isAuthenticated, organizationId, signIn, signOut, switchOrganization }),
    [isAuthenticated, organizationId, signIn, signOut, switchOrganization],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
