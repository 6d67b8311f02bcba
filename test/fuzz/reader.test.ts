/**
 * Fuzzing the reader entry point (`openSpreadsheet`) with random and structured bytes, each input read once
 * named `.csv` and once named `.xlsx`: the only exception allowed out is a `FileRefusal` with a known code,
 * every read ends (a timer fails the run otherwise), and a file read to the end has the shape the import
 * pipeline relies on. Fixed seeds: a failure is replayed by running the file again.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/domain/messages/index.ts';
import { cleanText } from '../../src/domain/text.ts';
import { formatCsvRow } from '../../src/files/csv-writer.ts';
import { isFileRefusal, type ReadOptions } from '../../src/files/index.ts';
import { openSpreadsheet, type SheetRow } from '../../src/files/reader.ts';
import { xlsxBuffer } from '../../src/files/xlsx-writer.ts';
import { everyCodeListed, fixture, type Listed, REFUSAL_CODES, trickle } from '../files/helpers.ts';
import { buildZip, sheetXml, workbookParts } from '../fixtures/zip.ts';

const SEED = 20_251_123;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });
/** A read that takes longer than this is taken for a hang (real reads of these inputs take milliseconds). */
const HANG_MS = 10_000;
const NAMES = ['fuzz.csv', 'fuzz.xlsx'] as const;
const MAX_COLUMNS = 40;

type Outcome =
  | { ok: true; header: string[]; headerLine: number; rows: SheetRow[] }
  | { ok: false; code: string };

/** Reads a whole input; a refusal is an outcome, any other exception fails the property, and so does a hang. */
async function read(bytes: Uint8Array, name: string, options: ReadOptions = {}): Promise<Outcome> {
  const opts: ReadOptions = {
    maxInflatedBytes: 4 * 1024 * 1024,
    maxSharedStringsBytes: 1024 * 1024,
    maxColumns: MAX_COLUMNS,
    ...options,
  };
  const attempt = (async (): Promise<Outcome> => {
    try {
      const file = await openSpreadsheet(bytes, name, opts);
      const rows: SheetRow[] = [];
      for await (const row of file.rows) rows.push(row);
      return { ok: true, header: file.header.cells, headerLine: file.header.line, rows };
    } catch (error) {
      if (isFileRefusal(error)) return { ok: false, code: error.code };
      throw error;
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no answer after ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    return await Promise.race([attempt, hang]);
  } finally {
    clearTimeout(timer);
  }
}

const isBlankCell = (cell: string) => cleanText(cell) === '';
// What no database text column can hold: a NUL, half of a surrogate pair.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const storable = (cells: string[]) => cells.every((c) => !c.includes('\u0000') && !LONE_SURROGATE.test(c));

/**
 * What the pipeline relies on in a file read to the end: a non-blank header, at least one data row, lines
 * that only go forward, blank rows flagged without cells, other rows within the column limit, and only text
 * the database can store.
 */
function checkShape(outcome: Outcome): void {
  if (!outcome.ok) {
    expect(REFUSAL_CODES as readonly string[]).toContain(outcome.code);
    return;
  }
  expect(outcome.headerLine).toBeGreaterThanOrEqual(1);
  expect(outcome.header.some((c) => !isBlankCell(c))).toBe(true);
  expect(outcome.header.length).toBeLessThanOrEqual(MAX_COLUMNS);
  expect(storable(outcome.header), JSON.stringify(outcome.header)).toBe(true);
  expect(outcome.rows.some((r) => !r.blank)).toBe(true);
  let previous = outcome.headerLine;
  for (const row of outcome.rows) {
    expect(row.line).toBeGreaterThan(previous);
    previous = row.line;
    expect(row.cells.every((c) => typeof c === 'string')).toBe(true);
    if (row.blank) {
      expect(row.cells).toEqual([]);
    } else {
      expect(row.cells.some((c) => !isBlankCell(c))).toBe(true);
      expect(row.cells.length).toBeLessThanOrEqual(MAX_COLUMNS);
      expect(storable(row.cells), JSON.stringify(row.cells)).toBe(true);
    }
  }
}

/** Reads the input under both names and checks each outcome. */
async function readBothWays(bytes: Uint8Array, options?: ReadOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const name of NAMES) {
    const outcome = await read(bytes, name, options);
    checkShape(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

// ---- CSV-like text -------------------------------------------------------------------------------------------

const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'utf-16le-bom', 'windows-1252'] as const;
type Encoding = (typeof ENCODINGS)[number];

function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return iconv.encode(text, 'utf-16le');
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    case 'utf-16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'windows-1252':
      return iconv.encode(text, 'windows-1252');
  }
}

const DELIMITER = fc.constantFrom(',', ';', '\t', '|');
const NEWLINE = fc.constantFrom('\r\n', '\n', '\r');
// Pieces that matter to a CSV parser, mixed with ordinary and unusual text.
const PIECE = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '"',
      '""',
      ',',
      ';',
      '\t',
      '|',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '\u00a0',
      '\ufeff',
      '\u200b',
      '\u0000',
      "'=1+1",
      '=HYPERLINK("x")',
      'é',
      'Société',
      '€',
      '😀',
      '\ud800',
    ),
  },
);
const CELL = fc.array(PIECE, { maxLength: 5 }).map((p) => p.join(''));

