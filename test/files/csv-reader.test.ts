import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openSpreadsheet } from '../../src/files/reader.ts';
import { EXPECTED_CONTACT_ROWS, HEADER_EN, HEADER_FR } from '../fixtures/contacts-table.ts';
import { fixture, readAll, refusal, trickle } from './helpers.ts';

describe('reading CSV fixtures', () => {
  const cases = [
    ['contacts-fr-utf8-bom-semicolon-crlf.csv', 'utf-8', ';', HEADER_FR],
    ['contacts-fr-utf8-semicolon-lf.csv', 'utf-8', ';', HEADER_FR],
    ['contacts-fr-win1252-semicolon-crlf.csv', 'windows-1252', ';', HEADER_FR],
    ['contacts-en-utf16le-tab-crlf.txt', 'utf-16le', '\t', HEADER_EN],
    ['contacts-en-utf16be-tab-crlf.txt', 'utf-16be', '\t', HEADER_EN],
    ['contacts-en-comma-cr.csv', 'utf-8', ',', HEADER_EN],
    ['contacts-en-pipe-lf.csv', 'utf-8', '|', HEADER_EN],
  ] as const;

  for (const [name, encoding, delimiter, header] of cases) {
    it(`reads ${name}`, async () => {
      const { file, rows } = await readAll(fixture(name), name);
      expect(file.format).toBe('csv');
      expect(file.encoding).toBe(encoding);
      expect(file.delimiter).toBe(delimiter);
      expect(file.header).toEqual({ line: 1, cells: header });
      expect(rows).toEqual(EXPECTED_CONTACT_ROWS);
    });

    it(`reads ${name} the same when the bytes arrive a few at a time`, async () => {
      const { rows } = await readAll(trickle(fixture(name), 5), name);
      expect(rows).toEqual(EXPECTED_CONTACT_ROWS);
    });
  }

  it('reads a Node stream', async () => {
    const name = 'contacts-fr-win1252-semicolon-crlf.csv';
    const { rows } = await readAll(Readable.from([fixture(name)]), name);
    expect(rows).toEqual(EXPECTED_CONTACT_ROWS);
  });

  it('finds the header after blank lines and reports blank rows with their line', async () => {
    const { file, rows } = await readAll(fixture('blank-lines.csv'), 'blank-lines.csv');
    expect(file.header).toEqual({ line: 3, cells: ['Name', 'Email'] });
    expect(rows).toEqual([
      { line: 4, cells: [], blank: true },
      { line: 5, cells: ['Acme', 'a@acme.example'], blank: false },
      { line: 6, cells: [], blank: true },
      { line: 7, cells: [], blank: true },
      { line: 8, cells: ['Beta', 'b@beta.example'], blank: false },
      { line: 9, cells: [], blank: true },
    ]);
  });

  it('removes exactly the neutralisation apostrophe', async () => {
    const { rows } = await readAll(fixture('neutralised.csv'), 'neutralised.csv');
    expect(rows.map((r) => r.cells)).toEqual([
      ['Acme', '-12.50', '=SUM(A1)'],
      ['Beta', "'=x", "'quoted"],
    ]);
  });

  it('keeps quoted delimiters, quotes and line breaks, and values as typed', async () => {
    const text = 'a;b;c\r\n"x;y";"say ""hi""";"1\r\n2\n3"\r\n007;=1+1; spaced \r\n';
    const { rows } = await readAll(Buffer.from(text), 'q.csv');
    expect(rows).toEqual([
      { line: 2, cells: ['x;y', 'say "hi"', '1\r\n2\n3'], blank: false },
      { line: 5, cells: ['007', '=1+1', ' spaced '], blank: false },
    ]);
  });

  it('reads a last line without a line end', async () => {
    const { rows } = await readAll(Buffer.from('a,b\r\n1,2\r\n3,4'), 'x.csv');
    expect(rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('is not fooled by delimiters inside quoted values when sniffing', async () => {
    const text = 'Nom,Adresse\r\n"Dupont; Fils","1; rue; de; la; Paix"\r\n"Martin; SA","2; rue"\r\n';
    const { file, rows } = await readAll(Buffer.from(text), 'x.csv');
    expect(file.delimiter).toBe(',');
    expect(rows[0]!.cells).toEqual(['Dupont; Fils', '1; rue; de; la; Paix']);
  });

  it('prefers the delimiter that splits lines consistently (decimal commas in a ";" file)', async () => {
    const text = 'Nom;Montant;Ville\r\nA;12,50;Paris\r\nB;3;Lyon\r\nC, fils;7,1;Nice\r\n';
    const { file } = await readAll(Buffer.from(text), 'x.csv');
    expect(file.delimiter).toBe(';');
  });

  it('reads a one-column file', async () => {
    const { file, rows } = await readAll(Buffer.from('Email\nA@x.example\nb@x.example\n'), 'x.csv');
    expect(file.header.cells).toEqual(['Email']);
    expect(rows.map((r) => r.cells)).toEqual([['A@x.example'], ['b@x.example']]);
  });

  it('takes a delimiter and an encoding when told', async () => {
    const bytes = iconv.encode('a|b;c\r\né|f;g\r\n', 'windows-1252');
    const { rows } = await readAll(bytes, 'x.csv', { delimiter: ';', encoding: 'windows-1252' });
    expect(rows[0]!.cells).toEqual(['é|f', 'g']);
  });

  describe('Windows-1252 characters of the bytes 80 to 9F (read as Latin-1, then put right)', () => {
    // The 27 bytes Windows-1252 gives a character (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
    const defined = Array.from({ length: 32 }, (_, i) => 0x80 + i).filter(
      (b) => ![0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b),
    );
    const chars = defined.map((b) => iconv.decode(Buffer.from([b]), 'windows-1252'));

    it('reads each of them, in the header, in plain and quoted cells, and across lines of one cell', async () => {
      expect(new Set(chars).size).toBe(27);
      expect(chars.every((c) => c.charCodeAt(0) > 0xff)).toBe(true);
      const text = [
        `Nom${chars[0]};Prénom`,
        ...chars.map((c, i) => `L${c}Atelier ${i};${c}`),
        `"Cœur ${chars.join('')}\r\nsuite ${chars[5]}";"a;${chars[7]}"`,
        'Zoé;Noël',
      ].join('\r\n');
      const { file, rows } = await readAll(iconv.encode(`${text}\r\n`, 'windows-1252'), 'x.csv');
      expect(file.encoding).toBe('windows-1252');
      expect(file.header?.cells).toEqual([`Nom${chars[0]}`, 'Prénom']);
      expect(rows.map((r) => r.cells)).toEqual([
        ...chars.map((c, i) => [`L${c}Atelier ${i}`, c]),
        [`Cœur ${chars.join('')}\r\nsuite ${chars[5]}`, `a;${chars[7]}`],
        ['Zoé', 'Noël'],
      ]);
      expect(rows.at(-1)?.line).toBe(31);
    });

    it('puts right every record that holds them, through feed pieces of 64K', async () => {
      // Every seventh record holds one, some at the start or the end of a cell; the file spans several pieces
      // fed to the parser (the records across a piece's end are parsed with the next one).
      const lines = Array.from({ length: 12000 }, (_, i) => {
        const c = chars[i % chars.length] ?? '';
        return i % 7 === 0
          ? [`${c}Client ${i}`, `c${i}@exemple.fr`, `Réf ${c}`]
          : [`Client ${i}`, `c${i}@exemple.fr`, 'é'];
      });
      const bytes = iconv.encode(
        `Nom;Email;Note\r\n${lines.map((l) => l.join(';')).join('\r\n')}\r\n`,
        'windows-1252',
      );
      expect(bytes.length).toBeGreaterThan(4 * 64 * 1024);
      for (const input of [bytes, trickle(bytes, 40_000)]) {
        const { rows } = await readAll(input, 'x.csv');
        expect(rows.map((r) => r.cells)).toEqual(lines);
      }
    });

    it('reads them after the switch from plain ASCII', async () => {
      const ascii = Array.from({ length: 3000 }, (_, i) => `Client ${i};c${i}@exemple.fr`).join('\r\n');
      const late = `L${chars[20]}Atelier du C${chars[24]}ur;${chars.join('')}\r\n`;
      const bytes = Buffer.concat([
        Buffer.from(`Nom;Email\r\n${ascii}\r\n`),
        iconv.encode(late, 'windows-1252'),
      ]);
      const { file, rows } = await readAll(bytes, 'late.csv');
      expect(file.encoding).toBe('windows-1252');
      expect(rows.at(-1)?.cells).toEqual([`L${chars[20]}Atelier du C${chars[24]}ur`, chars.join('')]);
    });
  });

  it('reads UTF-16 without a BOM', async () => {
    const { file, rows } = await readAll(
      iconv.encode('Name\tEmail\r\nZoé\tz@x.example\r\n', 'utf-16le'),
      'x.txt',
    );
    expect(file.encoding).toBe('utf-16le');
    expect(rows[0]!.cells).toEqual(['Zoé', 'z@x.example']);
  });

  it('switches to Windows-1252 when the first accent comes after 64 KB of plain ASCII', async () => {
    const ascii = Array.from({ length: 3000 }, (_, i) => `Client ${i};c${i}@exemple.fr`).join('\r\n');
    const bytes = Buffer.concat([
      Buffer.from(`Nom;Email\r\n${ascii}\r\n`),
      iconv.encode('Société Générale;sg@exemple.fr\r\n', 'windows-1252'),
    ]);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    const file = await openSpreadsheet(bytes, 'late.csv');
    expect(file.encoding).toBe('utf-8');
    const rows = [];
    for await (const row of file.rows) rows.push(row);
    expect(rows.at(-1)).toEqual({ line: 3002, cells: ['Société Générale', 'sg@exemple.fr'], blank: false });
    expect(file.encoding).toBe('windows-1252');
  });

  it('refuses a file that mixes UTF-8 and Windows-1252, naming the line', async () => {
    expect(await refusal(fixture('mixed-encoding.csv'), 'mixed-encoding.csv')).toEqual({
      code: 'mixed_encoding',
      params: { line: 4 },
    });
  });

  it('refuses mixed encodings met far into the file, naming the line', async () => {
    const utf8 = Array.from({ length: 3000 }, (_, i) => `Société ${i};é${i}@exemple.fr`).join('\n');
    const bytes = Buffer.concat([
      Buffer.from(`Nom;Email\n${utf8}\n`),
      iconv.encode('Zoé;z@x\n', 'windows-1252'),
    ]);
    expect(await refusal(trickle(bytes, 4096), 'x.csv')).toEqual({
      code: 'mixed_encoding',
      params: { line: 3002 },
    });
  });

  it('refuses an unterminated quote, naming the line where it opened', async () => {
    expect(await refusal(fixture('unterminated-quote.csv'), 'x.csv')).toEqual({
      code: 'unterminated_quote',
      params: { line: 3 },
    });
  });

  it('refuses an unterminated quote that would swallow the rest of a big file, without reading it all', async () => {
    const tail = 'x,y\r\n'.repeat(400_000);
    const bytes = Buffer.from(`a,b\r\n1,2\r\n"open,3\r\n${tail}`);
    expect(await refusal(bytes, 'x.csv', { maxLineBytes: 64 * 1024 })).toEqual({
      code: 'unterminated_quote',
      params: { line: 3 },
    });
  });

  it('refuses a quoted value followed by other characters', async () => {
    expect(await refusal(fixture('malformed-quote.csv'), 'x.csv')).toEqual({
      code: 'malformed_quote',
      params: { line: 2 },
    });
  });
});
