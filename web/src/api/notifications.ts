import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client.ts';
import type { AppNotification, Page } from './types.ts';

const key = ['notifications'] as const;

/**
 * The member's latest notifications and unread count, polled every 20 seconds. Resolves null when the server
 * has no notifications endpoint (an older server): the bell is then hidden instead of showing an error.
 */
export function useNotifications() {
  return useQuery({
    queryKey: key,
    queryFn: async () => {
      try {
        return await api<Page<AppNotification> & { unreadCount: number }>('/notifications?limit=10');
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    refetchInterval: (q) => (q.state.data === null ? false : 20_000),
    retry: false,
  });
}

/** Marks one notification, or all of them, read. */
export function useReadNotifications() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  return {
    one: useMutation({
      mutationFn: (id: string) => api<AppNotification>(`/notifications/${id}/read`, { method: 'POST' }),
      onSuccess: refresh,
    }),
    all: useMutation({
      mutationFn: () => api<{ updated: number }>('/notifications/read-all', { method: 'POST' }),
      onSuccess: refresh,
    }),
  };
}