/** A table written with a delimiter, a line end and a quoting style (which may be broken on purpose). */
const csvText = fc
  .record({
    rows: fc.array(fc.array(CELL, { minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 8 }),
    delimiter: DELIMITER,
    newline: NEWLINE,
    quoting: fc.constantFrom('none', 'needed', 'all', 'broken'),
    trailingNewline: fc.boolean(),
  })
  .map(({ rows, delimiter, newline, quoting, trailingNewline }) => {
    const records = rows.map((cells) => {
      if (quoting === 'none') return cells.join(delimiter);
      if (quoting === 'broken') return cells.map((c, i) => (i % 2 === 0 ? `"${c}` : c)).join(delimiter);
      return formatCsvRow(cells, delimiter as ',', quoting === 'all' ? 'all' : 'needed');
    });
    return records.join(newline) + (trailingNewline ? newline : '');
  });

describe('reader fuzzing: CSV-like text', () => {
  it('refuses with a known code or reads a well-formed table, in any encoding and under either name', async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.constantFrom(...ENCODINGS),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        fc.option(fc.integer({ min: 16, max: 300 }), { nil: undefined }),
        async (text, encoding, cut, maxLineBytes) => {
          const bytes = encode(text, encoding);
          await readBothWays(cut === undefined ? bytes : bytes.subarray(0, cut), { maxLineBytes });
        },
      ),
      runs(250),
    );
  });

  it('reads a rectangular, correctly quoted table back with every row as wide as the header', async () => {
    const plainCell = fc
      .array(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 6 }),
          PIECE.filter((p) => !p.includes('\u0000') && !p.includes('\ud800')),
        ),
        {
          maxLength: 4,
        },
      )
      .map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 6 }).chain((width) =>
          fc.array(fc.array(plainCell, { minLength: width, maxLength: width }), {
            minLength: 2,
            maxLength: 8,
          }),
        ),
        DELIMITER,
        fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be' as const),
        async (rows, delimiter, encoding) => {
          const text = `${rows.map((r) => formatCsvRow(r, delimiter as ',', 'all')).join('\r\n')}\r\n`;
          const outcome = await read(encode(text, encoding), 'table.csv', { delimiter: delimiter as ',' });
          checkShape(outcome);
          if (!outcome.ok) {
            // Only a table without a non-blank header or data row may be refused.
            expect(['empty_file', 'no_data_rows']).toContain(outcome.code);
            return;
          }
          const width = rows[0]!.length;
          expect(outcome.header).toHaveLength(width);
          for (const row of outcome.rows) if (!row.blank) expect(row.cells).toHaveLength(width);
        },
      ),
      runs(150),
    );
  });
});

// ---- Zip and XLSX --------------------------------------------------------------------------------------------

