import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PREVIEW_YOUNG_GENERATION_MB, threadLimits } from '../../bin/threads.mjs';
import { spawnClientele } from '../helpers/cli.ts';
import { createTestContext } from '../helpers/db.ts';

const ctx = await createTestContext({ defaultFeatures: ['contact-import'] });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-threads-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const clientele = (args: string[]) => spawnClientele(ctx, args);

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
});
