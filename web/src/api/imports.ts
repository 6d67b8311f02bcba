import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, uploadForm } from './client.ts';
import {
  type ImportChange,
  type ImportDetail,
  type ImportKind,
  type ImportLineError,
  type ImportMode,
  type ImportSummary,
  type Page,
  RUNNING_STATUSES,
} from './types.ts';

const importKey = (id: string) => ['imports', id] as const;

/** One import; polled every second while its background work runs (apply, revert). */
export function useImport(id: string | undefined) {
  return useQuery({
    queryKey: importKey(id ?? ''),
    queryFn: () => api<ImportDetail>(`/imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data && RUNNING_STATUSES.includes(q.state.data.status) ? 1000 : false),
  });
}

/** The import history, newest first, a page at a time; refreshed while one of its imports runs. */
export function useImportHistory() {
  return useInfiniteQuery({
    queryKey: ['imports', 'history'],
    queryFn: ({ pageParam }) =>
      api<Page<ImportSummary>>(`/imports${query({ limit: 50, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((i) => RUNNING_STATUSES.includes(i.status)))
        ? 3000
        : false,
  });
}

/** The refused cells of an import, in file order, a page at a time. */
export function useImportErrors(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['imports', id, 'errors'],
    queryFn: ({ pageParam }) =>
      api<Page<ImportLineError>>(`/imports/${id}/errors${query({ limit: 100, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** What each line of an applied import wrote, a page at a time. */
export function useImportChanges(id: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['imports', id, 'changes'],
    queryFn: ({ pageParam }) =>
      api<Page<ImportChange>>(`/imports/${id}/changes${query({ limit: 100, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** Uploads a file to import, reporting the upload's progress. */
export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { kind: ImportKind; mode: ImportMode; file: File; onProgress: (f: number) => void }) =>
      uploadForm<ImportDetail>(
        '/imports',
        [
          ['kind', v.kind],
          ['mode', v.mode],
          ['file', v.file, v.file.name],
        ],
        v.onProgress,
      ),
    onSuccess: (d) => {
      qc.setQueryData(importKey(d.id), d);
      void qc.invalidateQueries({ queryKey: ['imports', 'history'] });
    },
    // A refused file is kept in the history as failed.
    onError: () => qc.invalidateQueries({ queryKey: ['imports', 'history'] }),
  });
}

/** An action on one import that answers the import's new state (mapping, preview, apply, revert). */
function useImportAction<V>(id: string, request: (v: V) => Promise<ImportDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (d) => {
      qc.setQueryData(importKey(id), d);
      void qc.invalidateQueries({ queryKey: ['imports', id, 'errors'] });
      void qc.invalidateQueries({ queryKey: ['imports', id, 'changes'] });
      void qc.invalidateQueries({ queryKey: ['imports', 'history'] });
    },
  });
}

/** Saves the whole mapping (every column: a field or null), remembered for files with the same headers. */
export const useSetMapping = (id: string) =>
  useImportAction(id, (mapping: (string | null)[]) =>
    api<ImportDetail>(`/imports/${id}/mapping`, {
      method: 'PUT',
      body: { mapping: mapping.map((field, column) => ({ column, field })) },
    }),
  );

/** Runs every check and counts what would happen, writing nothing. */
export const usePreviewImport = (id: string) =>
  useImportAction(id, () => api<ImportDetail>(`/imports/${id}/preview`, { method: 'POST' }));

/** Applies the import in the background (poll useImport for progress). */
export const useApplyImport = (id: string) =>
  useImportAction(id, () => api<ImportDetail>(`/imports/${id}/apply`, { method: 'POST' }));

/** Reverts an applied import; its data is gone, so customers are refreshed too. */
export function useRevertImport(id: string) {
  const qc = useQueryClient();
  const m = useImportAction(id, () => api<ImportDetail>(`/imports/${id}/revert`, { method: 'POST' }));
  return {
    ...m,
    mutateAsync: async () => {
      const r = await m.mutateAsync(undefined);
      await qc.invalidateQueries({ queryKey: ['customers'] });
      return r;
    },
  };
}
