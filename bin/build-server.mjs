// Compiles the server and command line (src/) into one JavaScript build with esbuild, so a running process
// carries neither a TypeScript loader nor its compiled copies of every module: about 45 MB less memory for each
// command, import and server. `bin/clientele.js` runs it in a child process when src/ has changed since the last
// build; it is never a separate step to remember.
//
// Each build goes into dist/server-<key>/, where the key is made of the sources' names, sizes and modification
// times. The folder sits two levels below the package root like src/<layer>/, so the paths the code finds from its
// own location (migrations/, web/dist/) stay right in the build. Packages stay outside the bundle (loaded from
// node_modules as usual) but those of BUNDLED; each module loaded on demand (the HTTP server for `start`) stays a
// chunk of its own.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DIST = path.join(ROOT, 'dist');
// Builds kept besides the newest: a server started before a change may still load one of its chunks.
const KEEP = 4;

/**
 * Packages compiled into the build instead of loaded from node_modules when a command starts. Node.js resolves and
 * compiles an ES module file by file: kysely is 287 of them, libphonenumber-js about 120 and zod about 100, and
 * loading them took about 0.3 s of every command's start (0.5 s for `--help` in all; docs/performance.md). They are
 * plain JavaScript that reads no file of its own. A package that another one imports comes in with it, so that
 * the server loads one copy, not two: zod with fastify-type-provider-zod, which checks the routes' schemas.
 */
export const BUNDLED = ['kysely', 'libphonenumber-js', 'zod', 'fastify-type-provider-zod'];

/** The package a bare import names (`@scope/name/sub` → `@scope/name`). */
export function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Leaves every package but those of BUNDLED (and Node.js's own modules) to be loaded from node_modules. */
const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    // A bare specifier: neither relative nor absolute.
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED.includes(packageOf(args.path)) ? undefined : { path: args.path, external: true },
    );
  },
};

/** What the build is made of: every file under src/, the compiler settings, and this script. */
function sources() {
  const files = [
    path.join(ROOT, 'package.json'),
    path.join(ROOT, 'tsconfig.json'),
    fileURLToPath(import.meta.url),
  ];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(path.join(ROOT, 'src'));
  return files.sort();
}

/** The folder of the build for the sources as they are now. */
export function buildDir() {
  const hash = createHash('sha256');
  for (const file of sources()) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(ROOT, file)}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return path.join(DIST, `server-${hash.digest('hex').slice(0, 16)}`);
}

/** Builds into `dir` (through a folder of this process, renamed when complete). */
export async function build(dir) {
  const { build: esbuild } = await import('esbuild');
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/main/cli.ts' },
    outdir: partial,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [packagesOutside],
    outExtension: { '.js': '.mjs' },
    // Not minified: stack traces name the sources' functions and read like them. (esbuild's keepNames would wrap
    // every closure made at run time in a call that renames it: 30 MB more garbage per 100,000 imported lines.)
    logLevel: 'warning',
  });
  try {
    fs.renameSync(partial, dir);
  } catch (e) {
    // Another process built the same sources at the same time: its build is as good as this one.
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, 'cli.mjs'))) throw e;
  }
  removeOldBuilds(dir);
}

function removeOldBuilds(current) {
  const builds = fs
    .readdirSync(DIST)
    .filter((name) => /^server-[0-9a-f]{16}$/.test(name) && path.join(DIST, name) !== current)
    .map((name) => ({ p: path.join(DIST, name), t: fs.statSync(path.join(DIST, name)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const old of builds.slice(KEEP)) fs.rmSync(old.p, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = process.argv[2] ?? buildDir();
  try {
    await build(dir);
    console.log(path.relative(ROOT, dir));
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}
