#!/usr/bin/env node
// Runs the compiled build of src/ (see build-server.mjs), building it first when the sources have changed; a
// fresh clone needs no separate build step. Where no build can be made (no esbuild, a read-only folder), or with
// CLIENTELE_FROM_SOURCE=1, it runs the TypeScript sources directly through tsx, as the tests do.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { isMainThread, Worker } from 'node:worker_threads';
import { buildDir } from './build-server.mjs';
import { PREVIEW_V8_FLAGS, threadEnv, threadLimits } from './threads.mjs';

// V8 lets a large machine's heap grow to about four times what is alive before collecting it whole: an import
// with 35 to 46 MB alive peaked at 330 to 470 MB. Held to twice (HEAP_GROWTH_PERCENT=100), the same imports peak
// at 180 to 250 MB for a few percent of CPU (docs/performance.md). 0 leaves V8's own policy. A value that is not a
// number is left to the configuration check, which reports it. A preview's thread is started with its own default
// (threads.mjs): this runs again there, and the setting, one per process, is then the preview's.
const growth = process.env.HEAP_GROWTH_PERCENT?.trim() || '100';
if (/^\d{1,4}$/.test(growth) && Number(growth) > 0 && Number(growth) <= 1000) {
  v8.setFlagsFromString(`--heap-growing-percent=${Number(growth)}`);
}

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

// A command that needs a heap made otherwise (see threads.mjs) runs this same script again in a worker thread, and
// this thread only waits for it: its output goes out through this process, its exit code becomes the process's.
// The V8 flags it needs are the process's: set here, before the thread's heap is made.
const limits = isMainThread ? threadLimits(process.argv.slice(2)) : null;
if (limits) {
  for (const flag of PREVIEW_V8_FLAGS) v8.setFlagsFromString(flag);
  const worker = new Worker(new URL(import.meta.url), {
    argv: process.argv.slice(2),
    resourceLimits: limits,
    env: threadEnv(process.env),
  });
  worker.on('error', (e) => {
    process.stderr.write(`clientele: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !process.exitCode) process.exitCode = code;
  });
} else {
  await runCommand();
}

async function runCommand() {
  const entry = compiledEntry();
  if (entry) {
    await import(pathToFileURL(entry).href);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../src/main/cli.ts');
  }
}