const ZIP_PREFIXES = [
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from([0x50, 0x4b, 0x05, 0x06]),
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
];

describe('reader fuzzing: bytes', () => {
  it('refuses random bytes, bare or behind a zip signature, with a known code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.constantFrom(...ZIP_PREFIXES), { nil: undefined }),
        fc.uint8Array({ maxLength: 4096 }),
        async (prefix, body) => {
          await readBothWays(prefix ? Buffer.concat([prefix, body]) : body);
        },
      ),
      runs(300),
    );
  });

  it('refuses random bytes followed by a valid end-of-central-directory record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 4, maxLength: 2048 }),
        fc.nat({ max: 0xffff }),
        fc.nat(),
        fc.nat(),
        async (body, entries, size, offset) => {
          const end = Buffer.alloc(22);
          end.writeUInt32LE(0x06054b50, 0);
          end.writeUInt16LE(entries, 8);
          end.writeUInt16LE(entries, 10);
          end.writeUInt32LE(size >>> 0, 12);
          end.writeUInt32LE(offset >>> 0, 16);
          await readBothWays(Buffer.concat([ZIP_PREFIXES[0]!, body, end]));
        },
      ),
      runs(200),
    );
  });
});

const FIXTURES = ['typed-cells.xlsx', 'sheets.xlsx', 'handmade.xlsx'].map(fixture);

describe('reader fuzzing: damaged workbooks', () => {
  it('refuses a real workbook cut anywhere, or reads what is left', async () => {
    const generated = await xlsxBuffer([
      {
        name: 'Contacts',
        header: ['Email', 'Nom du client'],
        rows: [
          ['a@b.fr', 'Acme'],
          ['c@d.fr', '=1+1'],
        ],
      },
    ]);
    const workbooks = [...FIXTURES, generated];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...workbooks.keys()),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
        async (which, at, tail) => {
          const workbook = workbooks[which]!;
          const cut = workbook.subarray(0, Math.floor(at * workbook.length));
          await readBothWays(tail ? Buffer.concat([cut, tail]) : cut);
        },
      ),
      runs(150),
    );
  });

  it('refuses a real workbook with a stretch of it overwritten, or reads it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIXTURES.keys()),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.uint8Array({ minLength: 1, maxLength: 48 }),
        async (which, at, patch) => {
          const damaged = Buffer.from(FIXTURES[which]!);
          Buffer.from(patch).copy(damaged, Math.floor(at * (damaged.length - 1)));
          await readBothWays(damaged);
        },
      ),
      runs(150),
    );
  });
});

// ---- Well-formed zips around random worksheet XML ------------------------------------------------------------

const REF = fc.oneof(
  fc.constantFrom('A1', 'B2', 'Z9', 'AA10', 'XFD1', 'A0', '1A', '', 'ZZZZZZZZ1', 'a3', 'A1048577'),
  fc.tuple(fc.constantFrom('A', 'B', 'C', 'AB'), fc.integer({ min: 0, max: 30 })).map(([c, r]) => `${c}${r}`),
);
const XML_TEXT = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => s.replace(/[<&]/g, '')),
  fc.constantFrom(
    '&amp;',
    '&lt;',
    '&#x41;',
    '&#0;',
    '&#xFFFFFF;',
    '&bogus;',
    '_x000D_',
    '_x0000_',
    '<![CDATA[x<y]]>',
    '&',
  ),
);
const CELL_XML = fc
  .record({
    ref: fc.option(REF, { nil: undefined }),
    type: fc.option(fc.constantFrom('s', 'str', 'inlineStr', 'b', 'e', 'd', 'n', 'x'), { nil: undefined }),
    style: fc.option(fc.constantFrom('0', '1', '99', '-1', 'x'), { nil: undefined }),
    body: fc.oneof(
      XML_TEXT.map((t) => `<v>${t}</v>`),
      fc.integer({ min: -5, max: 1e6 }).map((n) => `<v>${n}</v>`),
      fc.double({ noNaN: false }).map((n) => `<v>${n}</v>`),
      XML_TEXT.map((t) => `<is><t>${t}</t></is>`),
      XML_TEXT.map((t) => `<is><r><t>${t}</t></r><rPh><t>phonetic</t></rPh></is>`),
      fc.constant(''),
      fc.constant('<v>'),
    ),
  })
  .map(({ ref, type, style, body }) => {
    const attrs = [
      ref === undefined ? '' : ` r="${ref}"`,
      type ? ` t="${type}"` : '',
      style ? ` s="${style}"` : '',
    ];
    return `<c${attrs.join('')}>${body}</c>`;
  });
