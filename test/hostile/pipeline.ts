/**
 * Runs a file end to end through the import services (upload, mapping, preview, apply) and says how it ended: a
 * coded refusal at some stage, or an import with its summary. Any exception escapes and fails the test; a refusal
 * must carry a code of its own (never `internal_error`) and leave the import recorded as failed with that code.
 */
import { expect } from 'vitest';
import type { ManualMapping } from '../../src/domain/header-matching.ts';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { applyImport } from '../../src/services/imports/apply-import.ts';
import { previewImport } from '../../src/services/imports/preview-import.ts';
import { setImportMapping } from '../../src/services/imports/set-import-mapping.ts';
import { type ImportSummary, importSummary } from '../../src/services/imports/summary.ts';
import { uploadImport } from '../../src/services/imports/upload-import.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { dataFingerprint } from '../helpers/imports.ts';

export type Stage = 'upload' | 'mapping' | 'preview' | 'apply';

export type Outcome =
  | {
      refused: true;
      stage: Stage;
      code: string;
      params: Record<string, unknown>;
      /** Codes of the per-problem details (a mapping refused for two reasons has two). */
      details: string[];
      importId: string | null;
    }
  | { refused: false; importId: string; summary: ImportSummary };

export interface RunOptions {
  /** Stop after the preview (nothing is written). */
  dryRun?: boolean;
  /** Skip the preview and apply at once. */
  applyOnly?: boolean;
  mapping?: ManualMapping;
  mode?: string;
}

const SLICE = 1024 * 1024;

async function* slices(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += SLICE) yield bytes.subarray(i, i + SLICE);
}

async function storedRefusal(ctx: ServiceContext, importId: string) {
  const { rows } = await ctx.system.pool.query('select status, refusal from imports where id = $1', [
    importId,
  ]);
  return rows[0] as { status: string; refusal: { code: string } | null };
}

/** Uploads a file and takes it as far as it goes. */
export async function runFile(
  ctx: ServiceContext,
  actor: Actor,
  kind: string,
  bytes: Buffer,
  fileName: string,
  opts: RunOptions = {},
): Promise<Outcome> {
  const uploaded = await uploadImport(ctx, actor, {
    kind,
    mode: opts.mode,
    fileName,
    body: slices(bytes),
    dryRun: opts.dryRun ?? false,
  });
  if (!uploaded.ok) {
    const { importId, ...params } = uploaded.error.params ?? {};
    expect(uploaded.error.code).not.toBe('internal_error');
    if (typeof importId === 'string') {
      expect(await storedRefusal(ctx, importId)).toMatchObject({
        status: 'failed',
        refusal: { code: uploaded.error.code },
      });
    }
    return refusal('upload', uploaded.error, params, typeof importId === 'string' ? importId : null);
  }
  const id = uploaded.value.id;
  if (opts.mapping) {
    const mapped = await setImportMapping(ctx, actor, id, opts.mapping);
    if (!mapped.ok) return refusal('mapping', mapped.error, mapped.error.params ?? {}, id);
  }
  const stages: ('preview' | 'apply')[] = opts.applyOnly
    ? ['apply']
    : opts.dryRun
      ? ['preview']
      : ['preview', 'apply'];
  for (const stage of stages) {
    const run = stage === 'preview' ? await previewImport(ctx, actor, id) : await applyImport(ctx, actor, id);
    if (!run.ok) return refusal(stage, run.error, run.error.params ?? {}, id);
    if (run.value.status === 'failed') {
      const refused = run.value.refusal;
      expect(refused?.code).toBeTruthy();
      expect(refused?.code).not.toBe('internal_error');
      return refusal(stage, refused!, refused?.params ?? {}, id);
    }
  }
  const summary = await importSummary(ctx, actor, id);
  if (!summary.ok) throw new Error(`no summary: ${summary.error.code}`);
  return { refused: false, importId: id, summary: summary.value };
}

function refusal(
  stage: Stage,
  error: { code: string; fields?: { code: string }[] },
  params: Record<string, unknown>,
  importId: string | null,
): Outcome {
  return {
    refused: true,
    stage,
    code: error.code,
    params,
    details: (error.fields ?? []).map((f) => f.code),
    importId,
  };
}

/** Asserts a refusal and returns it, for its code and parameters. */
export function refused(outcome: Outcome): Extract<Outcome, { refused: true }> {
  if (!outcome.refused) {
    throw new Error(`expected a refusal, the file imported: ${JSON.stringify(outcome.summary.lines)}`);
  }
  return outcome;
}

/** Asserts an import and returns its summary. */
export function imported(outcome: Outcome): ImportSummary {
  if (outcome.refused)
    throw new Error(`expected an import, the file was refused: ${JSON.stringify(outcome)}`);
  return outcome.summary;
}

/**
 * An organization holding one customer with one contact, so that "nothing written" compares real data; `check`
 * asserts that its customers and contacts are exactly as they were.
 */
export async function seededOrganization(ctx: ServiceContext) {
  const actor = await buildOrganization(ctx);
  const customer = await buildCustomer(ctx, actor, {
    name: 'Société Générale',
    externalId: 'SG-1',
    city: 'Paris',
  });
  await buildContact(ctx, actor, customer.id, { email: 'jean@sg.fr', firstName: 'Jean' });
  const before = await dataFingerprint(ctx, actor.organizationId);
  return {
    actor,
    customerId: customer.id,
    /** Asserts that nothing was written to customers or contacts. */
    async unchanged(): Promise<void> {
      expect(await dataFingerprint(ctx, actor.organizationId)).toEqual(before);
    },
  };
}

/**
 * Runs a file and asserts it is refused with a code (at a stage, when given: a small workbook is read whole at
 * upload, so where a refusal surfaces depends on the format), nothing written; returns the refusal.
 */
export async function expectRefused(
  ctx: ServiceContext,
  org: Awaited<ReturnType<typeof seededOrganization>>,
  file: { kind?: string; bytes: Buffer; name: string; opts?: RunOptions },
  expected: { stage?: Stage; code: string; params?: Record<string, unknown> },
) {
  const outcome = refused(
    await runFile(ctx, org.actor, file.kind ?? 'customers', file.bytes, file.name, file.opts),
  );
  expect(outcome.code).toBe(expected.code);
  if (expected.stage) expect(outcome.stage).toBe(expected.stage);
  if (expected.params) expect(outcome.params).toEqual(expected.params);
  await org.unchanged();
  return outcome;
}
