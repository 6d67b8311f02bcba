import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDir, ROOT } from '../../bin/build-server.mjs';
import { spawnClientele } from '../helpers/cli.ts';
import { createTestContext } from '../helpers/db.ts';

const ctx = await createTestContext();
const clientele = (args: string[], env: Record<string, string> = {}) => spawnClientele(ctx, args, env);

describe('the command line runs a compiled build of the sources', () => {
  it('builds it once for the sources as they are, then reuses it', async () => {
    const first = await clientele(['--help']);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('Usage: clientele');
    const dir = buildDir();
    const entry = path.join(dir, 'cli.mjs');
    expect(fs.existsSync(entry)).toBe(true);
    const builtAt = fs.statSync(entry).mtimeMs;

    const second = await clientele(['--help']);
    expect(second.out).toBe(first.out);
    expect(fs.statSync(entry).mtimeMs).toBe(builtAt);
  });

  it('sits two folders below the package, like src/<layer>/, so migrations/ and web/dist/ resolve the same', () => {
    const dir = buildDir();
    expect(path.relative(ROOT, dir).split(path.sep)).toEqual(['dist', path.basename(dir)]);
    expect(path.basename(dir)).toMatch(/^server-[0-9a-f]{16}$/);
  });

  it('finds its migrations and writes through the database like the sources do', async () => {
    // Opening the database applies pending migrations: a build that could not find them would fail here.
    const made = await clientele([
      'org',
      'create',
      'compiled-build',
      '--name',
      'Compiled',
      '--admin-email',
      'admin@compiled.test',
      '--json',
    ]);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(JSON.parse(made.out)).toMatchObject({ slug: 'compiled-build', name: 'Compiled' });

    const fromSource = await clientele(['settings', 'compiled-build', '--json'], {
      CLIENTELE_FROM_SOURCE: '1',
    });
    const compiled = await clientele(['settings', 'compiled-build', '--json']);
    expect(fromSource.code).toBe(0);
    expect(compiled).toEqual(fromSource);
    expect(JSON.parse(compiled.out)).toMatchObject({ defaultCountry: 'FR' });
  });
});
