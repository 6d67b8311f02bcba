import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext, databaseUrlOf } from '../helpers/db.ts';
import { contactsOf, customersOf } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();
const url = databaseUrlOf(ctx);

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['bin/clientele.js', ...args], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function bigContactsFile(lines: number): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-crash-')), 'contacts.csv');
  const out = ['Customer name;Customer external ID;Email;First name;Position'];
  for (let i = 0; i < lines; i++)
    out.push(`Client ${Math.floor(i / 3)};EXT-${Math.floor(i / 3)};p${i}@example.com;P${i};Finance`);
  fs.writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a crash in the middle of an import', () => {
  it('leaves the data exactly as before, and the same import run again then succeeds', async () => {
    const actor = await buildOrganization(ctx, { slug: 'crash-test' });
    const kept = await buildCustomer(ctx, actor, { name: 'Client 1', externalId: 'EXT-1', city: 'Lyon' });
    await buildContact(ctx, actor, kept.id, { email: 'p3@example.com', firstName: 'Before' });
    const customersBefore = await customersOf(ctx, actor.organizationId);
    const contactsBefore = await contactsOf(ctx, actor.organizationId);
    const file = bigContactsFile(60_000);

    const child = cli(['import', 'crash-test', 'contacts', file, '--json']);
    const exited = new Promise((r) => child.on('exit', r));
    // Kill it once it has written some batches inside its transaction.
    await waitFor(async () => {
      const { rows } = await ctx.system.pool.query(
        `select p.lines_done from imports i join import_progress p on p.import_id = i.id
          where i.organization_id = $1 and i.status = 'applying'`,
        [actor.organizationId],
      );
      return (rows[0]?.lines_done ?? 0) >= 4000;
    }, 60_000);
    child.kill('SIGKILL');
    await exited;

    expect(await customersOf(ctx, actor.organizationId)).toEqual(customersBefore);
    expect(await contactsOf(ctx, actor.organizationId)).toEqual(contactsBefore);
    const changes = await ctx.system.pool.query(
      'select count(*)::int as n from import_change_batches where organization_id = $1',
      [actor.organizationId],
    );
    expect(changes.rows[0].n).toBe(0);

    const again = cli(['import', 'crash-test', 'contacts', file, '--json']);
    let out = '';
    again.stdout?.on('data', (d) => {
      out += d;
    });
    const code = await new Promise((r) => again.on('exit', r));
    expect(code).toBe(0);
    const summary = JSON.parse(out);
    expect(summary.status).toBe('success');
    expect(summary.lines).toEqual({ created: 59_999, updated: 1, unchanged: 0, error: 0, blank: 0 });
    expect(summary.records.customers).toEqual({ created: 19_999, updated: 0 });
    const { rows } = await ctx.system.pool.query(
      'select count(*)::int as n from contacts where organization_id = $1',
      [actor.organizationId],
    );
    expect(rows[0].n).toBe(60_000);
  }, 180_000);
});
