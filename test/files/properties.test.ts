import { isAscii, isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/domain/text.ts';
import { BreakCounter, countBreaks } from '../../src/files/csv-layout.ts';
import { formatCsvRow, type Quoting } from '../../src/files/csv-writer.ts';
import { detectEncoding } from '../../src/files/detect.ts';
import { isFileRefusal } from '../../src/files/errors.ts';
import { DELIMITERS, type Delimiter, type TextEncoding } from '../../src/files/options.ts';
import { fixture, readAll, trickle } from './helpers.ts';

const RUNS = { seed: 42, numRuns: 200 };

// Control characters other than tab and line breaks make a file look binary; a leading U+FEFF is a BOM.
const textChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => {
  const code = c.charCodeAt(0);
  return code !== 0xfeff && (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d);
});
const special = fc.constantFrom('"', ',', ';', '\t', '|', '\r', '\n', '\r\n', ' ', "'", '=', '-', '+', '@');
const cellOf = (char: fc.Arbitrary<string>) =>
  fc
    .array(fc.oneof({ weight: 3, arbitrary: char }, { weight: 1, arbitrary: special }), { maxLength: 12 })
    .map((a) => a.join(''));

const WIN1252 = [...'abcXYZ019 .@àâçéèêëîïôöùûüÿÀÉÈÇŒœ€’«»°²µßñÑæÆ'];
const win1252Char = fc.constantFrom(...WIN1252);

const isBlank = (cells: string[]) => cells.every((c) => cleanText(c) === '');

function tableOf(cell: fc.Arbitrary<string>) {
  return fc
    .integer({ min: 1, max: 5 })
    .chain((width) =>
      fc
        .array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 2, maxLength: 8 })
        .filter((rows) => !isBlank(rows[0]!) && rows.slice(1).some((r) => !isBlank(r))),
    );
}

function encode(text: string, encoding: TextEncoding, bom: boolean): Buffer {
  const marks: Record<TextEncoding, number[]> = {
    'utf-8': [0xef, 0xbb, 0xbf],
    'utf-16le': [0xff, 0xfe],
    'utf-16be': [0xfe, 0xff],
    'windows-1252': [],
  };
  return Buffer.concat([Buffer.from(bom ? marks[encoding] : []), iconv.encode(text, encoding)]);
}

