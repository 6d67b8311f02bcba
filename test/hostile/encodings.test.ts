/**
 * Broken text, end to end: invalid UTF-8, two encodings in one file, NUL characters, unpaired UTF-16 surrogates.
 * Each file is either read the one right way (and its text stored exactly) or refused with a code naming the line,
 * with nothing written, even when the bad bytes come after thousands of good lines.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/domain/messages/index.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { buildZip } from '../fixtures/zip.ts';
import { createTestContext } from '../helpers/db.ts';
import { customersOf } from '../helpers/imports.ts';
import { workbookOf } from './fixtures.ts';
import { expectRefused, imported, runFile, seededOrganization } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const bytes = (...values: number[]) => Buffer.from(values);
const HEADER = utf8('Name;City\r\n');
/** Lines with real UTF-8 accents, enough for the file to be read as UTF-8. */
const ACCENTED = utf8('Élodie Café;Besançon\r\nJérôme Crème;Orléans\r\n');

/** `n` good UTF-8 lines, each a distinct customer. */
function goodLines(n: number, from = 0): Buffer {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++) lines.push(`Société ${i};Besançon\r\n`);
  return utf8(lines.join(''));
}

describe('7. invalid UTF-8 bytes', () => {
  const broken: [string, Buffer][] = [
    ['a lead byte without its continuation (C3 28)', bytes(0xc3, 0x28)],
    ['an overlong "/" (C0 AF)', bytes(0xc0, 0xaf)],
    ['an encoded UTF-16 surrogate (ED A0 80)', bytes(0xed, 0xa0, 0x80)],
    ['a five-byte sequence (F8 88 80 80 80)', bytes(0xf8, 0x88, 0x80, 0x80, 0x80)],
    ['a lone continuation byte (80)', bytes(0x80)],
    ['a code point past U+10FFFF (F4 90 80 80)', bytes(0xf4, 0x90, 0x80, 0x80)],
  ];
  for (const [label, bad] of broken) {
    it(`after UTF-8 accents, ${label} on line 4: refused as mixed_encoding at line 4`, async () => {
      const org = await seededOrganization(ctx);
      const file = Buffer.concat([HEADER, ACCENTED, utf8('Zo'), bad, utf8(';Lyon\r\nAcme;Paris\r\n')]);
      await expectRefused(
        ctx,
        org,
        { bytes: file, name: 'broken.csv' },
        { stage: 'preview', code: 'mixed_encoding', params: { line: 4 } },
      );
    });
  }

  it('a multi-byte sequence cut by the end of the file, after UTF-8 accents: mixed_encoding at the last line', async () => {
    const org = await seededOrganization(ctx);
    const file = Buffer.concat([HEADER, ACCENTED, utf8('Zoé;Ly'), bytes(0xe2, 0x82)]);
    await expectRefused(
      ctx,
      org,
      { bytes: file, name: 'cut.csv' },
      { stage: 'preview', code: 'mixed_encoding', params: { line: 4 } },
    );
  });

  it('invalid UTF-8 in an otherwise ASCII file is Windows-1252: read that way and stored exactly', async () => {
    const org = await seededOrganization(ctx);
    const file = Buffer.concat([
      utf8('Name;City\r\nAcme;Paris\r\nCaf'),
      bytes(0xe9), // é
      utf8(' Cr'),
      bytes(0xe8), // è
      utf8('me;L'),
      bytes(0xff), // ÿ
      utf8('on\r\n'),
      bytes(0x80), // €
      utf8(' Partners;Metz\r\n'),
    ]);
    const s = imported(await runFile(ctx, org.actor, 'customers', file, 'latin.csv'));
    expect(s.lines).toMatchObject({ created: 3, error: 0 });
    const names = (await customersOf(ctx, org.actor.organizationId)).map((c) => [c.name, c.city]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['Acme', 'Paris'],
        ['Café Crème', 'Lÿon'],
        ['€ Partners', 'Metz'],
      ]),
    );
    const { rows } = await ctx.system.pool.query('select encoding from imports where id = $1', [s.id]);
    expect(rows[0].encoding).toBe('windows-1252');
  });

  for (const undefinedByte of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
    it(`a byte that is text in neither UTF-8 nor Windows-1252 (${undefinedByte.toString(16).toUpperCase()}): unreadable_bytes at its line`, async () => {
      const org = await seededOrganization(ctx);
      const file = Buffer.concat([
        utf8('Name;City\r\nAcme;Paris\r\nBeta;Nancy\r\nAc'),
        bytes(undefinedByte),
        utf8('me;X\r\n'),
      ]);
      await expectRefused(
        ctx,
        org,
        { bytes: file, name: 'undefined.csv' },
        { stage: 'preview', code: 'unreadable_bytes', params: { line: 4 } },
      );
    });
  }

  it('such a byte in the header refuses the file at upload', async () => {
    const org = await seededOrganization(ctx);
    const file = Buffer.concat([utf8('Na'), bytes(0x81), utf8('me;City\r\nAcme;Paris\r\n')]);
    await expectRefused(
      ctx,
      org,
      { bytes: file, name: 'header.csv' },
      { stage: 'upload', code: 'unreadable_bytes', params: { line: 1 } },
    );
  });

  it('unreadable_bytes has an English and a French message naming the line', () => {
    expect(translate('unreadable_bytes', 'en', { line: 7 })).toContain('Line 7');
    expect(translate('unreadable_bytes', 'fr', { line: 7 })).toContain('ligne 7');
  });
});

