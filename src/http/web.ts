import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build:web` writes the app (web/dist at the root of the package). */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

// Shown instead of the app when it has not been built; no script, so the CSP has nothing to refuse.
const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clientele: web app not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.5">
<h1>The web app is not built yet</h1>
<p>The API is running, but the web app has not been built. In the project folder, run:</p>
<pre style="background: #f1f3f5; padding: .75rem 1rem; border-radius: 6px">npm run build:web</pre>
<p>then reload this page (<code>npm start</code> builds it for you). The API documentation is at
<a href="/api/docs">/api/docs</a>.</p>
<hr><p lang="fr">L’application web n’est pas encore construite : lancez <code>npm run build:web</code> dans le dossier
du projet puis rechargez la page.</p>
</body></html>`;

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** The file of web/dist a URL path names, relative to it, or null (never a path outside it). */
async function builtFile(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (!full.startsWith(root) || full === root) return null;
  return (await isFile(full)) ? path.relative(root, full) : null;
}

/**
 * Serves the built web app at `/`: its files as they are (hashed assets cached for a year), and `index.html`
 * for any other GET outside `/api/` so that the app's own routes (/customers/…) survive a reload. When the app
 * is not built, a page says how to build it. Checked per request: building while the server runs just works.
 */
export async function registerWeb(app: FastifyInstance, opts: { root?: string } = {}): Promise<void> {
  const root = path.resolve(opts.root ?? WEB_DIST);
  // serve: false: only reply.sendFile; the route below decides what each path answers.
  await app.register(fastifyStatic, { root, serve: false, index: false, dotfiles: 'deny' });

  const sendIndex = async (reply: FastifyReply) => {
    if (!(await isFile(path.join(root, 'index.html'))))
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  };

  app.get('/*', { schema: { hide: true }, config: { public: true } }, async (req, reply) => {
    const urlPath = req.url.split('?')[0] ?? '/';
    // Unknown API paths keep their problem+json 404; they must never turn into the app's HTML.
    if (urlPath === '/api' || urlPath.startsWith('/api/')) return reply.callNotFound();
    const file = urlPath === '/' ? null : await builtFile(root, urlPath);
    if (!file) {
      // A missing asset is a 404, not the app: a stale tab asking for an old chunk must fail clearly.
      if (/^\/assets\//.test(urlPath) || path.extname(urlPath) !== '') return reply.callNotFound();
      return sendIndex(reply);
    }
    if (file === 'index.html') return sendIndex(reply);
    const immutable = file.startsWith(`assets${path.sep}`);
    return reply
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600')
      .sendFile(file, { cacheControl: false });
  });
}
