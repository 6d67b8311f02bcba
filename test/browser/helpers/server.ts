import type { AddressInfo } from 'node:net';
import { ensureWebBuild } from '../../../web/scripts/ensure-build.mjs';
import { createTestApi, type TestApi } from '../../helpers/app.ts';

/** The real server, listening on a random local port and serving the built web app. */
export interface WebServer {
  api: TestApi;
  baseUrl: string;
}

/**
 * Builds web/dist when it is missing or older than web/src (once for all test files: they wait for each other),
 * then starts the API with a real job queue and worker on a fresh test database.
 */
export async function startWebServer(): Promise<WebServer> {
  await ensureWebBuild({ quiet: true });
  const api = await createTestApi({ jobs: true });
  await api.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = api.app.server.address() as AddressInfo;
  return { api, baseUrl: `http://127.0.0.1:${port}` };
}
