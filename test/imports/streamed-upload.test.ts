import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startQueue } from '../../src/main/worker.ts';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { applyImport } from '../../src/services/imports/apply-import.ts';
import { previewImport } from '../../src/services/imports/preview-import.ts';
import { recoverImports } from '../../src/services/imports/recover-imports.ts';
import { beginUpload, UPLOAD_CHUNK_BYTES } from '../../src/services/imports/upload-import.ts';
import { findImport } from '../../src/storage/imports.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext, databaseUrlOf } from '../helpers/db.ts';
import { customersOf } from '../helpers/imports.ts';

// The command line runs an import while its file is still being stored (beginUpload): these hold the file's last
// bytes back, to see the run under way before the upload ends, and break uploads off under a run.
const ctx: ServiceContext = await createTestContext();
const queue = await startQueue(databaseUrlOf(ctx));
afterAll(async () => {
  await queue.boss.stop({ graceful: false, wait: true, timeout: 5000 });
});

const LINES = 12_000;

/** A customers file of about three stored chunks: each line carries a long note no field is mapped to. */
function customersFile(): Buffer {
  const note = 'n'.repeat(220);
  const rows = ['Customer name,Customer external ID,City,Notes'];
  for (let i = 0; i < LINES; i++) rows.push(`Client ${i},EXT-${i},Lyon,${note}`);
  const bytes = Buffer.from(`${rows.join('\n')}\n`);
  expect(bytes.length).toBeGreaterThan(2 * UPLOAD_CHUNK_BYTES);
  return bytes;
}

/** A gate a body waits at: open() lets it go on. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * The file's bytes a chunk at a time; before its last piece, it waits at `held` and then, with `breakOff`, throws
 * instead of giving it.
 */
async function* heldBack(bytes: Buffer, held: Promise<void>, breakOff?: Error): AsyncGenerator<Buffer> {
  const last = Math.floor((bytes.length - 1) / UPLOAD_CHUNK_BYTES) * UPLOAD_CHUNK_BYTES;
  for (let at = 0; at < last; at += UPLOAD_CHUNK_BYTES) yield bytes.subarray(at, at + UPLOAD_CHUNK_BYTES);
  await held;
  if (breakOff) throw breakOff;
  yield bytes.subarray(last);
}

async function statusOf(actor: Actor, id: string): Promise<string | undefined> {
  return (await findImport(ctx.system.db, actor.organizationId, id))?.status;
}

async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function chunksOf(actor: Actor, id: string): Promise<number> {
  const { rows } = await ctx.system.pool.query(
    'select count(*)::int as n from import_file_chunks where organization_id = $1 and import_id = $2',
    [actor.organizationId, id],
  );
  return rows[0].n;
}

