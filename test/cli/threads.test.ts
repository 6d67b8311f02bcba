import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APPLY_V8_FLAGS,
  missingStartFlags,
  PREVIEW_YOUNG_GENERATION_MB,
  threadLimits,
} from '../../bin/threads.mjs';
import { spawnClientele } from '../helpers/cli.ts';
import { createTestContext } from '../helpers/db.ts';

const ctx = await createTestContext({ defaultFeatures: ['contact-import'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-threads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const clientele = (
  args: string[],
  env: Record<string, string> = {},
  watch?: Parameters<typeof spawnClientele>[3],
) => spawnClientele(ctx, args, env, watch);

// Preloaded into every thread of every process of the command: says, as it exits, which thread it was, its young
// generation, and whether its process collects garbage on its own thread.
const probe = path.join(dir, 'probe.mjs');
fs.writeFileSync(
  probe,
  `import { isMainThread, resourceLimits } from 'node:worker_threads';
import { writeSync } from 'node:fs';
const gc = process.execArgv.includes('--single-threaded-gc') ? 'single-threaded-gc' : 'default';
if (isMainThread && gc !== 'default') writeSync(2, 'CHILD ' + process.pid + '\\n');
process.on('exit', () => writeSync(2, 'THREAD ' + (isMainThread ? 'main' : 'worker') + ' ' + (resourceLimits.maxYoungGenerationSizeMb ?? '-') + ' ' + gc + '\\n'));
`,
);
const probed = { NODE_OPTIONS: `--import ${pathToFileURL(probe).href}` };
const threadsOf = (err: string) => err.split('\n').filter((l) => l.startsWith('THREAD '));

describe('the thread a command runs in', () => {
  it("gives a preview a young generation twice V8's default, and leaves every other command on the main thread", () => {
    expect(PREVIEW_YOUNG_GENERATION_MB).toBe(96);
    expect(threadLimits(['import', 'acme', 'contacts', 'file.csv', '--dry-run'])).toEqual({
      maxYoungGenerationSizeMb: 96,
    });
    expect(threadLimits(['import', '--dry-run', 'acme', 'contacts', 'file.csv', '--json'])).toEqual({
      maxYoungGenerationSizeMb: 96,
    });
    expect(threadLimits(['import', 'acme', 'contacts', 'file.csv'])).toBeNull();
    expect(threadLimits(['export', 'acme', 'contacts', '--dry-run'])).toBeNull();
    expect(threadLimits(['start'])).toBeNull();
    expect(threadLimits(['--help'])).toBeNull();
    expect(threadLimits([])).toBeNull();
  });

  it('starts an apply in a process of its own that collects garbage on its own thread, and no other command', () => {
    expect(APPLY_V8_FLAGS).toEqual(['--single-threaded-gc']);
    expect(missingStartFlags(['import', 'acme', 'contacts', 'file.csv'], [])).toEqual([
      '--single-threaded-gc',
    ]);
    expect(
      missingStartFlags(['import', 'acme', 'contacts', 'file.csv', '--json'], ['--import', 'x.mjs']),
    ).toEqual(['--single-threaded-gc']);
    // Started with it already (the child itself): no other process.
    expect(missingStartFlags(['import', 'acme', 'contacts', 'file.csv'], ['--single-threaded-gc'])).toEqual(
      [],
    );
    expect(missingStartFlags(['import', 'acme', 'contacts', 'file.csv', '--dry-run'], [])).toEqual([]);
    expect(missingStartFlags(['start'], [])).toEqual([]);
    expect(missingStartFlags(['export', 'acme', 'contacts'], [])).toEqual([]);
    expect(missingStartFlags([], [])).toEqual([]);
  });

  it('passes a preview run in its own thread through: its output, its errors and its exit code', async () => {
    const made = await clientele([
      'org',
      'create',
      'threads',
      '--name',
      'Threads',
      '--admin-email',
      'a@threads.test',
    ]);
    expect(made.code).toBe(0);
    const file = path.join(dir, 'contacts.csv');
    fs.writeFileSync(
      file,
      'Nom du client;Adresse mail;Prénom\nBrasserie du Port;anne@exemple.fr;Anne\nBrasserie du Port;bob@;Bob\n',
    );

    const previewed = await clientele(['import', 'threads', 'contacts', file, '--dry-run', '--json']);
    expect(previewed.err).toBe('');
    expect(previewed.code).toBe(0);
    expect(JSON.parse(previewed.out)).toMatchObject({
      status: 'previewed',
      dryRun: true,
      lines: { created: 1, error: 1 },
    });

    const refused = await clientele(['import', 'no-such-org', 'contacts', file, '--dry-run']);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('[organization_not_found]');

    const missing = await clientele([
      'import',
      'threads',
      'contacts',
      path.join(dir, 'absent.csv'),
      '--dry-run',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No such file');
  });

  it('runs a preview in a worker thread given that young generation, and an apply in a child process', async () => {
    const file = path.join(dir, 'one.csv');
    fs.writeFileSync(file, 'Nom du client;Adresse mail\nCave du Port;cave@exemple.fr\n');
    const previewed = await clientele(['import', 'threads', 'contacts', file, '--dry-run', '--json'], probed);
    expect(previewed.code).toBe(0);
    expect(threadsOf(previewed.err)).toEqual(['THREAD worker 96 default', 'THREAD main - default']);

    const applied = await clientele(['import', 'threads', 'contacts', file, '--json'], probed);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.out)).toMatchObject({ dryRun: false, lines: { created: 1 } });
    // The child, started with the flag, does the work and ends first; then the process that waited for it.
    expect(threadsOf(applied.err)).toEqual(['THREAD main - single-threaded-gc', 'THREAD main - default']);

    const refused = await clientele(['import', 'no-such-org', 'contacts', file]);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain('[organization_not_found]');
  });

  it('passes a signal sent to the waiting process on to the apply, and exits as the apply was ended', async () => {
    const made = await clientele([
      'org',
      'create',
      'signals',
      '--name',
      'Signals',
      '--admin-email',
      'a@signals.test',
    ]);
    expect(made.code).toBe(0);
    const file = path.join(dir, 'many.csv');
    const lines = Array.from({ length: 20_000 }, (_, i) => `Client ${i};c${i}@exemple.fr`);
    fs.writeFileSync(file, `Nom du client;Adresse mail\n${lines.join('\n')}\n`);
    let childPid = 0;
    let parent: ChildProcess | undefined;
    const ended = await clientele(['import', 'signals', 'contacts', file, '--json'], probed, {
      started: (child) => {
        parent = child;
      },
      err: (text) => {
        const pid = /CHILD (\d+)/.exec(text);
        if (pid && childPid === 0) {
          childPid = Number(pid[1]);
          // As soon as the child is up: it has not read its file yet.
          parent?.kill('SIGTERM');
        }
      },
    });
    expect(childPid).toBeGreaterThan(0);
    expect(ended.code).toBe(128 + os.constants.signals.SIGTERM);
    expect(() => process.kill(childPid, 0)).toThrow(/ESRCH/);
    const { rows } = await ctx.system.pool.query(
      `select count(*)::int as n from customers c join organizations o on o.id = c.organization_id
        where o.slug = 'signals'`,
    );
    expect(rows[0].n).toBe(0);
  });
});
