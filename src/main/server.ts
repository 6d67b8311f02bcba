import type { Config } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { openServices } from './services.ts';

/** Starts the HTTP API and web app on the configured database; resolves once listening. */
export async function startServer(
  config: Config,
  port = config.PORT,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const services = await openServices(config, { poolSize: 20 });
  const app = await buildApp({
    ctx: services.ctx,
    cookieSecure: config.COOKIE_SECURE,
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
    logLevel: config.LOG_LEVEL,
  });
  await app.listen({ port, host: config.HOST });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST}:${actualPort}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await app.close();
      await services.close();
    })();
    return stopping;
  };
  return { url, stop };
}
