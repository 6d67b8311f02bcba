import iconv from 'iconv-lite';

/** Builds a delimited text file as Excel on Windows saves it: CRLF line ends, Windows-1252 bytes. */
export function windows1252(rows: string[][], delimiter: string): Buffer {
  const cell = (c: string) => (c.includes(delimiter) || c.includes('"') ? `"${c.replaceAll('"', '""')}"` : c);
  const text = `${rows.map((r) => r.map(cell).join(delimiter)).join('\r\n')}\r\n`;
  return iconv.encode(text, 'win1252');
}

/** Decodes a downloaded CSV: UTF-8, with the BOM spreadsheets need to read accents, removed and reported. */
export function readCsv(bytes: Buffer): { bom: boolean; lines: string[] } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  return { bom, lines: text.split(/\r\n|\n/).filter((l) => l !== '') };
}
