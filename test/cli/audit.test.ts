import { describe, expect, it } from 'vitest';
import { cliOn } from '../helpers/cli.ts';
import { createTestContext } from '../helpers/db.ts';

const ctx = await createTestContext();
const run = cliOn(ctx);

describe('clientele audit', () => {
  it('prints an organization’s audit log, newest first, by slug or id, as text or JSON', async () => {
    const org = await run(
      'org',
      'create',
      'audited',
      '--name',
      'Audited',
      '--admin-email',
      'boss@audited.fr',
      '--json',
    );
    expect(org.code).toBe(0);
    const orgId = JSON.parse(org.out).id as string;
    expect((await run('member', 'add', 'audited', 'bob@audited.fr', '--role', 'member')).code).toBe(0);
    expect((await run('dunning-plan', 'add', 'audited', 'Standard', '--step', '5:main')).code).toBe(0);
    expect((await run('settings', 'audited', 'country', 'BE')).code).toBe(0);

    const json = await run('audit', '--org', 'audited', '--json');
    expect(json.code).toBe(0);
    const page = JSON.parse(json.out);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((e: { action: string }) => e.action)).toEqual([
      'settings.updated',
      'dunning_plan.created',
      'member.added',
    ]);
    // The command line acts as the instance operator: no member, labelled as such.
    expect(page.items[2]).toMatchObject({
      actor: { label: 'command line', memberId: null, userId: null, via: 'cli' },
      targetType: 'member',
      summary: { email: 'bob@audited.fr', role: 'member' },
    });
    expect(page.items[0].summary).toEqual({ changes: { defaultCountry: { before: 'FR', after: 'BE' } } });

    const text = await run('audit', '--org', orgId, '--action', 'dunning_plan');
    expect(text.code).toBe(0);
    const lines = text.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.split('\t').slice(1)).toEqual([
      'command line',
      'dunning_plan.created',
      `dunning_plan ${page.items[1].targetId}`,
      'Standard',
    ]);

    const first = await run('audit', '--org', 'audited', '--limit', '1');
    expect(first.out).toContain('settings.updated\torganization');
    expect(first.out).toContain('defaultCountry: "FR" → "BE"');
    const cursor = /--cursor (\S+)/.exec(first.out)?.[1] as string;
    const next = await run('audit', '--org', 'audited', '--limit', '1', '--cursor', cursor, '--json');
    expect(JSON.parse(next.out).items.map((e: { action: string }) => e.action)).toEqual([
      'dunning_plan.created',
    ]);

    expect((await run('audit', '--org', 'audited', '--action', 'customer')).out).toBe('No events.\n');
  });

  it('fails with one clear line', async () => {
    expect(await run('audit', '--org', 'nope')).toMatchObject({
      code: 1,
      err: 'clientele: No organization "nope". [organization_not_found]\n',
    });
    const tooMany = await run('audit', '--org', 'audited', '--limit', '500');
    expect(tooMany.code).toBe(1);
    expect(tooMany.err.trim().split('\n')).toHaveLength(1);
    expect(tooMany.err).toContain('--limit');
    expect((await run('audit')).code).not.toBe(0);
  });
});
