import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { formatSize } from '../domain/size.ts';
import type { ServiceContext } from '../services/context.ts';
import { registerAuth } from './auth.ts';
import { contentSecurityPolicy } from './content-security-policy.ts';
import { sendProblem } from './errors.ts';
import { ResponseCache } from './response-cache.ts';
import { registerRoutes } from './routes/index.ts';
import { registerWeb } from './web.ts';

/** What the HTTP layer needs from the outside world. */
export interface AppDeps {
  ctx: ServiceContext;
  /** Session cookies `Secure` and HSTS sent; also on whenever the public URL is https. */
  cookieSecure: boolean;
  maxUploadBytes: number;
  /** Uploads each member or API key may start per minute (default 30). */
  uploadsPerMinute?: number;
  logLevel?: string;
  /** Answers of read routes kept in memory (made by buildApp when not given). */
  responseCache?: ResponseCache;
}

/** What the routes get: the outside world, with what buildApp made of it. */
export interface RouteDeps extends AppDeps {
  responseCache: ResponseCache;
}

/** The largest JSON body accepted; files come as multipart uploads, which have their own limit. */
export const BODY_LIMIT = 5 * 1024 * 1024;

/**
 * The proxies whose `X-Forwarded-For` is believed: loopback and private networks (a reverse proxy on the same
 * machine, a load balancer inside the same network). A client connecting from anywhere else cannot pick the
 * address its rate limits are counted against by sending the header itself.
 */
const TRUSTED_PROXIES = 'loopback, linklocal, uniquelocal';

export type App = FastifyInstance;

/** Builds the HTTP API and web app (without listening), so tests drive it with `inject`. */
export async function buildApp(input: AppDeps): Promise<FastifyInstance> {
  // Served over https (as the public URL says), the session cookie must never travel over plain http.
  const secure = input.cookieSecure || input.ctx.settings.publicUrl.startsWith('https:');
  const deps: RouteDeps = {
    ...input,
    cookieSecure: secure,
    responseCache: input.responseCache ?? new ResponseCache(),
  };
  const app = Fastify({
    logger: deps.logLevel && deps.logLevel !== 'silent' ? { level: deps.logLevel } : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: TRUSTED_PROXIES,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const detail = err.validation
        .map(
          (v) =>
            `${v.instancePath.replace(/^\//, '').replaceAll('/', '.') || err.validationContext}: ${v.message}`,
        )
        .join('; ');
      return sendProblem(req, reply, { code: 'validation_failed', params: { detail } });
    }
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status === 429) return sendProblem(req, reply, { code: 'rate_limited' });
    if (status === 413) {
      // A JSON body over the body limit, or a multipart form over one of its limits.
      const body = (err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      return sendProblem(req, reply, {
        code: 'file_too_large',
        params: { limit: formatSize(body ? BODY_LIMIT : deps.maxUploadBytes) },
      });
    }
    if (status === 415) return sendProblem(req, reply, { code: 'unsupported_media_type' });
    if (status >= 400 && status < 500) {
      return sendProblem(req, reply, {
        code: 'validation_failed',
        params: { detail: (err as Error).message },
      });
    }
    req.log.error(err);
    return reply
      .code(500)
      .type('application/problem+json')
      .send(
        JSON.stringify({ type: 'about:blank', title: 'Internal error', status: 500, code: 'internal_error' }),
      );
  });
  app.setNotFoundHandler((req, reply) => sendProblem(req, reply, { code: 'not_found' }));

  await app.register(cookie);
  await app.register(helmet, {
    // Set below, from a header made once (see content-security-policy.ts).
    contentSecurityPolicy: false,
    frameguard: { action: 'deny' },
    strictTransportSecurity: deps.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  const policy = contentSecurityPolicy(deps.cookieSecure);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.header('content-security-policy', policy);
    done();
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Clientele API',
        version: '1',
        description:
          'Customers, contacts and their bulk imports. Authenticate with a session cookie (and the `x-csrf-token` header on writes) or `Authorization: Bearer <API key>`. Errors are `application/problem+json` with a stable `code`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'clientele_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
  // The web app at `/` (web/dist, with a fallback to index.html for the app's own routes).
  await registerWeb(app);
  app.get('/health', { schema: { hide: true }, config: { public: true } }, async () => ({ ok: true }));

  registerAuth(app, deps.ctx);
  await registerRoutes(app, deps);
  return app;
}