const ROW_XML = fc
  .record({
    r: fc.option(
      fc.oneof(fc.integer({ min: -1, max: 40 }).map(String), fc.constantFrom('x', '1048577', '')),
      {
        nil: undefined,
      },
    ),
    cells: fc.array(CELL_XML, { maxLength: 6 }),
    broken: fc.boolean(),
  })
  .map(
    ({ r, cells, broken }) =>
      `<row${r === undefined ? '' : ` r="${r}"`}>${cells.join('')}${broken ? '' : '</row>'}`,
  );
const SHARED_STRINGS = fc
  .array(XML_TEXT, { maxLength: 5 })
  .map(
    (items) =>
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items.map((t) => `<si><t>${t}</t></si>`).join('')}</sst>`,
  );

describe('reader fuzzing: random worksheets in a sound zip', () => {
  it('refuses malformed sheet XML with a known code, or reads it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(ROW_XML, { maxLength: 8 }),
        fc.option(SHARED_STRINGS, { nil: undefined }),
        fc.constantFrom(0 as const, 8 as const),
        fc.constantFrom('', 'x', '<!DOCTYPE x>', '<?xml version="1.0"?>', '</sheetData>'),
        async (rows, sharedStringsXml, method, noise) => {
          const parts = workbookParts({ sheetXml: sheetXml(rows.join('') + noise), sharedStringsXml }).map(
            (p) => ({
              ...p,
              method,
            }),
          );
          await readBothWays(buildZip(parts));
        },
      ),
      runs(250),
    );
  });
});

it('lists every refusal code with an English and a French message', () => {
  expect(everyCodeListed).toBe(true);
  for (const code of REFUSAL_CODES as readonly Listed[]) {
    expect(MESSAGES[code]?.en, code).toBeTruthy();
    expect(MESSAGES[code]?.fr, code).toBeTruthy();
  }
});

describe('found by the fuzzer', () => {
  // A CR-delimited file with a stray CRLF: the record after it was given the line of the one before (a data
  // row on the header's line), because the CR ending a record was only counted once its LF was seen.
  it('numbers lines as an editor does when a CR-delimited file holds a CRLF, across chunk boundaries', async () => {
    const records = ['Email;Name'];
    for (let i = 0; records.join('\r').length < 80_000; i++) records.push(`r${i}@example.com;Row ${i}`);
    // Every 7th line ends with CRLF; CR stays the majority, so CR is the record separator.
    const text = records.map((r, i) => r + (i % 7 === 3 ? '\r\n' : '\r')).join('');
    const bytes = Buffer.from(text, 'utf8');
    for (const size of [bytes.length, 7, 997, 1000, 4096]) {
      const file = await openSpreadsheet(trickle(bytes, size), 'cr.csv');
      const lines: number[] = [];
      for await (const row of file.rows) lines.push(row.line);
      expect(file.header.line).toBe(1);
      expect(lines, `chunks of ${size}`).toEqual(records.slice(1).map((_, i) => i + 2));
    }
  });

  it('reads the smallest failing input with its data row after the header', async () => {
    const outcome = await read(Buffer.from('€\r\n,\r\r#', 'utf8'), 'x.csv');
    expect(outcome).toMatchObject({ ok: true, headerLine: 1, header: ['€'] });
    if (outcome.ok)
      expect(outcome.rows.map((r) => [r.line, r.blank])).toEqual([
        [2, true],
        [3, true],
        [4, false],
      ]);
  });
});
