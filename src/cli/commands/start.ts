import type { Command } from 'commander';
import type { CliDeps } from '../context.ts';

/** `clientele start [--port]`: the API and web app. */
export function registerStartCommand(program: Command, deps: CliDeps): void {
  program
    .command('start')
    .description('Run the Clientele server (API, web app and import worker)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port "${v}"`);
      return n;
    })
    .action(async (opts: { port?: number }) => {
      await deps.startServer(opts.port);
    });
}

/** `clientele worker`: an import worker alone, sharing the database with every other process. */
export function registerWorkerCommand(program: Command, deps: CliDeps): void {
  program
    .command('worker')
    .description('Run an import worker only (run as many as needed, on any machine, against one database)')
    .action(async () => {
      await deps.startWorker();
    });
}