describe('8. mixed encodings', () => {
  it('UTF-8 accents then Windows-1252 bytes on line 5: mixed_encoding at line 5', async () => {
    const org = await seededOrganization(ctx);
    const file = Buffer.concat([
      HEADER,
      ACCENTED,
      utf8('Noël;Nîmes\r\n'),
      iconv.encode('Zoé;Lyon\r\n', 'windows-1252'),
    ]);
    await expectRefused(
      ctx,
      org,
      { bytes: file, name: 'mixed.csv' },
      { stage: 'preview', code: 'mixed_encoding', params: { line: 5 } },
    );
  });

  it('Windows-1252 bytes after 5,000 UTF-8 lines: applied at once, refused, and none of the 5,000 written', async () => {
    const org = await seededOrganization(ctx);
    const file = Buffer.concat([
      HEADER,
      goodLines(5000),
      iconv.encode('Zoé;Lyon\r\n', 'windows-1252'),
      goodLines(10, 9000),
    ]);
    await expectRefused(
      ctx,
      org,
      { bytes: file, name: 'late.csv', opts: { applyOnly: true } },
      { stage: 'apply', code: 'mixed_encoding', params: { line: 5002 } },
    );
  });

  it('the same file previewed first is refused at the preview, and cannot be applied after', async () => {
    const org = await seededOrganization(ctx);
    const file = Buffer.concat([HEADER, goodLines(5000), iconv.encode('Zoé;Lyon\r\n', 'windows-1252')]);
    const outcome = await expectRefused(
      ctx,
      org,
      { bytes: file, name: 'late.csv' },
      { stage: 'preview', code: 'mixed_encoding', params: { line: 5002 } },
    );
    const { applyImport } = await import('../../src/services/imports/apply-import.ts');
    const again = await applyImport(ctx, org.actor, outcome.importId!);
    expect(again).toMatchObject({ ok: false, error: { code: 'import_not_ready' } });
    await org.unchanged();
  });
});

describe('9. NUL bytes', () => {
  it('in the first lines: refused at upload as binary', async () => {
    const org = await seededOrganization(ctx);
    const file = utf8('Name;City\r\nAc\u0000me;Paris\r\n');
    await expectRefused(
      ctx,
      org,
      { bytes: file, name: 'nul.csv' },
      { stage: 'upload', code: 'not_a_spreadsheet', params: { detected: 'binary' } },
    );
  });

  it('after two batches of good lines, past the first MiB read: refused when applied, none of them written', async () => {
    const org = await seededOrganization(ctx);
    // 4,500 lines of 300 bytes: the NUL comes after the first 1 MiB chunk and after two batches of lines.
    const lines = Array.from({ length: 4500 }, (_, i) => `Société ${i};Besançon;${'n'.repeat(270)}\r\n`);
    const file = Buffer.concat([utf8(`Name;City;Note\r\n${lines.join('')}`), utf8('Ac\u0000me;Paris;x\r\n')]);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    await expectRefused(
      ctx,
      org,
      { bytes: file, name: 'late-nul.csv', opts: { applyOnly: true } },
      { stage: 'apply', code: 'not_a_spreadsheet', params: { detected: 'binary' } },
    );
  });

  it('a NUL character in a UTF-16 file: refused as binary', async () => {
    const org = await seededOrganization(ctx);
    const file = Buffer.concat([
      bytes(0xff, 0xfe),
      iconv.encode('Name\tCity\r\nAc\u0000me\tParis\r\n', 'utf-16le'),
    ]);
    await expectRefused(
      ctx,
      org,
      { bytes: file, name: 'nul16.txt' },
      { stage: 'upload', code: 'not_a_spreadsheet', params: { detected: 'binary' } },
    );
  });

  it('a NUL escaped in a workbook cell (_x0000_): refused as a damaged workbook', async () => {
    const org = await seededOrganization(ctx);
    const rows = [
      ['Name', 'City'],
      ['Acme', 'Paris'],
      ['Ac_x0000_me', 'Lyon'],
    ];
    await expectRefused(
      ctx,
      org,
      { bytes: buildZip(workbookOf(rows)), name: 'nul.xlsx' },
      { code: 'invalid_xlsx' },
    );
  });

  it('a NUL escaped in the header of a workbook: refused at upload', async () => {
    const org = await seededOrganization(ctx);
    const rows = [
      ['Na_x0000_me', 'City'],
      ['Acme', 'Paris'],
    ];
    await expectRefused(
      ctx,
      org,
      { bytes: buildZip(workbookOf(rows)), name: 'nul.xlsx' },
      { stage: 'upload', code: 'invalid_xlsx' },
    );
  });
});

