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
import { sendProblem } from './errors.ts';
import { registerRoutes } from './routes/index.ts';
import { registerWeb } from './web.ts';

/** What the HTTP layer needs from the outside world. */
export interface AppDeps {
  ctx: ServiceContext;
  cookieSecure: boolean;
  maxUploadBytes: number;
  logLevel?: string;
}

export type App = FastifyInstance;

/** Builds the HTTP API and web app (without listening), so tests drive it with `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logLevel && deps.logLevel !== 'silent' ? { level: deps.logLevel } : false,
    bodyLimit: 5 * 1024 * 1024,
    trustProxy: true,
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
    if (status === 413)
      return sendProblem(req, reply, {
        code: 'file_too_large',
        params: { limit: formatSize(deps.maxUploadBytes) },
      });
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
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Served over plain HTTP on a laptop by default: upgrading would break every asset.
        upgradeInsecureRequests: deps.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: deps.cookieSecure,
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
