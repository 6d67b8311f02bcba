import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED, buildDir, packageOf, ROOT } from '../../bin/build-server.mjs';
import { freePort } from '../../src/storage/embedded-postgres.ts';
import { spawnClientele, startClientele } from '../helpers/cli.ts';
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

  it('compiles in the packages of BUNDLED and loads every other one from node_modules', async () => {
    expect(await clientele(['--help'])).toMatchObject({ code: 0, err: '' });
    const dir = buildDir();
    const code = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    // The packages the build still imports, by name.
    const imported = new Set(
      [...code.matchAll(/(?:from|import)\s*\(?\s*"([^"./][^"]*)"/g)].map((m) => packageOf(m[1] ?? '')),
    );
    expect(BUNDLED).toEqual(['kysely', 'libphonenumber-js', 'zod', 'fastify-type-provider-zod']);
    for (const name of BUNDLED) expect(imported).not.toContain(name);
    // pg stays one copy shared with pg-boss.
    for (const name of ['pg', 'pg-boss', 'papaparse', 'commander', 'fastify'])
      expect(imported).toContain(name);
    // Their modules are in the build (esbuild heads each with its path), libphonenumber's metadata with them.
    for (const name of BUNDLED) expect(code).toContain(`// node_modules/${name}/`);
    expect(code).toContain('country_calling_codes');
  });

  it('names the package of an import', () => {
    expect(packageOf('kysely')).toBe('kysely');
    expect(packageOf('libphonenumber-js/mobile/examples')).toBe('libphonenumber-js');
    expect(packageOf('@fastify/cookie')).toBe('@fastify/cookie');
    expect(packageOf('@fastify/swagger-ui/static')).toBe('@fastify/swagger-ui');
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

  it('serves the API from the build: its OpenAPI document, and a body its zod schemas refuse', async () => {
    const port = await freePort();
    const server = startClientele(ctx, ['start'], { PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}/api`;
      let docs: Response | undefined;
      // Until it listens (or has exited: the checks below then fail).
      while (!docs && !server.exited()) {
        docs = await fetch(`${base}/docs/json`).catch(async () => {
          await new Promise((r) => setTimeout(r, 100));
          return undefined;
        });
      }
      expect(docs?.status).toBe(200);
      const openapi = (await docs?.json()) as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).toContain('/api/v1/auth/sign-up');
      // A body the route's zod schema refuses: the type provider's check, answered with the stable code.
      const refused = await fetch(`${base}/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slug: 'no-name' }),
      });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: 'validation_failed' });
    } finally {
      await server.stop();
    }
  });
});
