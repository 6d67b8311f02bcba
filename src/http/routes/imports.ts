import { Readable } from 'node:stream';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Result } from '../../domain/result.ts';
import { formatSize } from '../../domain/size.ts';
import type { Actor, ServiceContext } from '../../services/context.ts';
import { downloadUpload } from '../../services/imports/download-upload.ts';
import { errorFile } from '../../services/imports/error-file.ts';
import { getImport } from '../../services/imports/get-import.ts';
import { importPageQuery, listImportChanges } from '../../services/imports/import-changes.ts';
import { listImportErrors } from '../../services/imports/list-import-errors.ts';
import { importListQuery, listOrganizationImports } from '../../services/imports/list-imports.ts';
import { previewImport } from '../../services/imports/preview-import.ts';
import { queueImport } from '../../services/imports/queue-import.ts';
import { revertImport } from '../../services/imports/revert-import.ts';
import { setImportMapping } from '../../services/imports/set-import-mapping.ts';
import { uploadImport } from '../../services/imports/upload-import.ts';
import type { ImportView } from '../../services/imports/view.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { sendProblem } from '../errors.ts';
import { idParam, problemSchema, sendResult } from '../reply.ts';
import {
  changeSchema,
  detailSchema,
  errorSchema,
  importSchema,
  mappingBody,
  page,
  present,
  presentDetail,
} from './import-schemas.ts';

function attachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Thrown out of the upload stream when the multipart limit cut the file (the service records it as too large). */
class UploadCut extends Error {
  readonly code = 'file_too_large';
}

/** The file part's bytes as they arrive; a file cut at the size limit must not be stored as if it were whole. */
async function* partBytes(part: MultipartFile): AsyncGenerator<Buffer> {
  for await (const chunk of part.file) yield chunk as Buffer;
  if (part.file.truncated) throw new UploadCut();
}

/**
 * Reads the multipart form in order: the fields (`kind`, `mode`) must come before the `file` part, which is
 * streamed straight into the upload service (never held whole in memory). Other parts are drained and ignored.
 */
async function receiveUpload(ctx: ServiceContext, actor: Actor, req: FastifyRequest) {
  const fields: Record<string, string> = {};
  let result: Result<ImportView> | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    } else if (part.fieldname === 'file' && !result && fields.kind === undefined) {
      result = {
        ok: false,
        error: { code: 'validation_failed', params: { detail: 'kind: send the kind field before the file' } },
      };
    } else if (part.fieldname === 'file' && !result) {
      result = await uploadImport(ctx, actor, {
        kind: fields.kind ?? '',
        mode: fields.mode || undefined,
        fileName: part.filename || 'upload',
        body: partBytes(part),
      });
    }
    // A part nobody read would stall the form: busboy waits for it before the next one.
    if (part.type === 'file' && !part.file.readableEnded && !part.file.destroyed) part.file.resume();
  }
  return result ?? { ok: false, error: { code: 'validation_failed', params: { detail: 'file: required' } } };
}

/** Uploads are counted per member, and per API key (a script's key is not its creator's browser). */
function uploaderKey(req: FastifyRequest): string {
  const actor = req.actor;
  if (!actor) return `ip:${req.ip}`;
  if (actor.via === 'api_key') return `api_key:${actor.apiKeyId ?? ''}`;
  return `member:${actor.organizationId}:${actor.memberId ?? actor.userId}`;
}

/**
 * Kicks off applying an import without waiting for it, in this process. Kept alone so that moving the work to
 * the job queue changes this function only.
 */
