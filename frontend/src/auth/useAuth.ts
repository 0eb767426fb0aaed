import { useQuery } from '@tanstack/react-query';
import { useContext } from 'react';
import { api, unwrap } from '../api/client';
import type { Me, Role } from '../api/types';
import { AuthContext, type AuthContextValue } from './AuthProvider';

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

export const meQueryKey = ['me'] as const;

/** GET /me: the user, the current organisation with the user's role, and all memberships. */
export function useMe() {
  const { isAuthenticated } = useAuth();
  return useQuery<Me>({
    queryKey: meQueryKey,
    queryFn: () => unwrap(api.GET('/api/v1/me')),
    enabled: isAuthenticated,
    staleTime: 60_000,
  });
}

const RANK: Record<Role, number> = { viewer: 0, collector: 1, admin: 2, owner: 3 };

/** Whether `role` is at least `min` in owner > admin > collector > viewer. */
export function hasRole(role: Role | undefined, min: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[min];
}

/** The user's role in the current organisation (undefined while /me loads). */
export function useRole(): Role | undefined {
  return useMe().data?.organization.role;
}

/** Whether the user may change the ledger (collectors and above; viewers only read). */
export function useCanWrite(): boolean {
  return hasRole(useRole(), 'collector');
}
