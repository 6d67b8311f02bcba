import type { Command } from 'commander';
import { addMember } from '../../services/members.ts';
import { operatorActor } from '../../services/operator.ts';
import { type CliDeps, failWith, withServices } from '../context.ts';

/** `clientele member add <org> <email> [--name] [--role admin|member]`. */
export function registerMemberCommands(program: Command, deps: CliDeps): void {
  const member = program.command('member').description('Members of an organization');
  member
    .command('add')
    .description('Add a person to an organization (creates their account if new)')
    .argument('<org>', 'organization slug')
    .argument('<email>', 'the person’s email')
    .option('--name <name>', 'display name')
    .option('--role <role>', 'admin or member', 'member')
    .option('--password <password>', 'password for a new account (else they set it through an invitation)')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        org: string,
        email: string,
        opts: { name?: string; role: string; password?: string; json?: boolean },
      ) => {
        await withServices(deps, async (ctx) => {
          const actor = await operatorActor(ctx, org);
          if (!actor.ok) failWith(actor.error);
          const r = await addMember(ctx, actor.value.organizationId, {
            email,
            role: opts.role as 'admin' | 'member',
            ...(opts.name ? { name: opts.name } : {}),
            ...(opts.password ? { password: opts.password } : {}),
          });
          if (!r.ok) failWith(r.error);
          deps.out.write(
            opts.json
              ? `${JSON.stringify(r.value)}\n`
              : `Added ${r.value.email} to ${org} as ${r.value.role}.\n`,
          );
        });
      },
    );
}
