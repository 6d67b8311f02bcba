import {
  applyManualMapping,
  type HeaderMatch,
  headerSignature,
  type ManualMapping,
  matchHeaders,
} from '../../domain/header-matching.ts';
import type { ImportKind } from '../../domain/import-fields.ts';
import type { Lang } from '../../domain/messages/index.ts';
import type { CodedError } from '../../domain/result.ts';
import { findMapping } from '../../storage/imports.ts';
import type { ImportRow } from '../../storage/schema.ts';
import { inOrganization, type ServiceContext } from '../context.ts';

/** The mapping for a new file: the one remembered for the same headers, else matched by name. */
export async function initialMapping(
  ctx: ServiceContext,
  organizationId: string,
  kind: ImportKind,
  headers: string[],
  lang: Lang,
): Promise<HeaderMatch & { remembered: boolean }> {
  ctx = inOrganization(ctx, organizationId);
  const remembered = await findMapping(ctx.db, organizationId, kind, headerSignature(headers));
  if (remembered) {
    const match = applyManualMapping(kind, headers, remembered.mapping as ManualMapping, lang);
    if (match.problems.length === 0) return { ...match, remembered: true };
  }
  return { ...matchHeaders(kind, headers, lang), remembered: false };
}

/** The file-level problems of an import's current mapping (none: its lines may run). */
export function mappingProblems(imp: ImportRow, lang: Lang): CodedError[] {
  const headers = (imp.headers as string[] | null) ?? [];
  const mapping = (imp.mapping as (string | null)[] | null) ?? [];
  if (!imp.headers) return [];
  const manual: ManualMapping = mapping.map((field, column) => ({ column, field }));
  return applyManualMapping(imp.kind, headers, manual, lang).problems;
}

/** The mapping as a person would state it (column header -> field), to remember it. */
export function toManual(headers: string[], mapping: (string | null)[]): ManualMapping {
  return headers.map((header, i) => ({ column: header, field: mapping[i] ?? null }));
}
