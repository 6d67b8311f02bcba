/**
 * Lookalike and invisible characters in names and emails, end to end. What Clientele does:
 * - Invisible characters (zero-width spaces and joiners, bidi controls such as U+202E, U+200F, U+061C, word
 *   joiners, Hangul fillers, tag characters) are removed from every value before it is checked, matched or
 *   stored: "\u202eSociété Générale" is "Société Générale". A name made only of them is empty.
 * - Letters of another script that look Latin ("Sociétа" with a Cyrillic "а") make another name: such a line never
 *   matches nor merges into the customer it imitates; it creates its own customer, and the real one is untouched.
 * - Full-width letters ("ＡＣＭＥ") are the same letters in another width (Unicode compatibility): the name matches
 *   the customer written in ordinary letters, whose spelling is kept.
 * - Emails: an address with full-width letters or ligatures, or whose local part or a domain label mixes Latin,
 *   Cyrillic and Greek letters, is refused as invalid_email; an address wholly in one script is accepted; accents
 *   are composed, so "é" typed as e + U+0301 is the same address.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { createTestContext } from '../helpers/db.ts';
import { contactsOf, csv, customersOf } from '../helpers/imports.ts';
import { imported, runFile, seededOrganization } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

const file = (rows: string[][]) => Buffer.from(csv(rows));
/** Characters that show as nothing, or that reorder what follows. */
const INVISIBLE_OR_BIDI = /[\p{Cf}\u3164\u115f\u1160\uffa0]/u;