describe('an import run while its file is stored', () => {
  it('starts before the last bytes arrive, reads them all, and records the stored file before it concludes', async () => {
    const actor = await buildOrganization(ctx);
    const bytes = customersFile();
    const last = gate();
    const begun = await beginUpload(ctx, actor, {
      kind: 'customers',
      fileName: 'customers.csv',
      body: heldBack(bytes, last.opened),
    });
    if (!begun.ok) throw new Error(JSON.stringify(begun.error));
    const { view, upload } = begun.value;
    expect(view.headers).toEqual(['Customer name', 'Customer external ID', 'City', 'Notes']);

    // A run not handed the upload refuses a file not stored whole.
    const elsewhere = await previewImport(ctx, actor, view.id);
    expect(elsewhere.ok ? elsewhere.value.status : elsewhere.error.code).toBe('import_not_ready');

    const run = applyImport(ctx, actor, view.id, upload);
    await until(async () => (await statusOf(actor, view.id)) === 'applying');
    // Under way, the file's last piece still held back.
    last.open();
    const applied = await run;
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    expect(applied.value.status).toBe('success');
    expect(applied.value.lines).toMatchObject({ created: LINES, error: 0 });
    // Recorded before the run concluded, not by whoever asks finished() afterwards.
    const row = await findImport(ctx.system.db, actor.organizationId, view.id);
    expect(row?.file_sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(Number(row?.file_size)).toBe(bytes.length);
    expect(await upload.finished()).toEqual({
      ok: true,
      value: { size: bytes.length, sha256: row?.file_sha256 },
    });
    expect(await customersOf(ctx, actor.organizationId)).toHaveLength(LINES);
  }, 60_000);

  it('broken off under an apply: the import fails as interrupted, writes nothing and keeps no chunk', async () => {
    const actor = await buildOrganization(ctx);
    const last = gate();
    const gone = new Error('client gone');
    const begun = await beginUpload(ctx, actor, {
      kind: 'customers',
      fileName: 'customers.csv',
      body: heldBack(customersFile(), last.opened, gone),
    });
    if (!begun.ok) throw new Error(JSON.stringify(begun.error));
    const { view, upload } = begun.value;
    const run = applyImport(ctx, actor, view.id, upload);
    await until(async () => (await statusOf(actor, view.id)) === 'applying');
    last.open();
    const applied = await run;
    if (!applied.ok) throw new Error(JSON.stringify(applied.error));
    expect(applied.value.status).toBe('failed');
    expect(applied.value.refusal).toEqual({ code: 'upload_interrupted' });
    await expect(upload.finished()).rejects.toBe(gone);
    expect(await customersOf(ctx, actor.organizationId)).toEqual([]);
    expect(await chunksOf(actor, view.id)).toBe(0);
    expect(await statusOf(actor, view.id)).toBe('failed');
  }, 60_000);

  it('past the size limit under a preview: the import fails as too large and keeps no chunk', async () => {
    const actor = await buildOrganization(ctx);
    const small: ServiceContext = {
      ...ctx,
      settings: { ...ctx.settings, files: { ...ctx.settings.files, maxBytes: 2 * UPLOAD_CHUNK_BYTES } },
    };
    const last = gate();
    const begun = await beginUpload(small, actor, {
      kind: 'customers',
      fileName: 'customers.csv',
      body: heldBack(customersFile(), last.opened),
      dryRun: true,
    });
    if (!begun.ok) throw new Error(JSON.stringify(begun.error));
    const { view, upload } = begun.value;
    const run = previewImport(small, actor, view.id, upload);
    await until(async () => (await statusOf(actor, view.id)) === 'previewing');
    last.open();
    const previewed = await run;
    if (!previewed.ok) throw new Error(JSON.stringify(previewed.error));
    expect(previewed.value.status).toBe('failed');
    expect(previewed.value.refusal).toEqual({ code: 'file_too_large', params: { limit: '2 MB' } });
    const finished = await upload.finished();
    expect(finished.ok ? 'stored' : finished.error.code).toBe('file_too_large');
    expect(await chunksOf(actor, view.id)).toBe(0);
  }, 60_000);

  it('whose process died before the file was stored whole: recovery fails it instead of running it again', async () => {
    const actor = await buildOrganization(ctx);
    const last = gate();
    const begun = await beginUpload(ctx, actor, {
      kind: 'customers',
      fileName: 'customers.csv',
      body: heldBack(customersFile(), last.opened, new Error('process gone')),
    });
    if (!begun.ok) throw new Error(JSON.stringify(begun.error));
    const { view, upload } = begun.value;
    // As a command line that died while applying leaves it: applying, no live run, part of its file stored.
    await ctx.system.pool.query(
      `update imports set status = 'applying', started_at = now() - interval '1 hour'
        where organization_id = $1 and id = $2`,
      [actor.organizationId, view.id],
    );
    expect(await chunksOf(actor, view.id)).toBeGreaterThan(0);
    const recovered = await recoverImports({ ...ctx, jobs: queue.jobs });
    expect(recovered).not.toContain(view.id);
    const row = await findImport(ctx.system.db, actor.organizationId, view.id);
    expect(row?.status).toBe('failed');
    expect(row?.refusal).toEqual({ code: 'upload_interrupted' });
    expect(await chunksOf(actor, view.id)).toBe(0);
    last.open();
    await expect(upload.finished()).rejects.toThrow('process gone');
  }, 60_000);
});
