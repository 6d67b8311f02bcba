import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client.ts';
import type { Lang, Member, Session } from './types.ts';

export const sessionKey = ['session'] as const;

/** The current session, or null when nobody is logged in. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        const s = await api<Session>('/session');
        setCsrfToken(s.csrfToken);
        return s;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 60_000,
  });
}

/** The session of a page behind login (the layout only renders them once it is there). */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession outside a logged-in page');
  return data;
}

export interface SignUpInput {
  organizationName: string;
  name: string;
  email: string;
  password: string;
  language: Lang;
}

/** Logs in (or signs up): the answer carries the CSRF token, then the session is loaded afresh. */
function useOpenSession<I>(path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => api<{ csrfToken: string }>(path, { method: 'POST', body: input }),
    onSuccess: async (r) => {
      setCsrfToken(r.csrfToken);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      await qc.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

/** Creates an organization and its first admin, and logs in. */
export const useSignUp = () => useOpenSession<SignUpInput>('/auth/sign-up');

/** Logs in with email and password. */
export const useLogin = () =>
  useOpenSession<{ email: string; password: string; organization?: string }>('/auth/login');

/** Accepts an invitation (creating the account when needed) and logs in. */
export const useAcceptInvitation = () =>
  useOpenSession<{ token: string; name?: string; password?: string }>('/invitations/accept');

/** Ends the session and forgets every cached answer. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}

/** Changes the member's own name, language or notification channels. */
export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      input: Partial<Pick<Member, 'name' | 'language'>> & {
        notifications?: Partial<Member['notifications']>;
      },
    ) => api<Member>('/members/me', { method: 'PATCH', body: input }),
    onSuccess: (member) => {
      qc.setQueryData<Session | null>(sessionKey, (s) => (s ? { ...s, member } : s));
      void qc.invalidateQueries({ queryKey: ['members'] });
    },
  });
}
