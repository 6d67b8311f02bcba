import { describe, expect, it } from 'vitest';
import { requestFeature } from '../../src/services/feature-flags.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { cliOn } from '../helpers/cli.ts';
import { createTestContext } from '../helpers/db.ts';

// New organizations start without features here, so that turning one on shows.
const ctx = await createTestContext({ defaultFeatures: [] });
const admin = await buildOrganization(ctx, { slug: 'acme', name: 'ACME SA' });
await buildOrganization(ctx, { slug: 'other' });

const run = cliOn(ctx);

const HOOK = 'https://hooks.slack.com/services/T1/B1/TOPSECRET';

describe('clientele settings', () => {
  it('prints every setting of an organization', async () => {
    const r = await run('settings', 'acme');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'Settings of acme (ACME SA):',
        '  source-system                  none',
        '  main-contact-from-integration  off',
        '  customers-updatable-by-files   on',
        '  country                        FR',
        '  language                       en',
        '  slack-webhook                  not configured',
        '  features                       none',
        '  feature requests               none',
        '',
      ].join('\n'),
    );
  });

  it('changes each setting by its key, and shows one setting by its key alone', async () => {
    const cases: [string, string, string][] = [
      ['source-system', 'Salesforce-Native', 'salesforce_native'],
      ['main-contact-from-integration', 'on', 'on'],
      ['customers-updatable-by-files', 'no', 'off'],
      ['country', 'de', 'DE'],
      ['language', 'FR', 'fr'],
      ['slack-webhook', HOOK, 'configured'],
    ];
    for (const [key, value, shown] of cases) {
      const r = await run('settings', 'acme', key, value);
      expect(r).toEqual({ code: 0, out: `Set ${key} of acme to ${shown}.\n`, err: '' });
      expect((await run('settings', 'acme', key)).out).toBe(`${shown}\n`);
    }
    const json = JSON.parse((await run('settings', 'acme', '--json')).out);
    expect(json).toMatchObject({
      sourceSystem: 'salesforce_native',
      mainContactFromIntegration: true,
      customersUpdatableByFiles: false,
      defaultCountry: 'DE',
      defaultLanguage: 'fr',
      slackWebhookConfigured: true,
    });
    expect(JSON.stringify(json)).not.toContain('TOPSECRET');
    expect((await run('settings', 'acme', 'slack-webhook', 'none')).out).toBe(
      'Set slack-webhook of acme to not configured.\n',
    );
    // Another organization is untouched.
    expect((await run('settings', 'other', 'source-system')).out).toBe('none\n');
  });

  it('fails with one clear line and a non-zero exit code on a bad key or value', async () => {
    const bad: [string[], string][] = [
      [['colour', 'blue'], 'unknown_setting'],
      [['source-system', 'sap'], 'unknown_source_system'],
      [['main-contact-from-integration', 'maybe'], 'invalid_on_off'],
      [['country', 'Atlantis'], 'unknown_country'],
      [['language', 'de'], 'unsupported_language'],
      [['slack-webhook', 'http://hooks.slack.com/services/T1/B1/PLAIN'], 'invalid_slack_webhook'],
    ];
    for (const [args, code] of bad) {
      const r = await run('settings', 'acme', ...args);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(new RegExp(`^clientele: .+ \\[${code}\\]\\n$`));
    }
    expect((await run('settings', 'acme', 'colour', 'blue')).err).toBe(
      'clientele: Unknown setting "colour": use one of source-system, main-contact-from-integration, customers-updatable-by-files, country, language, slack-webhook. [unknown_setting]\n',
    );
    expect((await run('settings', 'nope')).err).toBe(
      'clientele: No organization "nope". [organization_not_found]\n',
    );
    expect((await run('settings', 'acme', 'source-system')).out).toBe('salesforce_native\n');
  });
});

describe('clientele feature', () => {
  it('lists pending requests, turns a feature on (closing them) and off', async () => {
    expect((await run('feature', 'requests')).out).toBe('No pending feature requests.\n');
    const asked = await requestFeature(ctx, admin, 'contact-import');
    expect(asked.ok).toBe(true);
    const list = await run('feature', 'requests');
    expect(list.out).toMatch(/^acme\tcontact-import\tadmin@acme\.test\t\d{4}-\d\d-\d\dT[\d:.]+Z\n$/);
    const json = JSON.parse((await run('feature', 'requests', '--json')).out);
    expect(json).toEqual([
      {
        organization: 'acme',
        flag: 'contact-import',
        requestedBy: 'admin@acme.test',
        requestedAt: expect.any(String),
      },
    ]);

    expect(await run('feature', 'enable', 'acme', 'contact-import')).toEqual({
      code: 0,
      out: 'Enabled contact-import for acme.\n',
      err: '',
    });
    expect((await run('feature', 'enable', 'acme', 'contact-import')).out).toBe(
      'contact-import was already enabled for acme.\n',
    );
    expect((await run('feature', 'requests')).out).toBe('No pending feature requests.\n');
    expect((await run('settings', 'acme')).out).toContain(
      '  features                       contact-import\n',
    );
    expect((await run('settings', 'other')).out).toContain('  features                       none\n');

    expect((await run('feature', 'disable', 'acme', 'contact-import')).out).toBe(
      'Disabled contact-import for acme.\n',
    );
    expect((await run('settings', 'acme')).out).toContain('  features                       none\n');
  });

  it('refuses an unknown feature and an unknown organization with one line', async () => {
    const unknown = await run('feature', 'enable', 'acme', 'time-travel');
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toBe(
      'clientele: Unknown feature "time-travel": use one of contact-import. [unknown_feature]\n',
    );
    expect((await run('feature', 'disable', 'nope', 'contact-import')).code).toBe(1);
  });

  it('has --help for every command', async () => {
    for (const cmd of [
      ['settings'],
      ['feature', 'enable'],
      ['feature', 'disable'],
      ['feature', 'requests'],
    ]) {
      const r = await run(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: clientele /);
    }
  });
});
