import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { setImportMapping } from '../../src/services/imports/set-import-mapping.ts';
import { uploadImport } from '../../src/services/imports/upload-import.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();

const upload = (actor: Awaited<ReturnType<typeof buildOrganization>>, text: string) =>
  uploadImport(ctx, actor, {
    kind: 'contacts',
    fileName: 'crm.csv',
    body: (async function* () {
      yield Buffer.from(text);
    })(),
  });

describe('column mapping', () => {
  it('lists unmatched columns as ignored, and remembers a mapping chosen by hand for the next file with the same headers', async () => {
    const actor = await buildOrganization(ctx);
    const headers = ['Compte tiers', 'Courriel', 'Poste occupé'];
    const first = await upload(actor, csv([headers, ['Acme', 'a@acme.fr', 'Comptable']], ';'));
    if (!first.ok) throw new Error(first.error.code);
    expect(first.value.mapping).toEqual([null, 'email', null]);
    expect(first.value.ignoredColumns).toEqual(['Compte tiers', 'Poste occupé']);

    const chosen = await setImportMapping(ctx, actor, first.value.id, [
      { column: 'Compte tiers', field: 'customerName' },
      { column: 'Courriel', field: 'email' },
      { column: 'Poste occupé', field: 'positions' },
    ]);
    expect(chosen.ok).toBe(true);

    const second = await upload(actor, csv([headers, ['Beta', 'b@beta.fr', 'Finance']], ';'));
    if (!second.ok) throw new Error(second.error.code);
    expect(second.value.mapping).toEqual(['customerName', 'email', 'positions']);
    expect(second.value.ignoredColumns).toEqual([]);
    expect(second.value.warnings.map((w) => w.code)).toContain('mapping_remembered');

    // Another organization does not see it.
    const other = await buildOrganization(ctx);
    const theirs = await upload(other, csv([headers, ['Acme', 'a@acme.fr', 'Comptable']], ';'));
    expect(theirs.ok && theirs.value.mapping).toEqual([null, 'email', null]);
  });
});
