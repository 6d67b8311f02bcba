import { PassThrough } from 'node:stream';
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
