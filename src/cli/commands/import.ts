import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { ManualMapping } from '../../domain/header-matching.ts';
import { applyImport } from '../../services/imports/apply-import.ts';
import { errorFile } from '../../services/imports/error-file.ts';
import { previewImport } from '../../services/imports/preview-import.ts';
import { setImportMapping } from '../../services/imports/set-import-mapping.ts';
import { type ImportSummary, importSummary } from '../../services/imports/summary.ts';
import { beginUpload, UPLOAD_CHUNK_BYTES } from '../../services/imports/upload-import.ts';
import { operatorActor } from '../../services/operator.ts';
import { type CliDeps, CliFailure, failWith, withServices } from '../context.ts';

interface ImportOptions {
  mapping?: string;
  dryRun?: boolean;
  json?: boolean;
  mode: string;
  errorFile?: string;
}

/** `clientele import <org> <kind> <file> [--mapping map.json] [--dry-run] [--json] [--error-file path]`. */
export function registerImportCommand(program: Command, deps: CliDeps): void {
  program
    .command('import')
    .description('Import a CSV or XLSX file of customers, contacts or assignments into an organization')
    .argument('<org>', 'organization slug')
    .argument('<kind>', 'customers, contacts, assignments or invoices')
    .argument('<file>', 'the .csv, .txt or .xlsx file')
    .option('--mapping <map.json>', 'column mapping: {"File header": "fieldKey" or null, ...}')
    .option('--dry-run', 'preview only: run every check, write nothing')
    .option('--mode <mode>', 'create_update, create_only or update_only', 'create_update')
    .option('--json', 'print the result as one JSON object')
    .option('--error-file <path>', 'also write the lines in error, with an error column, to this file')
    .action(async (org: string, kind: string, file: string, opts: ImportOptions) => {
      if (!fs.existsSync(file)) throw new CliFailure(`No such file: ${file}`);
      const manual = opts.mapping ? readMapping(opts.mapping) : undefined;
      await withServices(deps, async (ctx) => {
        const actor = await operatorActor(ctx, org);
        if (!actor.ok) failWith(actor.error);
        // The run starts once the header is read, and reads the file as it is stored (beginUpload).
        const begun = await beginUpload(ctx, actor.value, {
          kind,
          mode: opts.mode,
          fileName: file,
          // Read a stored chunk's size at a time (a megabyte): 64 KB reads took 0.23 s of a 131 MB upload against
          // 0.06 s (docs/performance.md).
          body: fs.createReadStream(file, { highWaterMark: UPLOAD_CHUNK_BYTES }),
          dryRun: opts.dryRun ?? false,
        });
        if (!begun.ok) failWith(begun.error);
        const { view, upload } = begun.value;
        const id = view.id;
        try {
          if (manual) {
            const mapped = await setImportMapping(ctx, actor.value, id, manual);
            if (!mapped.ok) failWith(mapped.error);
          }
          const run = opts.dryRun
            ? await previewImport(ctx, actor.value, id, upload)
            : await applyImport(ctx, actor.value, id, upload);
          if (!run.ok) failWith(run.error);
          if (run.value.status === 'failed' && run.value.refusal) failWith(run.value.refusal);
        } finally {
          // However the command ends, its file is stored whole, or its import failed, before it exits.
          const stored = await upload.finished();
          if (!stored.ok) failWith(stored.error);
        }
        const summary = await importSummary(ctx, actor.value, id);
        if (!summary.ok) failWith(summary.error);
        if (opts.errorFile) {
          const file = await errorFile(ctx, actor.value, id);
          if (!file.ok) failWith(file.error);
          await pipeline(Readable.from(file.value.body), fs.createWriteStream(opts.errorFile));
        }
        deps.out.write(opts.json ? `${JSON.stringify(summary.value)}\n` : describe(summary.value));
      });
    });
}

function readMapping(file: string): ManualMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliFailure(`The mapping file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(parsed)) return parsed as ManualMapping;
  if (parsed && typeof parsed === 'object') {
    return Object.entries(parsed as Record<string, unknown>).map(([column, field]) => ({
      column,
      field: typeof field === 'string' ? field : null,
    }));
  }
  throw new CliFailure(`The mapping file ${file} must be an object {"File header": "fieldKey" or null}`);
}

function describe(s: ImportSummary): string {
  const l = s.lines;
  const out = [
    `Import ${s.id} (${s.kind}${s.dryRun ? ', dry run' : ''}): ${s.status}`,
    `  lines: ${l.created} created, ${l.updated} updated, ${l.unchanged} unchanged, ${l.error} in error, ${l.blank} blank`,
    `  customers: ${s.records.customers.created} created, ${s.records.customers.updated} updated; contacts: ${s.records.contacts.created} created, ${s.records.contacts.updated} updated`,
  ];
  if (s.ignoredColumns.length > 0) out.push(`  ignored columns: ${s.ignoredColumns.join(', ')}`);
  for (const w of s.warnings) out.push(`  warning: ${w.message}`);
  for (const e of s.errors.slice(0, 50)) {
    out.push(
      `  line ${e.line}${e.column ? `, ${e.column}` : ''}: ${e.message}${e.value ? ` ("${e.value}")` : ''}`,
    );
  }
  if (s.errors.length > 50) out.push(`  … and ${s.errors.length - 50} more errors`);
  return `${out.join('\n')}\n`;
}