describe('unpaired UTF-16 surrogates (text no encoding can store)', () => {
  it('in a UTF-16 file: unreadable_bytes at its line', async () => {
    const org = await seededOrganization(ctx);
    for (const [encoding, bom] of [
      ['utf-16le', bytes(0xff, 0xfe)],
      ['utf-16be', bytes(0xfe, 0xff)],
    ] as const) {
      const file = Buffer.concat([
        bom,
        iconv.encode('Name\tCity\r\nAcme\tParis\r\nAc\ud800me\tLyon\r\n', encoding),
      ]);
      await expectRefused(
        ctx,
        org,
        { bytes: file, name: `lone-${encoding}.txt` },
        { stage: 'preview', code: 'unreadable_bytes', params: { line: 3 } },
      );
    }
  });

  it('a surrogate pair split across two chunks of the stored upload still reads as its character', async () => {
    const org = await seededOrganization(ctx);
    // The upload is stored and read back in 1 MiB chunks: put an emoji's two halves on each side of the first cut.
    const filler = Array.from({ length: 50 }, (_, i) => `Filler ${i}\tParis\t${'n'.repeat(10_000)}\r\n`).join(
      '',
    );
    const head = `Name\tCity\tNote\r\n${filler}Padding\tParis\t`;
    const cut = 512 * 1024 - 1; // code units before the emoji: the BOM, the lines, the line end
    const pad = 'x'.repeat(cut - 1 - head.length - 2);
    const text = `${head}${pad}\r\n😀 Smile\tParis\tz\r\nAcme\tLyon\tz\r\n`;
    for (const [encoding, bom] of [
      ['utf-16le', bytes(0xff, 0xfe)],
      ['utf-16be', bytes(0xfe, 0xff)],
    ] as const) {
      const file = Buffer.concat([bom, iconv.encode(text, encoding)]);
      expect(file.subarray(1024 * 1024 - 2, 1024 * 1024 + 2)).toEqual(iconv.encode('😀', encoding));
      const s = imported(
        await runFile(ctx, org.actor, 'customers', file, `split-${encoding}.txt`, { dryRun: true }),
      );
      expect(s.errors).toEqual([]);
      expect(s.lines).toMatchObject({ created: 53, error: 0 });
    }
  });

  it('escaped in a workbook cell (_xD800_): refused as a damaged workbook', async () => {
    const org = await seededOrganization(ctx);
    const rows = [
      ['Name', 'City'],
      ['Acme', 'Paris'],
      ['Ac_xD800_me', 'Lyon'],
    ];
    await expectRefused(
      ctx,
      org,
      { bytes: buildZip(workbookOf(rows)), name: 'lone.xlsx' },
      { code: 'invalid_xlsx' },
    );
  });

  it('an escaped pair in a workbook cell reads as its character', async () => {
    const org = await seededOrganization(ctx);
    const rows = [
      ['Name', 'City'],
      ['Smile _xD83D__xDE00_ SAS', 'Paris'],
    ];
    const s = imported(await runFile(ctx, org.actor, 'customers', buildZip(workbookOf(rows)), 'pair.xlsx'));
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
    const names = (await customersOf(ctx, org.actor.organizationId)).map((c) => c.name);
    expect(names).toContain('Smile 😀 SAS');
  });
});