describe('17. Unicode confusables and invisible characters', () => {
  it('a Cyrillic lookalike of a customer name creates its own customer; the real one is untouched', async () => {
    const org = await seededOrganization(ctx);
    const lookalike = 'Soci\u00e9t\u0430 G\u00e9n\u00e9rale'; // the last "а" of Sociétа is Cyrillic
    const s = imported(
      await runFile(
        ctx,
        org.actor,
        'customers',
        file([
          ['Name', 'City'],
          [lookalike, 'Lyon'],
        ]),
        'lookalike.csv',
      ),
    );
    expect(s.lines).toMatchObject({ created: 1, updated: 0, error: 0 });
    const customers = await customersOf(ctx, org.actor.organizationId);
    expect(customers.map((c) => [c.name, c.city])).toEqual(
      expect.arrayContaining([
        ['Société Générale', 'Paris'],
        [lookalike, 'Lyon'],
      ]),
    );
    expect(customers).toHaveLength(2);
  });

  it('a contacts line naming the lookalike never lands on the real customer', async () => {
    const org = await seededOrganization(ctx);
    const greek = '\u0391CME'; // Greek capital alpha
    const s = imported(
      await runFile(
        ctx,
        org.actor,
        'contacts',
        file([
          ['Customer name', 'Email'],
          ['Soci\u00e9t\u0430 G\u00e9n\u00e9rale', 'spoof@evil.example'],
          [greek, 'alpha@evil.example'],
        ]),
        'lookalike-contacts.csv',
      ),
    );
    expect(s.lines).toMatchObject({ created: 2, error: 0 });
    const contacts = await contactsOf(ctx, org.actor.organizationId);
    expect(contacts.filter((c) => c.customer === 'Société Générale').map((c) => c.email)).toEqual([
      'jean@sg.fr',
    ]);
  });

  it('full-width letters are the same name: the line updates the customer, whose spelling is kept', async () => {
    const org = await seededOrganization(ctx);
    const fullWidth =
      '\uff33\uff2f\uff23\uff29\uff25\uff34\uff25 \uff27\uff25\uff2e\uff25\uff32\uff21\uff2c\uff25'; // ＳＯＣＩＥＴＥ ＧＥＮＥＲＡＬＥ
    const s = imported(
      await runFile(
        ctx,
        org.actor,
        'customers',
        file([
          ['Name', 'City'],
          [fullWidth, 'Marseille'],
        ]),
        'full-width.csv',
      ),
    );
    expect(s.lines).toMatchObject({ created: 0, updated: 1, error: 0 });
    expect((await customersOf(ctx, org.actor.organizationId)).map((c) => [c.name, c.city])).toEqual([
      ['Société Générale', 'Marseille'],
    ]);
  });

  it('bidi controls, zero-width and other invisible characters are removed: the names match the customer', async () => {
    const org = await seededOrganization(ctx);
    const disguised = [
      '\u202eSociété Générale', // right-to-left override
      'Société Générale\u200f', // right-to-left mark
      'Soci\u200bété Générale', // zero-width space
      'Société\u2060 Générale', // word joiner
      'Société Générale\u061c', // Arabic letter mark
      'Société \u2066Générale\u2069', // isolates
      'Société Générale\u{e0041}\u{e007f}', // tag characters
      '\u00adSociété Générale', // soft hyphen
    ];
    const s = imported(
      await runFile(
        ctx,
        org.actor,
        'customers',
        file([['Name'], ...disguised.map((n) => [n])]),
        'invisible.csv',
      ),
    );
    expect(s.lines).toMatchObject({ created: 0, error: 0, unchanged: disguised.length });
    expect((await customersOf(ctx, org.actor.organizationId)).map((c) => c.name)).toEqual([
      'Société Générale',
    ]);
  });

  it('a new name is stored without its invisible characters; a name of only invisible characters is missing', async () => {
    const org = await seededOrganization(ctx);
    const s = imported(
      await runFile(
        ctx,
        org.actor,
        'customers',
        file([
          ['Name', 'City'],
          ['\u202eexe.sgnirtS\u202c Ltd', 'Lyon'],
          ['Zero\u200dWidth\u200c SAS', 'Nice'],
          ['\u3164', 'Lille'],
          ['\u200b\u200f\u2060', 'Metz'],
        ]),
        'new-invisible.csv',
      ),
    );
    expect(s.lines).toMatchObject({ created: 2, error: 2 });
    expect(s.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [4, 'Name', 'missing_required'],
      [5, 'Name', 'missing_required'],
    ]);
    const names = (await customersOf(ctx, org.actor.organizationId)).map((c) => c.name);
    expect(names).toEqual(['exe.sgnirtS Ltd', 'Société Générale', 'ZeroWidth SAS']);
    expect(names.filter((n) => INVISIBLE_OR_BIDI.test(n))).toEqual([]);
  });

  it('an invisible character in a header does not hide the column', async () => {
    const org = await seededOrganization(ctx);
    const s = imported(
      await runFile(
        ctx,
        org.actor,
        'customers',
        file([
          ['\u202eName\u200b', 'Ci\u200dty'],
          ['Acme', 'Lyon'],
        ]),
        'header.csv',
      ),
    );
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
    expect(s.ignoredColumns).toEqual([]);
  });

  it('emails: lookalike addresses are refused as invalid_email, invisible marks removed, one-script addresses kept', async () => {
    const org = await seededOrganization(ctx);
    const lines: [string, string][] = [
      ['j\u0435an@sg.fr', 'invalid_email'], // Cyrillic е in the local part
      ['jean@\u0455g.fr', 'invalid_email'], // Cyrillic ѕ in a domain label
      ['\u03b1lice@sg.fr', 'invalid_email'], // Greek α
      ['\uff4a\uff45\uff41\uff4e@sg.fr', 'invalid_email'], // full-width ｊｅａｎ
      ['\ufb01nance@sg.fr', 'invalid_email'], // the "ﬁ" ligature
      ['jean\u200b@sg.fr', 'ok'], // zero-width space: removed, the existing contact
      ['\u202ejean@sg.fr\u202c', 'ok'], // bidi override: removed, the existing contact
      ['пример@пример.рф', 'ok'],
      ['jose\u0301@sg.fr', 'ok'], // decomposed é
      ['josé@sg.fr', 'ok'], // the same address, composed
    ];
    const s = imported(
      await runFile(
        ctx,
        org.actor,
        'contacts',
        file([['Customer name', 'Email'], ...lines.map(([email]) => ['Société Générale', email])]),
        'emails.csv',
      ),
    );
    expect(s.errors.map((e) => [e.line, e.column, e.code])).toEqual(
      lines.flatMap(([, outcome], i) => (outcome === 'ok' ? [] : [[i + 2, 'Email', outcome]])),
    );
    expect(s.lines).toMatchObject({ created: 2, unchanged: 3, error: 5 });
    const emails = (await contactsOf(ctx, org.actor.organizationId)).map((c) => c.email);
    expect(emails.sort()).toEqual(['jean@sg.fr', 'josé@sg.fr', 'пример@пример.рф'].sort());
    expect(emails).toContain('jos\u00e9@sg.fr');
  });
});
