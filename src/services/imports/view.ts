import type { ImportRow } from '../../storage/schema.ts';
import type { LineCounts } from './engine.ts';

/** Records an import created and updated, per entity. */
export interface RecordCounts {
  customers: { created: number; updated: number };
  contacts: { created: number; updated: number };
}

/** A warning about the whole import (a duplicate file, ignored columns of a locked source...). */
export interface ImportWarning {
  code: string;
  params?: Record<string, string | number>;
}

/** An import as the API, CLI and web app show it. */
export interface ImportView {
  id: string;
  kind: 'customers' | 'contacts' | 'assignments';
  mode: 'create_update' | 'create_only' | 'update_only';
  status: ImportRow['status'];
  dryRun: boolean;
  fileName: string;
  fileSize: number;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  headerLine: number | null;
  headers: string[];
  mapping: (string | null)[];
  ignoredColumns: string[];
  stage: string | null;
  progress: { linesDone: number; linesTotal: number | null; percent: number | null };
  lines: LineCounts | null;
  records: RecordCounts | null;
  warnings: ImportWarning[];
  refusal: { code: string; params?: Record<string, string | number> } | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  revertedAt: Date | null;
  revertReport: unknown;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(v));

/** Presents an import row. */
export function importView(r: ImportRow): ImportView {
  const total = r.lines_total;
  return {
    id: r.id,
    kind: r.kind,
    mode: r.mode,
    status: r.status,
    dryRun: r.dry_run,
    fileName: r.file_name,
    fileSize: Number(r.file_size),
    format: r.format,
    encoding: r.encoding,
    delimiter: r.delimiter,
    sheet: r.sheet,
    headerLine: r.header_line,
    headers: (r.headers as string[] | null) ?? [],
    mapping: (r.mapping as (string | null)[] | null) ?? [],
    ignoredColumns: (r.ignored_columns as string[] | null) ?? [],
    stage: r.stage,
    progress: {
      linesDone: r.lines_done,
      linesTotal: total,
      percent: total ? Math.min(100, Math.round((r.lines_done / total) * 100)) : null,
    },
    lines: (r.counts as LineCounts | null) ?? null,
    records: (r.records as RecordCounts | null) ?? null,
    warnings: (r.warnings as ImportWarning[] | null) ?? [],
    refusal: (r.refusal as ImportView['refusal']) ?? null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
    revertedAt: date(r.reverted_at),
    revertReport: r.revert_report,
  };
}
