import type { Command } from 'commander';
import { disableFeature, enableFeature, listFeatureRequests } from '../../services/feature-flags.ts';
import { operatorActor } from '../../services/operator.ts';
import { type CliDeps, failWith, withServices } from '../context.ts';

/** `clientele feature enable|disable <org> <flag>` and `clientele feature requests [--json]`. */
export function registerFeatureCommands(program: Command, deps: CliDeps): void {
  const feature = program.command('feature').description('Per-organization features and requests for them');

  for (const on of [true, false]) {
    feature
      .command(on ? 'enable' : 'disable')
      .description(
        on ? 'Turn a feature on for an organization (closes its pending requests)' : 'Turn a feature off',
      )
      .argument('<org>', 'organization slug')
      .argument('<flag>', 'feature, e.g. contact-import')
      .action(async (org: string, flag: string) => {
        await withServices(deps, async (ctx) => {
          const actor = await operatorActor(ctx, org);
          if (!actor.ok) failWith(actor.error);
          const r = on
            ? await enableFeature(ctx, actor.value, flag)
            : await disableFeature(ctx, actor.value, flag);
          if (!r.ok) failWith(r.error);
          const state = on ? 'enabled' : 'disabled';
          deps.out.write(
            r.value.changed
              ? `${capitalise(state)} ${flag} for ${org}.\n`
              : `${flag} was already ${state} for ${org}.\n`,
          );
        });
      });
  }

  feature
    .command('requests')
    .description('List pending feature requests of every organization, oldest first')
    .option('--json', 'print the requests as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withServices(deps, async (ctx) => {
        const requests = await listFeatureRequests(ctx);
        if (opts.json) {
          const rows = requests.map((r) => ({
            organization: r.organizationSlug,
            flag: r.flag,
            requestedBy: r.requestedBy,
            requestedAt: r.requestedAt.toISOString(),
          }));
          deps.out.write(`${JSON.stringify(rows)}\n`);
          return;
        }
        if (requests.length === 0) {
          deps.out.write('No pending feature requests.\n');
          return;
        }
        for (const r of requests)
          deps.out.write(
            `${r.organizationSlug}\t${r.flag}\t${r.requestedBy ?? '(unknown)'}\t${r.requestedAt.toISOString()}\n`,
          );
      });
    });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
