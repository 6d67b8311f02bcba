import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startQueue } from '../../src/main/worker.ts';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { queueImport } from '../../src/services/imports/queue-import.ts';
import { uploadImport } from '../../src/services/imports/upload-import.ts';
import { importView } from '../../src/services/imports/view.ts';
import { findImport } from '../../src/storage/imports.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext, databaseUrlOf } from '../helpers/db.ts';
import { changeLogOf, dataFingerprint, runImportText } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();
const url = databaseUrlOf(ctx);
const queue = await startQueue(url);
ctx.jobs = queue.jobs;

interface WorkerProcess {
  child: ChildProcess;
  out: string[];
}

function startWorkerProcess(): WorkerProcess {
  const child = spawn(process.execPath, ['bin/clientele.js', 'worker'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w: WorkerProcess = { child, out: [] };
  child.stdout?.on('data', (d: Buffer) => w.out.push(...d.toString().split('\n').filter(Boolean)));
  return w;
}

const workers = [startWorkerProcess(), startWorkerProcess()];
afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await queue.boss.stop({ graceful: false, wait: true, timeout: 5000 });
});

async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function contactsFile(lines: number): Buffer {
  const out = ['Customer name;Customer external ID;Email;First name;Position'];
  for (let i = 0; i < lines; i++)
    out.push(`Client ${Math.floor(i / 3)};EXT-${Math.floor(i / 3)};p${i}@example.com;P${i};Finance`);
  return Buffer.from(`${out.join('\n')}\n`);
}

async function upload(actor: Actor, bytes: Buffer): Promise<string> {
  const r = await uploadImport(ctx, actor, {
    kind: 'contacts',
    fileName: 'contacts.csv',
    body: (async function* () {
      yield bytes;
    })(),
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.id;
}

async function statusOf(actor: Actor, id: string) {
  const { rows } = await ctx.system.pool.query(
    `select i.status, coalesce(p.lines_done, i.lines_done) as lines_done
       from imports i left join import_progress p on p.import_id = i.id
      where i.organization_id = $1 and i.id = $2`,
    [actor.organizationId, id],
  );
  return rows[0] as { status: string; lines_done: number };
}

describe('imports on several workers', () => {
  it('spreads jobs across two worker processes', async () => {
    // Both workers must be polling before the jobs arrive, or the first one up takes them all.
    await waitFor(
      async () => workers.every((w) => w.out.some((l) => l.includes('worker started'))) || undefined,
      60_000,
    );
    const imports: { actor: Actor; id: string }[] = [];
    for (let i = 0; i < 8; i++) {
      const actor = await buildOrganization(ctx);
      const id = await upload(actor, contactsFile(10_000));
      imports.push({ actor, id });
    }
    for (const { actor, id } of imports) expect((await queueImport(ctx, actor, id)).ok).toBe(true);
    for (const { actor, id } of imports) {
      await waitFor(
        async () => ((await statusOf(actor, id)).status === 'success' ? true : undefined),
        120_000,
      );
    }
    const handled = () =>
      workers.map(
        (w) => imports.filter(({ id }) => w.out.some((l) => l.includes(id) && l.includes('done'))).length,
      );
    // A worker logs the end of a job just after committing it.
    await waitFor(async () => handled().reduce((a, b) => a + b, 0) === 8 || undefined, 30_000);
    const handledBy = handled();
    expect(handledBy[0]! + handledBy[1]!).toBe(8);
    expect(handledBy[0]).toBeGreaterThan(0);
    expect(handledBy[1]).toBeGreaterThan(0);
  }, 180_000);

  it('finishes, exactly once, an import whose worker is killed in the middle', async () => {
    const file = contactsFile(200_000);
    const clean = await buildOrganization(ctx);
    await runImportText(ctx, clean, 'contacts', file, { fileName: 'contacts.csv' });

    const actor = await buildOrganization(ctx);
    const id = await upload(actor, file);
    expect((await queueImport(ctx, actor, id)).ok).toBe(true);
    const victim = await waitFor(async () => {
      const s = await statusOf(actor, id);
      if (s.status !== 'applying' || s.lines_done < 20_000) return undefined;
      return workers.find((w) => w.out.some((l) => l.includes(id) && l.includes('started')));
    }, 120_000);
    // Nobody previewed this import: its progress is read from the bytes of the file already read.
    const during = await findImport(ctx.system.db, actor.organizationId, id);
    const percent = during ? importView(during).progress.percent : null;
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(100);
    victim.child.kill('SIGKILL');
    const survivor = workers.find((w) => w !== victim)!;
    await waitFor(async () => ((await statusOf(actor, id)).status === 'success' ? true : undefined), 300_000);
    // The survivor logs the end of the job just after committing it.
    await waitFor(
      async () => survivor.out.some((l) => l.includes(id) && l.includes('done')) || undefined,
      30_000,
    );

    const recovered = await dataFingerprint(ctx, actor.organizationId);
    expect(recovered.rows).toBe(200_000 + 66_667);
    expect(recovered).toEqual(await dataFingerprint(ctx, clean.organizationId));
    const created = (await changeLogOf(ctx, actor.organizationId, id)).filter((c) => c.action === 'created');
    expect(created.length).toBe(200_000 + 66_667);
    expect(new Set(created.map((c) => c.record_id)).size).toBe(200_000 + 66_667);
  }, 600_000);
});
