import fs from 'node:fs';
import type { Command } from 'commander';
import { isImportKind } from '../../domain/import-fields.ts';
import { renderTemplate } from '../../services/render-template.ts';
import { type CliDeps, CliFailure } from '../context.ts';

/** `clientele template <kind> [--format csv|xlsx] [--lang en|fr] [-o file]`. */
export function registerTemplateCommand(program: Command, deps: CliDeps): void {
  program
    .command('template')
    .description('Write the import template of a kind (customers, contacts, assignments or invoices)')
    .argument('<kind>', 'customers, contacts, assignments or invoices')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--lang <lang>', 'column names in en or fr', 'en')
    .option('-o, --output <file>', 'write to this file (default: the template’s own name)')
    .action(async (kind: string, opts: { format: string; lang: string; output?: string }) => {
      if (!isImportKind(kind)) {
        throw new CliFailure(
          `Templates exist for customers, contacts, assignments and invoices, not "${kind}"`,
        );
      }
      if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new CliFailure(`--format is csv or xlsx`);
      if (opts.lang !== 'en' && opts.lang !== 'fr') throw new CliFailure(`--lang is en or fr`);
      const file = await renderTemplate({
        kind,
        format: opts.format,
        lang: opts.lang,
      });
      const target = opts.output ?? file.fileName;
      fs.writeFileSync(target, file.body);
      deps.out.write(`Wrote ${target}\n`);
    });
}
