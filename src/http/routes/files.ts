import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportRecords } from '../../services/export-records.ts';
import { renderTemplate } from '../../services/render-template.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';

const fileQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(['en', 'fr']).optional().describe('column names; default: the caller’s language'),
});

function attachment(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Import templates and exports, as downloads. */
export function registerFileRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  app.get(
    '/templates/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Download the import template of a kind (CSV, or XLSX with a sheet explaining each column)',
        params: z.object({ kind: z.enum(['customers', 'contacts', 'assignments', 'invoices']) }),
        querystring: fileQuery,
      },
    },
    async (req, reply) => {
      const file = await renderTemplate({
        kind: req.params.kind,
        format: req.query.format,
        lang: req.query.lang ?? actorOf(req).language,
      });
      return reply
        .header('content-disposition', attachment(file.fileName))
        .type(file.contentType)
        .send(file.body);
    },
  );

  app.get(
    '/exports/:entity',
    {
      schema: {
        tags: ['customers'],
        summary: 'Export customers or contacts with the import template’s columns (edit, then import back)',
        params: z.object({ entity: z.enum(['customers', 'contacts']) }),
        querystring: fileQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const file = exportRecords(ctx, actor, {
        entity: req.params.entity,
        format: req.query.format,
        lang: req.query.lang ?? actor.language,
      });
      const body = new PassThrough();
      file.writeTo(body).catch((e: unknown) => body.destroy(e as Error));
      return reply.header('content-disposition', attachment(file.fileName)).type(file.contentType).send(body);
    },
  );
}
