import type { CliDeps } from '../cli/context.ts';
import { runProgram } from '../cli/program.ts';
import { config } from '../config.ts';
import { stopEmbeddedPostgres } from '../storage/embedded-postgres.ts';
import type { Running } from './server.ts';
import { openServices } from './services.ts';

// The command line: the only place where the real database, server and worker are handed to the commands.
const deps: CliDeps = {
  openServices: () => openServices(config(), { log: (m) => process.stderr.write(`${m}\n`) }),
  // The HTTP server and the worker are loaded only by the commands that run them: a one-off command (an import, an
  // export) does not carry the web stack in its memory.
  startServer: async (port) => {
    const { startServer } = await import('./server.ts');
    const server = await startServer(config(), port);
    process.stdout.write(`Clientele is running on ${server.url} (API docs: ${server.url}/api/docs)\n`);
    stopOnSignals(server);
  },
  startWorker: async () => {
    const { startWorkerProcess } = await import('./server.ts');
    const worker = await startWorkerProcess(config(), (m) => process.stdout.write(`${m}\n`));
    process.stdout.write('Clientele worker started: taking import jobs.\n');
    stopOnSignals(worker);
  },
  stopDatabase: async () => {
    const c = config();
    if (c.DATABASE_URL) return false;
    return stopEmbeddedPostgres({ dataDir: c.DATA_DIR, port: c.EMBEDDED_PG_PORT });
  },
  out: process.stdout,
  err: process.stderr,
};

/** SIGTERM and SIGINT finish (or hand back) the current work, then exit. */
function stopOnSignals(running: Running): void {
  const shutdown = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

runProgram(deps, process.argv.slice(2)).then(
  (code) => {
    // Long-running commands (start) keep the process alive; the others end when their work is done.
    if (code !== 0) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`clientele: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
