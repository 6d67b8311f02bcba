import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { contactsOf, csv, customersOf, runImportText } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();

describe('two imports of one organization at the same time', () => {
  it('never interleave: the second sees what the first created, and nothing is duplicated', async () => {
    const actor = await buildOrganization(ctx);
    const rows = (from: number) =>
      Array.from({ length: 3000 }, (_, i) => [`Client ${(from + i) % 1000}`, `c${from + i}@example.com`]);
    const [a, b] = await Promise.all([
      runImportText(ctx, actor, 'contacts', csv([['Customer name', 'Email'], ...rows(0)])),
      runImportText(ctx, actor, 'contacts', csv([['Customer name', 'Email'], ...rows(1500)])),
    ]);
    expect([a.status, b.status]).toEqual(['success', 'success']);
    // 1,000 customers in all, created once: whichever import ran second found them.
    expect(a.records.customers.created + b.records.customers.created).toBe(1000);
    expect(await customersOf(ctx, actor.organizationId)).toHaveLength(1000);
    // Contacts 1,500 to 2,999 are in both files: created by one import, unchanged in the other.
    expect(a.lines.created + b.lines.created).toBe(4500);
    expect(a.lines.unchanged + b.lines.unchanged).toBe(1500);
    expect(await contactsOf(ctx, actor.organizationId)).toHaveLength(4500);
  });
});
