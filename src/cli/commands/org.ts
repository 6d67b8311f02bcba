import type { Command } from 'commander';
import { createOrganization } from '../../services/create-organization.ts';
import { type CliDeps, failWith, withServices } from '../context.ts';

/** `clientele org create <slug> --name --admin-email [--admin-password] [--country] [--language]`. */
export function registerOrgCommands(program: Command, deps: CliDeps): void {
  const org = program.command('org').description('Organizations (tenants)');
  org
    .command('create')
    .description('Create an organization and its first admin')
    .argument('<slug>', 'short identifier used in commands and URLs (lower-case letters, digits, dashes)')
    .requiredOption('--name <name>', 'the organization’s display name')
    .requiredOption('--admin-email <email>', 'email of the first admin (an existing user is reused)')
    .option(
      '--admin-password <password>',
      'password of the admin when the user is new (else set by invitation)',
    )
    .option('--country <code>', 'default country for phone numbers, ISO code', 'FR')
    .option('--language <en|fr>', 'default language', 'en')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        slug: string,
        opts: {
          name: string;
          adminEmail: string;
          adminPassword?: string;
          country: string;
          language: string;
          json?: boolean;
        },
      ) => {
        await withServices(deps, async (ctx) => {
          const r = await createOrganization(ctx, {
            slug,
            name: opts.name,
            adminEmail: opts.adminEmail,
            ...(opts.adminPassword ? { adminPassword: opts.adminPassword } : {}),
            country: opts.country,
            language: opts.language as 'en' | 'fr',
          });
          if (!r.ok) failWith(r.error);
          const { organization, user } = r.value;
          deps.out.write(
            opts.json
              ? `${JSON.stringify({ id: organization.id, slug: organization.slug, name: organization.name, adminEmail: user.email })}\n`
              : `Created organization ${organization.slug} (${organization.name}) with admin ${user.email}.\n`,
          );
        });
      },
    );
}
