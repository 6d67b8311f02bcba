import { type StdioOptions, spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { ROOT } from '../../bin/build-server.mjs';
import type { CliDeps } from '../../src/cli/context.ts';
import { runProgram } from '../../src/cli/program.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { databaseUrlOf } from './db.ts';

/** A command line bound to a test's services: runs the real program in-process and captures its output. */
export function cliOn(ctx: ServiceContext) {
  return async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    stdout.on('data', (d) => {
      out += d;
    });
    stderr.on('data', (d) => {
      err += d;
    });
    const deps: CliDeps = {
      openServices: async () => ({ ctx, close: async () => {} }),
      startServer: async () => {},
      startWorker: async () => {},
      stopDatabase: async () => false,
      out: stdout,
      err: stderr,
    };
    const code = await runProgram(deps, argv);
    return { code, out, err };
  };
}

/**
 * The real command (`bin/clientele.js`) in a child process, on a test's database, with its output and exit code:
 * for what only a process of its own shows (the compiled build, the thread a command runs in).
 */
export function spawnClientele(
  ctx: ServiceContext,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawnOn(ctx, args, env, ['ignore', 'pipe', 'pipe']);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

/**
 * A command that runs until stopped (`start`), in a child process on a test's database: `stop` ends it (SIGTERM)
 * and resolves once it has exited; `exited` tells whether it already has.
 */
export function startClientele(
  ctx: ServiceContext,
  args: string[],
  env: Record<string, string> = {},
): { exited: () => boolean; stop: () => Promise<void> } {
  const child = spawnOn(ctx, args, env, 'ignore');
  let ended = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', () => {
      ended = true;
      resolve();
    }),
  );
  return {
    exited: () => ended,
    stop: async () => {
      if (!ended) child.kill('SIGTERM');
      await exit;
    },
  };
}

/** `bin/clientele.js` with `args`, in a child process on the test's database, its logs silenced. */
function spawnOn(ctx: ServiceContext, args: string[], env: Record<string, string>, stdio: StdioOptions) {
  return spawn(process.execPath, ['bin/clientele.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrlOf(ctx), LOG_LEVEL: 'silent', ...env },
    stdio,
  });
}
