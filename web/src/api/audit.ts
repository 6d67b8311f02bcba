import { useInfiniteQuery } from '@tanstack/react-query';
import { api, query } from './client.ts';
import type { Page } from './types.ts';

/** A field's value before and after a change. */
export interface AuditChange {
  before: unknown;
  after: unknown;
}

/** One event of the audit log, as GET /audit-events answers it. */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  action: string;
  actor: { label: string; memberId: string | null; userId: string | null; via: string };
  targetType: string | null;
  targetId: string | null;
  summary: Record<string, unknown> & { changes?: Record<string, AuditChange> };
}

/** The organization's audit log (admins), newest first, a page at a time; `action` keeps actions starting with it. */
export function useAuditEvents(action: string | null, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['audit-events', action ?? ''],
    queryFn: ({ pageParam }) =>
      api<Page<AuditEvent>>(`/audit-events${query({ limit: 50, action, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}
