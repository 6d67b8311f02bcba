import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { ROOT } from '../../bin/build-server.mjs';
import type { CliDeps } from '../../src/cli/context.ts';
import { runProgram } from '../../src/cli/program.ts';
import type { ServiceContext } from '../../src/services/context.ts';

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
  const url = (ctx.system.pool as unknown as { options: { connectionString: string } }).options
    .connectionString;
  const child = spawn(process.execPath, ['bin/clientele.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}
