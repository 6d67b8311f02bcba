import type { Config } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { openServices } from './services.ts';
import { startQueue, startWorker, type Worker } from './worker.ts';

/** A running process: where it listens (if it does) and how to stop it cleanly. */
export interface Running {
  url?: string;
  stop: () => Promise<void>;
}

/**
 * Starts the HTTP API and web app on the configured database, with an import worker in the same process unless
 * RUN_WORKER is off; resolves once listening.
 */
export async function startServer(config: Config, port = config.PORT): Promise<Running & { url: string }> {
  const services = await openServices(config, { poolSize: 20 });
  const queue = await startQueue(services.url);
  services.ctx.jobs = queue.jobs;
  const worker: Worker | undefined = config.RUN_WORKER
    ? await startWorker(services.ctx, queue.boss)
    : undefined;
  const app = await buildApp({
    ctx: services.ctx,
    cookieSecure: config.COOKIE_SECURE,
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
    logLevel: config.LOG_LEVEL,
  });
  await app.listen({ port, host: config.HOST });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const host = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await app.close();
      if (worker) await worker.stop();
      else await queue.boss.stop({ graceful: false, wait: true });
      await services.close();
    })();
    return stopping;
  };
  return { url: `http://${host}:${actualPort}`, stop };
}

/** Starts a worker alone: it takes import jobs from the shared database until stopped. */
export async function startWorkerProcess(config: Config, log: (m: string) => void): Promise<Running> {
  const services = await openServices(config, { poolSize: 6 });
  const queue = await startQueue(services.url);
  services.ctx.jobs = queue.jobs;
  const worker = await startWorker(services.ctx, queue.boss, {
    log,
    mail: { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM },
  });
  let stopping: Promise<void> | undefined;
  return {
    stop: () => {
      stopping ??= (async () => {
        await worker.stop();
        await services.close();
      })();
      return stopping;
    },
  };
}
