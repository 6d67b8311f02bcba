import fs from 'node:fs';
import type { Command } from 'commander';
import { exportRecords } from '../../services/export-records.ts';
import { operatorActor } from '../../services/operator.ts';
import { type CliDeps, CliFailure, failWith, withServices } from '../context.ts';

/** `clientele export <org> customers|contacts [--format csv|xlsx] [--lang en|fr] [-o file]`. */
export function registerExportCommand(program: Command, deps: CliDeps): void {
  program
    .command('export')
    .description('Export customers or contacts with the import template’s columns (edit, then import back)')
    .argument('<org>', 'organization slug')
    .argument('<what>', 'customers or contacts')
    .option('--format <format>', 'csv or xlsx', 'csv')
    .option('--lang <lang>', 'column names in en or fr (default: the organization’s language)')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (org: string, what: string, opts: { format: string; lang?: string; output?: string }) => {
      if (what !== 'customers' && what !== 'contacts')
        throw new CliFailure(`Export customers or contacts, not "${what}"`);
      if (opts.format !== 'csv' && opts.format !== 'xlsx') throw new CliFailure(`--format is csv or xlsx`);
      if (opts.lang !== undefined && opts.lang !== 'en' && opts.lang !== 'fr')
        throw new CliFailure(`--lang is en or fr`);
      await withServices(deps, async (ctx) => {
        const actor = await operatorActor(ctx, org);
        if (!actor.ok) failWith(actor.error);
        const file = exportRecords(ctx, actor.value, {
          entity: what,
          format: opts.format as 'csv' | 'xlsx',
          lang: (opts.lang as 'en' | 'fr' | undefined) ?? actor.value.language,
        });
        const output = opts.output ? fs.createWriteStream(opts.output) : deps.out;
        await file.writeTo(output);
        if (opts.output) deps.err.write(`Wrote ${opts.output}\n`);
      });
    });
}
