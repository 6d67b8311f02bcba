import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { sessionKey } from './session.ts';
import type { ApiKey, DunningPlan, DunningStep, Invitation, Member, Organization } from './types.ts';

/** A list resource of the organization: its query and the mutations that refresh it. */
function useList<T>(key: string, path: string, enabled = true) {
  return useQuery({
    queryKey: [key],
    queryFn: () => api<{ items: T[] }>(path),
    select: (r) => r.items,
    enabled,
  });
}

function useWrite<V, R>(key: string, fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: [key] }) });
}

/** The organization's members. */
export const useMembers = () => useList<Member>('members', '/members');

/** Changes a member's role (admins). */
export const useChangeRole = () =>
  useWrite('members', ({ id, role }: { id: string; role: Member['role'] }) =>
    api<Member>(`/members/${id}`, { method: 'PATCH', body: { role } }),
  );

/** Removes a member (admins). */
export const useRemoveMember = () =>
  useWrite('members', (id: string) => api<void>(`/members/${id}`, { method: 'DELETE' }));

/** The organization's invitations (admins see them all). */
export const useInvitations = (enabled: boolean) =>
  useList<Invitation>('invitations', '/invitations', enabled);

/** Invites a person by email; the answer carries the link to send them. */
export const useInvite = () =>
  useWrite('invitations', (body: { email: string; role: Member['role'] }) =>
    api<Invitation>('/invitations', { method: 'POST', body }),
  );

/** Withdraws a pending invitation. */
export const useRevokeInvitation = () =>
  useWrite('invitations', (id: string) => api<void>(`/invitations/${id}`, { method: 'DELETE' }));

/** The organization's dunning plans. */
export const useDunningPlans = () => useList<DunningPlan>('dunning-plans', '/dunning-plans');

/** Creates a plan, or renames it and replaces its steps when an id is given. */
export const useSavePlan = () =>
  useWrite('dunning-plans', ({ id, ...body }: { id?: string; name: string; steps: DunningStep[] }) =>
    id
      ? api<DunningPlan>(`/dunning-plans/${id}`, { method: 'PATCH', body })
      : api<DunningPlan>('/dunning-plans', { method: 'POST', body }),
  );

/** Deletes a plan. */
export const useDeletePlan = () =>
  useWrite('dunning-plans', (id: string) => api<void>(`/dunning-plans/${id}`, { method: 'DELETE' }));

/** The organization's API keys. */
export const useApiKeys = () => useList<ApiKey>('api-keys', '/api-keys');

/** Creates an API key; the answer is the only time the key is shown. */
export const useCreateApiKey = () =>
  useWrite('api-keys', (name: string) => api<ApiKey>('/api-keys', { method: 'POST', body: { name } }));

/** Revokes an API key. */
export const useRevokeApiKey = () =>
  useWrite('api-keys', (id: string) => api<void>(`/api-keys/${id}`, { method: 'DELETE' }));

/** A feature someone asked for, waiting for an operator to turn it on. */
export interface FeatureRequest {
  id: string;
  flag: string;
  requestedBy: string | null;
  requestedAt: string;
}

/** The organization's settings as GET /organization answers them. */
export type OrganizationSettings = Organization & { pendingFeatureRequests: FeatureRequest[] };

/** What an admin may change; a null Slack webhook removes it. */
export interface OrganizationPatch {
  sourceSystem?: string;
  mainContactFromIntegration?: boolean;
  customersUpdatableByFiles?: boolean;
  defaultCountry?: string;
  defaultLanguage?: string;
  slackWebhookUrl?: string | null;
}

/** The organization's settings, enabled features and pending feature requests. */
export const useOrganizationSettings = (enabled = true) =>
  useQuery({
    queryKey: ['organization'],
    queryFn: () => api<OrganizationSettings>('/organization'),
    enabled,
  });

/** Changes settings (admins); the session's copy of the organization is refreshed too (the menus read it). */
export function useUpdateOrganization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganizationPatch) =>
      api<OrganizationSettings>('/organization', { method: 'PATCH', body: patch }),
    onSuccess: (o) => {
      qc.setQueryData(['organization'], o);
      void qc.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

/** Asks for a feature to be turned on; the pending request then shows in the organization's settings. */
export const useRequestFeature = () =>
  useWrite('organization', (flag: string) =>
    api<{ flag: string; status: 'pending' | 'enabled' }>('/feature-requests', {
      method: 'POST',
      body: { flag },
    }),
  );
