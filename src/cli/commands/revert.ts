import type { Command } from 'commander';
import { translate } from '../../domain/messages/index.ts';
import { revertImport } from '../../services/imports/revert-import.ts';
import { operatorActor } from '../../services/operator.ts';
import { type CliDeps, failWith, withServices } from '../context.ts';

interface Report {
  deleted: number;
  restored: number;
  conflicts: { line: number; entity: string; recordId: string; code: string }[];
}

/** `clientele revert <org> <import-id> [--json]`. */
export function registerRevertCommand(program: Command, deps: CliDeps): void {
  program
    .command('revert')
    .description('Cancel an applied import: remove what it created, put back what it changed')
    .argument('<org>', 'organization slug')
    .argument('<import-id>', 'the import to cancel')
    .option('--json', 'print the result as JSON')
    .action(async (org: string, importId: string, opts: { json?: boolean }) => {
      await withServices(deps, async (ctx) => {
        const actor = await operatorActor(ctx, org);
        if (!actor.ok) failWith(actor.error);
        if (!/^[0-9a-f-]{36}$/i.test(importId)) failWith({ code: 'not_found' });
        const r = await revertImport(ctx, actor.value, importId);
        if (!r.ok) failWith(r.error);
        const report = r.value.revertReport as Report;
        const lang = actor.value.language;
        const conflicts = report.conflicts.map((c) => ({
          ...c,
          message: translate(c.code, lang, { line: c.line, entity: c.entity }),
        }));
        if (opts.json) {
          deps.out.write(
            `${JSON.stringify({ id: r.value.id, status: r.value.status, ...report, conflicts })}\n`,
          );
          return;
        }
        const lines = [
          `Import ${r.value.id} reverted: ${report.deleted} records removed, ${report.restored} changes put back.`,
          ...conflicts.map((c) => `  ${c.message}`),
        ];
        deps.out.write(`${lines.join('\n')}\n`);
      });
    });
}
