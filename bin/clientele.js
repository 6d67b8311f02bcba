#!/usr/bin/env node
// Runs the compiled build of src/ (see build-server.mjs), building it first when the sources have changed; a
// fresh clone needs no separate build step. Where no build can be made (no esbuild, a read-only folder), or with
// CLIENTELE_FROM_SOURCE=1, it runs the TypeScript sources directly through tsx, as the tests do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildDir } from './build-server.mjs';

function compiledEntry() {
  if (process.env.CLIENTELE_FROM_SOURCE === '1') return null;
  try {
    const dir = buildDir();
    const entry = path.join(dir, 'cli.mjs');
    if (!fs.existsSync(entry)) {
      // In a child process: this one keeps none of the compiler's memory.
      const built = spawnSync(
        process.execPath,
        [fileURLToPath(new URL('./build-server.mjs', import.meta.url)), dir],
        { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
      );
      if (built.status !== 0) throw new Error(built.stderr.trim() || `build exited with ${built.status}`);
    }
    return entry;
  } catch (e) {
    process.stderr.write(
      `clientele: running the TypeScript sources (no compiled build: ${e instanceof Error ? e.message : e})\n`,
    );
    return null;
  }
}

const entry = compiledEntry();
if (entry) {
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli.ts');
}
