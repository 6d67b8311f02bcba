import type { ImportKind } from '../../domain/import-fields.ts';
import type { ImportRow } from '../../storage/schema.ts';
import type { LineCounts } from './engine.ts';

/** Records an import created and updated, per entity. */
export interface RecordCounts {
  customers: { created: number; updated: number };
  contacts: { created: number; updated: number };
  invoices: { created: number; updated: number };
}

/** A warning about the whole import (a duplicate file, ignored columns of a locked source...). */
export interface ImportWarning {
  code: string;
  params?: Record<string, string | number>;
}

/** An import as the API, CLI and web app show it. */
export interface ImportView {
  id: string;
  kind: ImportKind;
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

/**
 * How far an import has gone: by lines when their number is known (from a preview), else by the bytes of the file
 * read so far (a CSV streams; a workbook is read whole first, so it shows no percentage until then).
 */
function progressPercent(r: ImportRow): number | null {
  if (['success', 'error', 'reverted', 'reverting'].includes(r.status)) return 100;
  if (r.lines_total) return Math.min(100, Math.round((r.lines_done / r.lines_total) * 100));
  if (r.format === 'csv' && r.file_size > 0 && r.bytes_done > 0) {
    return Math.min(99, Math.round((Number(r.bytes_done) / Number(r.file_size)) * 100));
  }
  return null;
}

/** The stored record counts; imports counted before invoices could be imported read 0 invoices. */
function recordCounts(json: unknown): RecordCounts | null {
  if (json === null || json === undefined) return null;
  const stored = json as Partial<RecordCounts>;
  const zero = { created: 0, updated: 0 };
  return {
    customers: stored.customers ?? zero,
    contacts: stored.contacts ?? zero,
    invoices: stored.invoices ?? zero,
  };
}

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
      percent: progressPercent(r),
    },
    lines: (r.counts as LineCounts | null) ?? null,
    records: recordCounts(r.records),
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