/** Bulk imports of the caller's organization: upload, mapping, preview, apply, revert, results and files. */
export function registerImportRoutes(root: FastifyInstance, deps: AppDeps): void {
  const { ctx } = deps;
  const tags = ['imports'];
  // Multipart parsing only where a file is expected, with the instance's upload limit.
  root.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: deps.maxUploadBytes } });
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const detail = async (req: FastifyRequest, reply: FastifyReply, r: Result<ImportView>, status = 200) => {
      if (!r.ok) return sendProblem(req, reply, r.error);
      return sendResult(
        req,
        reply,
        await getImport(ctx, actorOf(req), r.value.id),
        (d) => presentDetail(actorOf(req), d),
        status,
      );
    };
    const problems = { 400: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

    app.post(
      '/imports',
      {
        config: {
          // Checked once the caller is known (preHandler), so each member and API key has its own count.
          rateLimit: {
            max: deps.uploadsPerMinute ?? 30,
            timeWindow: '1 minute',
            hook: 'preHandler',
            keyGenerator: uploaderKey,
          },
        },
        schema: {
          tags,
          summary: 'Upload a file to import (multipart/form-data: kind, optional mode, then the file part)',
          description:
            'Fields: `kind` (customers, contacts, assignments or invoices), `mode` (create_update, create_only or update_only), then `file`. The answer has the detected format, encoding and delimiter, the proposed mapping and its problems. A refused file answers 422 with `params.importId`: it stays in the history as failed.',
          consumes: ['multipart/form-data'],
          response: {
            201: detailSchema,
            400: problemSchema,
            413: problemSchema,
            415: problemSchema,
            422: problemSchema,
          },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) return sendProblem(req, reply, { code: 'unsupported_media_type' });
        try {
          return await detail(req, reply, await receiveUpload(ctx, actorOf(req), req), 201);
        } catch (e) {
          if (!(e instanceof UploadCut)) throw e;
          return sendProblem(req, reply, {
            code: 'file_too_large',
            params: { limit: formatSize(deps.maxUploadBytes) },
          });
        }
      },
    );

    app.get(
      '/imports',
      {
        schema: {
          tags,
          summary: 'Import history, newest first (who, when, file, kind, status, counts), cursor pagination',
          querystring: importListQuery,
          response: { 200: page(importSchema), 400: problemSchema },
        },
      },
      async (req, reply) =>
        sendResult(req, reply, await listOrganizationImports(ctx, actorOf(req), req.query), (p) => ({
          items: p.items.map((i) => present(actorOf(req), i)),
          nextCursor: p.nextCursor,
        })),
    );

    app.get(
      '/imports/:id',
      {
        schema: {
          tags,
          summary: 'An import: status, stage, progress, counts, mapping and its problems, sample values',
          params: idParam,
          response: { 200: detailSchema, 404: problemSchema },
        },
      },
      async (req, reply) =>
        sendResult(req, reply, await getImport(ctx, actorOf(req), req.params.id), (d) =>
          presentDetail(actorOf(req), d),
        ),
    );

    app.put(
      '/imports/:id/mapping',
      {
        schema: {
          tags,
          summary: 'Change the column mapping (remembered for the next file with the same headers)',
          params: idParam,
          body: mappingBody,
          response: { 200: detailSchema, ...problems },
        },
      },
      async (req, reply) =>
        detail(req, reply, await setImportMapping(ctx, actorOf(req), req.params.id, req.body.mapping)),
    );

    app.post(
      '/imports/:id/preview',
      {
        schema: {
          tags,
          summary: 'Preview: run every check and count what would happen, writing nothing',
          params: idParam,
          response: { 200: detailSchema, ...problems },
        },
      },
      async (req, reply) => detail(req, reply, await previewImport(ctx, actorOf(req), req.params.id)),
    );

    app.post(
      '/imports/:id/apply',
      {
        schema: {
          tags,
          summary: 'Apply an import in the background; poll GET /imports/{id} for progress and result',
          params: idParam,
          response: { 202: detailSchema, ...problems },
        },
      },
      async (req, reply) => detail(req, reply, await queueImport(ctx, actorOf(req), req.params.id), 202),
    );

    app.post(
      '/imports/:id/revert',
      {
        schema: {
          tags,
          summary: 'Revert an applied import: remove what it created, put back what it changed',
          params: idParam,
          response: { 200: detailSchema, ...problems },
        },
      },
      async (req, reply) => detail(req, reply, await revertImport(ctx, actorOf(req), req.params.id)),
    );

    app.get(
      '/imports/:id/errors',
      {
        schema: {
          tags,
          summary: 'The refused cells, in file order: line, column, value, code, message',
          params: idParam,
          querystring: importPageQuery,
          response: { 200: page(errorSchema), 400: problemSchema, 404: problemSchema },
        },
      },
      async (req, reply) =>
        sendResult(req, reply, await listImportErrors(ctx, actorOf(req), req.params.id, req.query), (p) => p),
    );

    app.get(
      '/imports/:id/changes',
      {
        schema: {
          tags,
          summary: 'The data each line imported: every record created or updated, before and after',
          params: idParam,
          querystring: importPageQuery,
          response: { 200: page(changeSchema), 400: problemSchema, 404: problemSchema },
        },
      },
      async (req, reply) =>
        sendResult(
          req,
          reply,
          await listImportChanges(ctx, actorOf(req), req.params.id, req.query),
          (p) => p,
        ),
    );

    app.get(
      '/imports/:id/error-file',
      {
        schema: {
          tags,
          summary:
            'The refused lines as CSV (original columns + error column, UTF-8 with BOM) to fix and re-import',
          params: idParam,
          response: { 200: z.unknown().describe('text/csv; charset=utf-8'), 404: problemSchema },
        },
      },
      async (req, reply) => {
        const file = await errorFile(ctx, actorOf(req), req.params.id);
        if (!file.ok) return sendProblem(req, reply, file.error);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', attachment(file.value.fileName))
          .send(Readable.from(file.value.body));
      },
    );

    app.get(
      '/imports/:id/file',
      {
        schema: {
          tags,
          summary: 'The original uploaded file, byte for byte',
          params: idParam,
          response: { 200: z.unknown().describe('The file as uploaded'), 404: problemSchema },
        },
      },
      async (req, reply) => {
        const file = await downloadUpload(ctx, actorOf(req), req.params.id);
        if (!file.ok) return sendProblem(req, reply, file.error);
        return reply
          .type(CONTENT_TYPES[file.value.format ?? ''] ?? 'application/octet-stream')
          .header('content-disposition', attachment(file.value.fileName))
          .send(Readable.from(file.value.body));
      },
    );
  });
}