/** What a table written as CSV must read back to: rows after the header, blank ones flagged, with their lines. */
function expected(records: string[], rows: string[][]) {
  let line = 1 + (records[0]!.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  return rows.slice(1).map((cells, i) => {
    const row = { line, cells: isBlank(cells) ? [] : cells, blank: isBlank(cells) };
    line += (records[i + 1]!.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
    return row;
  });
}

async function roundTrip(
  rows: string[][],
  delimiter: Delimiter,
  quoting: Quoting,
  encoding: TextEncoding,
  bom: boolean,
  hints: boolean,
): Promise<void> {
  const records = rows.map((r) => formatCsvRow(r, delimiter, quoting));
  const bytes = encode(`${records.join('\r\n')}\r\n`, encoding, bom);
  const read = await readAll(trickle(bytes, 997), 'table.csv', hints ? { delimiter, encoding } : {});
  expect(read.file.header.cells).toEqual(rows[0]);
  expect(read.rows).toEqual(expected(records, rows));
  if (!hints) expect([read.file.delimiter, read.file.encoding]).toEqual([delimiter, encoding]);
}

describe('CSV round trip (property-based)', () => {
  const unicodeEncodings: [TextEncoding, boolean][] = [
    ['utf-8', false],
    ['utf-8', true],
    ['utf-16le', true],
    ['utf-16be', true],
  ];

  it('reads back any table written with any delimiter, quoting and Unicode encoding', async () => {
    await fc.assert(
      fc.asyncProperty(
        tableOf(cellOf(textChar)),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom<Quoting>('needed', 'all'),
        fc.constantFrom(...unicodeEncodings),
        async (rows, delimiter, quoting, [encoding, bom]) =>
          roundTrip(rows, delimiter, quoting, encoding, bom, true),
      ),
      RUNS,
    );
  });

  it('reads back any Windows-1252 table', async () => {
    await fc.assert(
      fc.asyncProperty(
        tableOf(cellOf(win1252Char)),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom<Quoting>('needed', 'all'),
        async (rows, delimiter, quoting) => roundTrip(rows, delimiter, quoting, 'windows-1252', false, true),
      ),
      RUNS,
    );
  });

  it('detects the delimiter and the encoding by itself when every cell is quoted', async () => {
    const encodings: [TextEncoding, boolean][] = [...unicodeEncodings, ['windows-1252', false]];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...encodings).chain(([encoding, bom]) =>
          fc.tuple(
            fc.constant(encoding),
            fc.constant(bom),
            tableOf(cellOf(encoding === 'windows-1252' ? win1252Char : textChar)).filter(
              (r) => r[0]!.length >= 2,
            ),
          ),
        ),
        fc.constantFrom(...DELIMITERS),
        async ([encoding, bom, rows], delimiter) => {
          if (encoding === 'windows-1252') {
            // Windows-1252 text that is also valid UTF-8 (or starts like it) cannot be told apart: skip it.
            const bytes = encode(
              rows.map((r) => formatCsvRow(r, delimiter, 'all')).join('\r\n'),
              encoding,
              false,
            );
            fc.pre(!isUtf8(bytes) && !isAscii(bytes) && detectEncoding(bytes).encoding === 'windows-1252');
          }
          await roundTrip(rows, delimiter, 'all', encoding, bom, false);
        },
      ),
      RUNS,
    );
  });
});

describe('reading arbitrary bytes (property-based)', () => {
  const xlsx = fixture('typed-cells.xlsx');
  const prefixes = [
    Buffer.alloc(0),
    Buffer.from('PK\u0003\u0004', 'latin1'),
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.from([0xff, 0xfe]),
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('a;b\r\n"'),
  ];

  async function readsOrRefuses(bytes: Uint8Array, name: string): Promise<boolean> {
    try {
      await readAll(bytes, name, { maxInflatedBytes: 8 * 1024 * 1024 });
      return true;
    } catch (error) {
      if (isFileRefusal(error)) return true;
      throw error;
    }
  }

  it('never fails with anything but a coded refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 3000 }),
        fc.constantFrom('x.csv', 'x.txt', 'x.xlsx', 'x.xls'),
        async (prefix, body, name) => readsOrRefuses(Buffer.concat([prefix, body]), name),
      ),
      RUNS,
    );
  });

  it('never fails with anything but a coded refusal on a damaged workbook', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: xlsx.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        async (flips) => {
          const damaged = Buffer.from(xlsx);
          for (const [at, value] of flips) damaged[at] = value;
          return readsOrRefuses(damaged, 'x.xlsx');
        },
      ),
      RUNS,
    );
  });
});

describe('counting line breaks (property-based)', () => {
  it('counts each record of a text as the character loop does, whatever its breaks and wherever records end', () => {
    const piece = fc.constantFrom('a', 'bc', '"', ';', '\r', '\n', '\r\n', '\n\r', '\r\r', '\n\n');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        (text, cuts, crBefore) => {
          // Consecutive records, some empty, the last one running to the end of the text.
          const ends = [...cuts.map((c) => c % (text.length + 1)), text.length].sort((a, b) => a - b);
          const counter = new BreakCounter(text);
          let start = 0;
          let before = crBefore;
          for (const end of ends) {
            expect(counter.count(start, end, before)).toBe(countBreaks(text, start, end, before));
            if (end > start) before = text.charCodeAt(end - 1) === 13;
            start = end;
          }
        },
      ),
      { seed: 42, numRuns: 2000 },
    );
  });
});
