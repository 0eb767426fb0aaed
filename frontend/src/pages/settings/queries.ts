// Server state of the settings pages (TanStack Query over the typed client).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ApiKeyRole, InvitationStatus, ListQuery, Role } from '../../api/types';

export const keys = {
  members: ['members'] as const,
  invitations: ['invitations'] as const,
  apiKeys: ['api-keys'] as const,
};

/** GET /members: collectors and above (viewers get 403: pass enabled=false for them). */
export function useMembers(query: ListQuery, enabled = true) {
  return useQuery({
    queryKey: [...keys.members, query],
    queryFn: () => unwrap(api.GET('/api/v1/members', { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInvitations(query: ListQuery & { status?: InvitationStatus }) {
  return useQuery({
    queryKey: [...keys.invitations, query],
    queryFn: () => unwrap(api.GET('/api/v1/invitations', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useApiKeys(query: ListQuery) {
  return useQuery({
    queryKey: [...keys.apiKeys, query],
    queryFn: () => unwrap(api.GET('/api/v1/api-keys', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate(key: readonly string[]) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: key });
}

export function useChangeRole() {
  const invalidate = useInvalidate(keys.members);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(api.PATCH('/api/v1/members/{user_id}', { params: { path: { user_id: userId } }, body: { role } })),
    onSettled: invalidate,
  });
}

export function useRemoveMember() {
  const invalidate = useInvalidate(keys.members);
  return useMutation({
    mutationFn: (userId: string) => unwrap(api.DELETE('/api/v1/members/{user_id}', { params: { path: { user_id: userId } } })),
    onSettled: invalidate,
  });
}

export function useInvite() {
  const invalidate = useInvalidate(keys.invitations);
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) => unwrap(api.POST('/api/v1/invitations', { body })),
    onSuccess: invalidate,
  });
}

export function useRevokeInvitation() {
  const invalidate = useInvalidate(keys.invitations);
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/invitations/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}

export function useCreateApiKey() {
  const invalidate = useInvalidate(keys.apiKeys);
  return useMutation({
    mutationFn: (body: { name: string; role: ApiKeyRole }) => unwrap(api.POST('/api/v1/api-keys', { body })),
    onSuccess: invalidate,
  });
}

export function useRevokeApiKey() {
  const invalidate = useInvalidate(keys.apiKeys);
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
    onSettled: invalidate,
  });
}
