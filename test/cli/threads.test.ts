import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PREVIEW_HEAP_GROWTH_PERCENT,
  PREVIEW_V8_FLAGS,
  PREVIEW_YOUNG_GENERATION_MB,
  threadEnv,
  threadLimits,
} from '../../bin/threads.mjs';
import { spawnClientele } from '../helpers/cli.ts';
import { createTestContext } from '../helpers/db.ts';

const ctx = await createTestContext({ defaultFeatures: ['contact-import'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-threads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const clientele = (args: string[], env: Record<string, string> = {}) => spawnClientele(ctx, args, env);

// Preloaded into every thread of the command: says, as it exits, which thread it was, its young generation and the
// heap growth its environment asks for.
const probe = path.join(dir, 'probe.mjs');
fs.writeFileSync(
  probe,
  `import { isMainThread, resourceLimits } from 'node:worker_threads';
import { writeSync } from 'node:fs';
process.on('exit', () => writeSync(2, 'THREAD ' + (isMainThread ? 'main' : 'worker') + ' ' + (resourceLimits.maxYoungGenerationSizeMb ?? '-') + ' ' + (process.env.HEAP_GROWTH_PERCENT ?? '-') + '\\n'));
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

  it("gives a preview's thread a heap that grows further before a full collection, unless the operator says", () => {
    expect(PREVIEW_HEAP_GROWTH_PERCENT).toBe(150);
    expect(threadEnv({ LOG_LEVEL: 'warn' })).toEqual({ LOG_LEVEL: 'warn', HEAP_GROWTH_PERCENT: '150' });
    expect(threadEnv({ HEAP_GROWTH_PERCENT: '80' })).toEqual({ HEAP_GROWTH_PERCENT: '80' });
    expect(threadEnv({ HEAP_GROWTH_PERCENT: ' ' })).toEqual({ HEAP_GROWTH_PERCENT: '150' });
  });

  it("runs a preview without V8's allocation-site pretenuring, a flag this Node.js knows", () => {
    expect(PREVIEW_V8_FLAGS).toEqual(['--no-allocation-site-pretenuring']);
    // V8 takes an unknown flag set at run time without a word: on the command line it refuses it.
    for (const flag of PREVIEW_V8_FLAGS) {
      const run = spawnSync(process.execPath, [flag, '-e', '0'], { encoding: 'utf8' });
      expect({ flag, status: run.status, stderr: run.stderr }).toEqual({ flag, status: 0, stderr: '' });
    }
    const unknown = spawnSync(process.execPath, ['--no-such-v8-flag-at-all', '-e', '0'], {
      encoding: 'utf8',
    });
    expect(unknown.status).not.toBe(0);
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

  it('runs a preview in a worker thread given that young generation and heap growth, and an apply on the main thread alone', async () => {
    const file = path.join(dir, 'one.csv');
    fs.writeFileSync(file, 'Nom du client;Adresse mail\nCave du Port;cave@exemple.fr\n');
    const previewed = await clientele(['import', 'threads', 'contacts', file, '--dry-run', '--json'], probed);
    expect(previewed.code).toBe(0);
    expect(threadsOf(previewed.err)).toEqual(['THREAD worker 96 150', 'THREAD main - -']);
    const told = await clientele(['import', 'threads', 'contacts', file, '--dry-run', '--json'], {
      ...probed,
      HEAP_GROWTH_PERCENT: '120',
    });
    expect(told.code).toBe(0);
    expect(threadsOf(told.err)).toEqual(['THREAD worker 96 120', 'THREAD main - 120']);

    const applied = await clientele(['import', 'threads', 'contacts', file, '--json'], probed);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.out)).toMatchObject({ dryRun: false, lines: { created: 1 } });
    expect(threadsOf(applied.err)).toEqual(['THREAD main - -']);
  });
});
